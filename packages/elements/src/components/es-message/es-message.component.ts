import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { msg, updateWhenLocaleChanges } from '@lit/localize';
import { EsElement } from '../../internal/es-element.js';
import { hostStyles } from '../../styles/host.styles.js';
import type { EsDismissEvent, EsDismissEventDetail } from '../../events/es-dismiss.js';
import { closeIcon, variantIcon } from './icons.js';
import { styles } from './es-message.styles.js';

/** What a message is about; decides icon, colours, the spoken prefix and the live-region role. */
export type EsMessageVariant = 'error' | 'warning' | 'info' | 'success';

const VARIANTS: readonly EsMessageVariant[] = ['error', 'warning', 'info', 'success'];

function toVariant(value: unknown): EsMessageVariant {
  return VARIANTS.includes(value as EsMessageVariant) ? (value as EsMessageVariant) : 'info';
}

/**
 * @summary A message box for errors, warnings, notices and confirmations.
 *
 * @tag es-message
 *
 * @slot - The message text.
 * @slot heading - The heading; replaces the `heading` property when used.
 *
 * @event {EsDismissEvent} es-dismiss - The user activated the dismiss button. Bubbles, composed, cancelable: `preventDefault()` keeps the message visible; otherwise it sets `hidden`. `detail.variant` is the message's variant.
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
 * @cssproperty --es-space-xs - Small gap (details list). Default: 0.25em.
 * @cssproperty --es-space-s - Gap between icon, text and button. Default: 0.5em.
 * @cssproperty --es-space-m - Inline padding. Default: 1em.
 * @cssproperty --es-radius - Corner radius. Default: 0.25em.
 */
export class EsMessage extends EsElement {
  static override styles = [hostStyles, styles];

  /**
   * `error` (announced at once, role `alert`), `warning`, `info` or `success`
   * (announced politely, role `status`). Unknown values count as `info`.
   */
  @property({ reflect: true }) variant: EsMessageVariant = 'info';

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
    const prefix = html`<span class="visually-hidden">${this.variantLabel(variant)} </span>`;
    const details = this.details ?? [];

    return html`
      <div part="base" class="base">
        <span part="icon" class="icon">${variantIcon(variant)}</span>
        <div class="content" role=${variant === 'error' ? 'alert' : 'status'}>
          <div
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
            : nothing}
        </div>
        ${this.dismissible
          ? html`<button
              part="dismiss"
              class="dismiss"
              type="button"
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
    if (this.dispatchEvent(event)) this.hidden = true;
  }
}
