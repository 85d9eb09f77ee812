import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { keyed } from 'lit/directives/keyed.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { EsElement } from '../../internal/es-element.js';
import { focusTargetFor } from '../../internal/focus.js';
import { uiLang } from '../../internal/ui-lang.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { EsDismissEvent, EsDismissEventDetail } from '../../events/es-dismiss.js';
import { closeIcon, variantIcon } from './icons.js';
import { styles } from './es-message.styles.js';

/** What a message is about; decides icon, colours, the spoken prefix and whether `live="auto"` announces it. */
export type EsMessageVariant = 'error' | 'warning' | 'info' | 'success';

/**
 * Whether a message is announced by screen readers when it appears or
 * changes: `assertive` (role `alert`, interrupts), `polite` (role `status`,
 * waits for a pause), `off` (not a live region: read in page order), or
 * `auto`: `assertive` for `error`, `polite` for `success`, `off` for `info`
 * and `warning`.
 */
export type EsMessageLive = 'auto' | 'assertive' | 'polite' | 'off';

const VARIANTS: readonly EsMessageVariant[] = ['error', 'warning', 'info', 'success'];
const LIVE_VALUES: readonly EsMessageLive[] = ['auto', 'assertive', 'polite', 'off'];

function toVariant(value: unknown): EsMessageVariant {
  return VARIANTS.includes(value as EsMessageVariant) ? (value as EsMessageVariant) : 'info';
}

/** The live-region role for a variant and a `live` value (unknown values count as `auto`). */
function liveRole(variant: EsMessageVariant, live: unknown): 'alert' | 'status' | undefined {
  const setting = LIVE_VALUES.includes(live as EsMessageLive) ? (live as EsMessageLive) : 'auto';
  const politeness =
    setting !== 'auto' ? setting : variant === 'error' ? 'assertive' : variant === 'success' ? 'polite' : 'off';
  return politeness === 'assertive' ? 'alert' : politeness === 'polite' ? 'status' : undefined;
}

/**
 * A message box for errors, warnings, notices and confirmations.
 *
 * **Announcements.** With `live="auto"` (the default) an `error` is
 * announced at once (role `alert`) and a `success` politely (role `status`)
 * when the message appears, is shown again (`hidden` removed) or its text
 * changes; `info` and `warning` are static notices, read in page order. Set
 * `live` to override: `off` for a message that is part of the page or that
 * takes focus (an error summary), `polite` or `assertive` for a notice that
 * appears after the page has loaded. So that screen readers notice, an
 * announced message renders its live region empty first and fills it after
 * the next frame; a change of role (through `variant` or `live`) starts a
 * fresh region the same way.
 *
 * **Focus after dismissing.** When the user dismisses the message while focus
 * is inside it, focus moves to the next element reachable with Tab after the
 * message (shadow trees included), else the previous one, else the nearest
 * focusable ancestor (such as a container with `tabindex="-1"`), instead of
 * falling back to the top of the page. A host decides otherwise in its
 * `es-dismiss` listener: move focus somewhere else (the message keeps that),
 * or call `preventDefault()` to keep the message and handle focus and hiding
 * itself.
 *
 * **Language.** The element's own words (the spoken "Error:" prefix, the
 * dismiss button's name) carry `lang` of the UI locale; slotted content and
 * `heading`/`details` text are the page's and inherit its language.
 *
 * @summary A message box for errors, warnings, notices and confirmations.
 *
 * @tag es-message
 *
 * @slot - The message text.
 * @slot heading - The heading; replaces the `heading` property when used.
 *
 * @attribute {boolean} hidden - The standard attribute, set when the user dismisses the message. Removing it shows the message again and, if it is announced, announces it again.
 *
 * @event {EsDismissEvent} es-dismiss - The user activated the dismiss button. Bubbles, composed, cancelable: `preventDefault()` keeps the message visible (and focus where it is); otherwise the message sets `hidden` and, if focus was inside it and no listener moved it, moves focus to the next sensible element (see "Focus after dismissing" above). `detail.variant` is the message's variant.
 *
 * @csspart base - The box: border, background, layout.
 * @csspart icon - The variant icon (decorative; the variant is also spoken as text).
 * @csspart heading - The heading line.
 * @csspart body - The message text (default slot).
 * @csspart details - The list rendered from `details`.
 * @csspart dismiss - The dismiss button.
 *
 * @cssproperty --es-font-family - Font family. Default: inherited from the page.
 * @cssproperty --es-line-height - Line height. Default: 1.5.
 * @cssproperty --es-color-text - Text colour.
 * @cssproperty --es-color-error - Border and icon colour of `error`.
 * @cssproperty --es-color-error-surface - Background of `error`.
 * @cssproperty --es-color-warning - Border and icon colour of `warning`.
 * @cssproperty --es-color-warning-surface - Background of `warning`.
 * @cssproperty --es-color-info - Border and icon colour of `info`.
 * @cssproperty --es-color-info-surface - Background of `info`.
 * @cssproperty --es-color-success - Border and icon colour of `success`.
 * @cssproperty --es-color-success-surface - Background of `success`.
 * @cssproperty --es-color-hover - Background of the dismiss button on hover.
 * @cssproperty --es-color-focus - Focus ring colour.
 * @cssproperty --es-focus-ring - Focus ring (an `outline` value). Default: 0.1875em solid the focus colour.
 * @cssproperty --es-focus-ring-offset - Focus ring offset. Default: 0.125em.
 * @cssproperty --es-space-2xs - Gap between items of the details list. Default: 0.125em.
 * @cssproperty --es-space-xs - Gap above the details list. Default: 0.25em.
 * @cssproperty --es-space-s - Gap between icon, text and button. Default: 0.5em.
 * @cssproperty --es-space-m - Inline padding. Default: 1em.
 * @cssproperty --es-radius - Corner radius. Default: 0.25em.
 */
export class EsMessage extends EsElement {
  static override styles = [hostStyles, styles];

  /**
   * `error`, `warning`, `info` or `success`: icon, colours and the spoken
   * prefix ("Error:"); with `live="auto"` also whether the message is
   * announced. Unknown values count as `info`.
   */
  @property({ reflect: true }) variant: EsMessageVariant = 'info';

  /**
   * Screen reader announcement: `auto` (default: `error` assertive, `success`
   * polite, `info` and `warning` not announced), `assertive`, `polite` or
   * `off`. Unknown values count as `auto`.
   */
  @property({ reflect: true }) live: EsMessageLive = 'auto';

  /** Heading text. The `heading` slot takes precedence. */
  @property() heading = '';

  /**
   * Makes the heading a real heading of this level (1–6) for screen reader
   * navigation. Without it the heading is bold text, so the message never
   * breaks the page's heading outline.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel?: number;

  /** Items listed under the text, for example every field that needs fixing. */
  @property({ attribute: false }) details: readonly string[] = [];

  /** Shows a dismiss button that fires `es-dismiss` and then hides the message. */
  @property({ type: Boolean, reflect: true }) dismissible = false;

  @state() private hasSlottedHeading = false;

  /** Whether the live region holds its content (always true without a live region). */
  @state() private filled = false;

  /** The role of the live region in the DOM now; a different one means a fresh, empty node. */
  private renderedRole: 'alert' | 'status' | undefined;

  private fillFrame: number | undefined;
  private fillTimer: ReturnType<typeof setTimeout> | undefined;
  private fillDone: Promise<void> | undefined;
  private resolveFill: (() => void) | undefined;

  static override get observedAttributes(): string[] {
    // `hidden` is HTMLElement's own attribute: watched to announce the message
    // again when it is shown again.
    return [...super.observedAttributes, 'hidden'];
  }

  constructor() {
    super();
    // Registered without @customElement (see es-message.ts), so the
    // controller goes in here; with decorators it would be @customElement on
    // top and @localized() below it.
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.hasSlottedHeading = this.querySelector(':scope > [slot="heading"]') !== null;
    // Inserted again (e.g. moved): a new appearance, announced like the first.
    if (this.hasUpdated) this.emptyLiveRegion();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.emptyLiveRegion();
  }

  override attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    super.attributeChangedCallback(name, old, value);
    // Hidden or shown again: empty the region, so it is filled (and
    // announced) after the message is rendered again.
    if (name === 'hidden' && (old === null) !== (value === null)) this.emptyLiveRegion();
  }

  /**
   * Resolves once the element has rendered, including filling its live
   * region (a frame after it appears), so `await el.updateComplete` sees the
   * content. Browsers run no frames in a background tab: there the region is
   * filled, and announced, when the tab is shown.
   */
  protected override async getUpdateComplete(): Promise<boolean> {
    let result = await super.getUpdateComplete();
    while (this.fillDone) {
      await this.fillDone;
      result = await super.getUpdateComplete();
    }
    return result;
  }

  protected override willUpdate(): void {
    const role = liveRole(toVariant(this.variant), this.live);
    if (role !== this.renderedRole) {
      // keyed() below renders a new node for the new role; it starts empty.
      this.renderedRole = role;
      this.filled = false;
      this.cancelFill();
    }
  }

  protected override updated(): void {
    if (this.renderedRole === undefined || this.filled) {
      this.settleFill();
    } else if (this.isConnected && !this.hidden) {
      this.scheduleFill();
    } else {
      this.cancelFill();
    }
  }

  /** Removes the live region's content; it is filled again when the message is rendered. */
  private emptyLiveRegion(): void {
    this.cancelFill();
    this.filled = false;
    // Also when already empty: updated() schedules the next fill.
    this.requestUpdate();
  }

  /**
   * Fills the live region after the browser has rendered (and built the
   * accessibility tree for) the empty region: after the next frame. A region
   * created already holding its text is often not announced.
   */
  private scheduleFill(): void {
    if (this.fillFrame !== undefined || this.fillTimer !== undefined) return;
    this.fillDone ??= new Promise<void>((resolve) => (this.resolveFill = resolve));
    this.fillFrame = requestAnimationFrame(() => {
      this.fillFrame = undefined;
      // A task queued from a frame callback runs after that frame is rendered.
      this.fillTimer = setTimeout(() => {
        this.fillTimer = undefined;
        this.filled = true;
      });
    });
  }

  private cancelFill(): void {
    if (this.fillFrame !== undefined) cancelAnimationFrame(this.fillFrame);
    if (this.fillTimer !== undefined) clearTimeout(this.fillTimer);
    this.fillFrame = this.fillTimer = undefined;
    this.settleFill();
  }

  /** Lets `updateComplete` resolve: nothing is waiting to be filled any more. */
  private settleFill(): void {
    const resolve = this.resolveFill;
    this.fillDone = this.resolveFill = undefined;
    resolve?.();
  }

  /** The spoken prefix for the variant, e.g. "Fel:" / "Error:". */
  private variantLabel(variant: EsMessageVariant): string {
    switch (variant) {
      case 'error':
        return msg('Error:', { id: 'es-message.variant.error', desc: 'Spoken before an error message' });
      case 'warning':
        return msg('Warning:', { id: 'es-message.variant.warning', desc: 'Spoken before a warning' });
      case 'success':
        return msg('Success:', { id: 'es-message.variant.success', desc: 'Spoken before a success message, e.g. a sent case' });
      default:
        return msg('Information:', { id: 'es-message.variant.info', desc: 'Spoken before a notice' });
    }
  }

  protected override render(): TemplateResult {
    const variant = toVariant(this.variant);
    const hasHeading = this.heading !== '' || this.hasSlottedHeading;
    const level =
      this.headingLevel !== undefined && this.headingLevel >= 1 && this.headingLevel <= 6
        ? Math.round(this.headingLevel)
        : undefined;
    // `lang` only on the elements holding msg() strings: the UI locale may
    // differ from the page's language; slotted text is the page's.
    const lang = uiLang();
    const prefix = html`<span class="visually-hidden" lang=${lang}>${this.variantLabel(variant)} </span>`;
    const details = this.details ?? [];
    const role = this.renderedRole;

    const content = html`<div
        part="heading"
        class="heading"
        ?hidden=${!hasHeading}
        role=${ifDefined(level === undefined ? undefined : 'heading')}
        aria-level=${ifDefined(level)}
      >
        ${hasHeading ? prefix : nothing}<slot name="heading" @slotchange=${this.onHeadingSlotChange}
          >${this.heading}</slot
        >
      </div>
      <div part="body" class="body">${hasHeading ? nothing : prefix}<slot></slot></div>
      ${details.length > 0
        ? html`<ul part="details" class="details">
            ${details.map((item) => html`<li>${item}</li>`)}
          </ul>`
        : nothing}`;

    return html`
      <div part="base" class="base">
        <span part="icon" class="icon">${variantIcon(variant)}</span>
        ${keyed(
          role ?? 'none',
          html`<div class="content" role=${ifDefined(role)}>${role === undefined || this.filled ? content : nothing}</div>`,
        )}
        ${this.dismissible
          ? html`<button
              part="dismiss"
              class="dismiss"
              type="button"
              lang=${lang}
              aria-label=${msg('Dismiss message', { id: 'es-message.dismiss', desc: 'Accessible name of the close button' })}
              @click=${this.onDismissClick}
            >
              ${closeIcon}
            </button>`
          : nothing}
      </div>
    `;
  }

  private onHeadingSlotChange(event: Event): void {
    const slot = event.target as HTMLSlotElement;
    this.hasSlottedHeading = slot.assignedNodes().some(
      (node) => node.nodeType === Node.ELEMENT_NODE || (node.textContent ?? '').trim() !== '',
    );
  }

  private onDismissClick(): void {
    const detail: EsDismissEventDetail = { variant: toVariant(this.variant) };
    const event: EsDismissEvent = new CustomEvent('es-dismiss', {
      bubbles: true,
      composed: true,
      cancelable: true,
      detail,
    });
    if (!this.dispatchEvent(event)) return;
    // Focus still inside (on the button, or a slotted link) and not moved by
    // a listener: it would drop to <body> once the message is hidden.
    const target = this.matches(':focus-within') ? focusTargetFor(this) : undefined;
    this.hidden = true;
    target?.focus();
  }
}
