import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { updateWhenLocaleChanges } from '@lit/localize';
import { isRetryable } from '@eservice-kit/core';
import type { Created, FeedbackRequest, Transport, TransportResult } from '@eservice-kit/core';
import { EsElement } from '../../internal/es-element.js';
import { uiLang } from '../../internal/ui-lang.js';
import { hostStyles } from '../../styles/host.styles.js';
import { HttpTransport } from '../../transport/http-transport.js';
import type { EsFeedbackEvent, EsFeedbackEventDetail } from '../../events/es-feedback.js';
import { answeredKey, isAnswered, rememberAnswered } from './answered.js';
import type { PromptSubject } from './answered.js';
import { defaultWording } from './wording.js';
import type { EsFeedbackWording, EsFeedbackWordingId } from './wording.js';
import { styles } from './es-feedback.styles.js';

/** `rating`: a 5-point satisfaction scale; `thumbs`: "Was this page helpful? Yes / No". */
export type EsFeedbackVariant = 'rating' | 'thumbs';

/** A point on the satisfaction scale, 1 (very dissatisfied) to 5 (very satisfied). */
export type EsFeedbackRating = 1 | 2 | 3 | 4 | 5;

/** Most characters in a comment, counted in Unicode code points as the server's schema counts them. */
const MAX_COMMENT_LENGTH = 1200;

/** Quiet time after the last keystroke before the character count is announced. */
const COUNT_ANNOUNCE_DELAY_MS = 1000;

const RATINGS: readonly EsFeedbackRating[] = [1, 2, 3, 4, 5];

type Words = Record<EsFeedbackWordingId, string>;

const codePoints = (text: string): number => [...text].length;

/** An attribute's trimmed value; `undefined` when missing or blank. */
function given(value: string | null | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Asks the citizen how it went: on a receipt (where `<es-service>` embeds
 * it) or standalone on any page.
 *
 * **Variants.** `rating` (default): "Overall, how satisfied are you with this
 * e-service?" on a labelled 5-point scale (radio buttons), an optional "How
 * could we improve it?" text of at most 1,200 characters and a send button.
 * The scale is required: sending without a point shows an error under the
 * question and moves focus to the first option. `thumbs`: "Was this page
 * helpful? Yes / No"; after either answer the optional text and the send
 * button appear.
 *
 * **Sending.** The answer goes to `transport` (or an `HttpTransport` for
 * `api`) as a `FeedbackRequest`: `serviceId`, `topic`, `definitionHash`,
 * `reference` as set, the UI `locale`, `rating` or `helpful`, and the trimmed
 * `comment` unless empty. While it is on its way the send button stays
 * focusable but `aria-disabled`, and a second activation sends nothing. On
 * success the thank-you text replaces the prompt; focus moves to it when it
 * was inside the element (else it is announced politely) and `es-feedback`
 * fires. A failure shows an error message, with "Try again" when trying again
 * may help; the answer and text are kept.
 *
 * **Never asks twice.** Once an answer about a case (`service-id` +
 * `reference`; else `topic`; else `service-id` alone) is stored, the element
 * shows the thank-you text instead of the prompt for the rest of the tab's
 * session, also when it is created again. Only a hash of that subject is kept
 * (in `sessionStorage`, in memory where storage is unavailable).
 *
 * **Character count.** Shown under the text field and read with it; screen
 * readers also hear it politely a second after typing pauses, not on every
 * keystroke. Going over the limit is allowed while typing (nothing pasted is
 * cut off silently) and stops sending with an error.
 *
 * **Misconfigured.** Without `api` or `transport`, or without `service-id`
 * and `topic`, the element shows a short error instead of the prompt and logs
 * what is missing to the console.
 *
 * **Language.** Every text is the element's own (defaults in the UI locale,
 * or `wording`), so the whole element carries `lang` of the UI locale.
 *
 * @summary A feedback prompt: a 5-point satisfaction scale or Yes / No, an optional comment, a thank-you.
 *
 * @tag es-feedback
 *
 * @dependency es-message
 *
 * @event {EsFeedbackEvent} es-feedback - The server stored the answer. Bubbles, composed. `detail.feedback` is the `FeedbackRequest` sent (comment included), `detail.id` the id the server gave it. Not fired when the prompt is shown as already answered.
 *
 * @csspart base - The wrapper of everything.
 * @csspart heading - The heading of the rating variant ("Help us improve this e-service"), and the thank-you text.
 * @csspart question - The question: the scale's legend, or the thumbs question.
 * @csspart scale - The fieldset holding the five options.
 * @csspart option - One option of the scale: its label with the radio button.
 * @csspart answer - A thumbs button ("Yes", "No").
 * @csspart label - The label of the text field.
 * @csspart help-text - The hint under the label ("No personal details, please.").
 * @csspart input - The text field.
 * @csspart count - The character count under the text field.
 * @csspart error - An error under the question or above the text field.
 * @csspart send - The send button.
 * @csspart failure - The `es-message` shown when sending failed.
 * @csspart thanks - The wrapper of the thank-you text.
 * @csspart link - The link to report an accessibility problem.
 *
 * @cssproperty --es-font-family - Font family. Default: inherited from the page.
 * @cssproperty --es-line-height - Line height. Default: 1.5.
 * @cssproperty --es-color-text - Text colour; also the background of the send button and a chosen thumbs answer.
 * @cssproperty --es-color-surface - Background of the text field; text colour of the send button.
 * @cssproperty --es-color-border - Border of the text field.
 * @cssproperty --es-color-error - Errors, the bar beside a field in error, a count over the limit.
 * @cssproperty --es-color-hover - Background of the thumbs and "Try again" buttons on hover.
 * @cssproperty --es-color-focus - Focus ring colour.
 * @cssproperty --es-focus-ring - Focus ring (an `outline` value). Default: 0.1875em solid the focus colour.
 * @cssproperty --es-focus-ring-offset - Focus ring offset. Default: 0.125em.
 * @cssproperty --es-space-xs - Gap between label, hint and field, and between the options. Default: 0.25em.
 * @cssproperty --es-space-s - Gap between a radio button and its label, and between buttons. Default: 0.5em.
 * @cssproperty --es-space-m - Gap between the parts of the prompt; inline padding of buttons. Default: 1em.
 * @cssproperty --es-radius - Corner radius of the text field and buttons. Default: 0.25em.
 */
export class EsFeedback extends EsElement {
  static override styles = [hostStyles, styles];

  /**
   * The tenant's base URL, e.g. `https://kommun.example/eservice`. An
   * `HttpTransport` for it is made when the first answer is sent. Ignored
   * when `transport` is set.
   */
  @property() api?: string;

  /** Any core `Transport` (a portal's own backend, a test double); wins over `api`. */
  @property({ attribute: false }) transport?: Transport;

  /** The e-service the feedback is about. `service-id` or `topic` is required. */
  @property({ attribute: 'service-id' }) serviceId?: string;

  /** The definition hash of the e-service version the citizen used (sent along for the statistics). */
  @property({ attribute: 'definition-hash' }) definitionHash?: string;

  /** The case reference, on a receipt: the prompt is answered once per case. */
  @property() reference?: string;

  /**
   * What a standalone prompt is about, e.g. the page path (at most 200
   * characters). Without a `reference`, the prompt is answered once per topic.
   */
  @property() topic?: string;

  /** `rating` (default): the 5-point scale; `thumbs`: "Was this page helpful? Yes / No". Unknown values count as `rating`. */
  @property({ reflect: true }) variant: EsFeedbackVariant = 'rating';

  /**
   * Texts replacing the defaults: message id → `{ sv, en }` (either may be
   * left out; that locale keeps the default). Ids:
   * `es-feedback.heading`, `es-feedback.question`, `es-feedback.scale.1` …
   * `es-feedback.scale.5` (very dissatisfied … very satisfied),
   * `es-feedback.thumbs.question`, `es-feedback.thumbs.yes`,
   * `es-feedback.thumbs.no`, `es-feedback.improve` (label of the text field),
   * `es-feedback.optional`, `es-feedback.hint`, `es-feedback.hint.contact`,
   * `es-feedback.hint.contact-link`, `es-feedback.count.left`,
   * `es-feedback.count.left-one`, `es-feedback.count.over`,
   * `es-feedback.count.over-one` (each after the number),
   * `es-feedback.send`, `es-feedback.sending`, `es-feedback.error.prefix`,
   * `es-feedback.error.rating`, `es-feedback.error.too-long`,
   * `es-feedback.failed.heading`, `es-feedback.failed.retryable`,
   * `es-feedback.failed.rejected`, `es-feedback.retry`, `es-feedback.thanks`,
   * `es-feedback.accessibility-report`, `es-feedback.misconfigured`.
   */
  @property({ attribute: false }) wording: EsFeedbackWording = {};

  /** Where to report an accessibility problem; when set, a link to it follows the prompt. */
  @property({ attribute: 'accessibility-report-url' }) accessibilityReportUrl?: string;

  /** A contact page for questions about a case; when set, the hint ends with "Questions about your case: contact us." linking to it. */
  @property({ attribute: 'contact-url' }) contactUrl?: string;

  /**
   * Makes the heading (rating), the question (thumbs) and the thank-you text
   * real headings of this level (1–6). Without it they are bold text, so the
   * prompt never breaks the page's heading outline.
   */
  @property({ attribute: 'heading-level', type: Number }) headingLevel?: number;

  @state() private rating: EsFeedbackRating | undefined;
  @state() private helpful: boolean | undefined;
  @state() private comment = '';
  @state() private sending = false;
  @state() private ratingInvalid = false;
  @state() private commentInvalid = false;
  /** Why the last send failed: `retryable` offers "Try again". */
  @state() private failure: 'retryable' | 'rejected' | undefined;
  @state() private answered = false;
  /** Text of the polite live region (the character count, or the thanks when focus stayed elsewhere). */
  @state() private announcement = '';

  /** Storage key of the subject the prompt is about now. */
  private key: string | undefined;
  private http: { readonly api: string; readonly transport: HttpTransport } | undefined;
  private announceTimer: ReturnType<typeof setTimeout> | undefined;
  private loggedProblem: string | undefined;

  constructor() {
    super();
    // Registered without @customElement (see es-feedback.ts), so the
    // controller goes in here.
    updateWhenLocaleChanges(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.announceTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('serviceId') && !changed.has('reference') && !changed.has('topic')) return;
    const key = answeredKey(this.subject());
    if (key === this.key) return;
    // A prompt about another case or page: start afresh.
    this.key = key;
    clearTimeout(this.announceTimer);
    this.rating = this.helpful = this.failure = undefined;
    this.comment = this.announcement = '';
    this.ratingInvalid = this.commentInvalid = false;
    this.answered = key !== undefined && isAnswered(key);
  }

  protected override updated(): void {
    const problem = this.misconfiguration();
    if (problem !== this.loggedProblem) {
      this.loggedProblem = problem;
      // For the web editor: the citizen sees only that feedback is unavailable.
      if (problem) console.error(`eservice-kit: <es-feedback> ${problem}`);
    }
  }

  private subject(): PromptSubject {
    return { serviceId: given(this.serviceId), reference: given(this.reference), topic: given(this.topic) };
  }

  private misconfiguration(): string | undefined {
    if (!this.transport && given(this.api) === undefined) {
      return 'needs the api attribute (the tenant base URL) or the transport property.';
    }
    if (given(this.serviceId) === undefined && given(this.topic) === undefined) {
      return 'needs a service-id or a topic attribute.';
    }
    return undefined;
  }

  /** The texts in the UI locale, with `wording` applied. */
  private words(): Words {
    const lang = uiLang();
    const words: Words = defaultWording();
    for (const [id, texts] of Object.entries(this.wording ?? {})) {
      const text = (texts as Readonly<Record<string, string | undefined>> | undefined)?.[lang];
      if (id in words && typeof text === 'string' && text.trim() !== '') words[id as EsFeedbackWordingId] = text;
    }
    return words;
  }

  private headingLevelOrUndefined(): number | undefined {
    const level = this.headingLevel;
    return level !== undefined && level >= 1 && level <= 6 ? Math.round(level) : undefined;
  }

    private variantOrDefault(): EsFeedbackVariant {
    return this.variant === 'thumbs' ? 'thumbs' : 'rating';
  }

  protected override render(): TemplateResult {
    const words = this.words();
    const reportUrl = given(this.accessibilityReportUrl);
    return html`<div part="base" class="base" lang=${uiLang()}>
      ${this.misconfiguration()
        ? html`<es-message variant="error" live="off" theme=${ifDefined(this.themeForNested)}
            >${words['es-feedback.misconfigured']}</es-message
          >`
        : this.answered
          ? this.renderThanks(words)
          : this.renderPrompt(words)}
      ${reportUrl
        ? html`<p class="report"><a part="link" href=${reportUrl}>${words['es-feedback.accessibility-report']}</a></p>`
        : nothing}
      <div class="visually-hidden" role="status">${this.announcement}</div>
    </div>`;
  }

  private renderThanks(words: Words): TemplateResult {
    const level = this.headingLevelOrUndefined();
    return html`<div part="thanks" class="thanks">
      <p
        part="heading"
        class="heading"
        id="thanks"
        tabindex="-1"
        role=${ifDefined(level === undefined ? undefined : 'heading')}
        aria-level=${ifDefined(level)}
      >
        ${words['es-feedback.thanks']}
      </p>
    </div>`;
  }

  private renderPrompt(words: Words): TemplateResult {
    const thumbs = this.variantOrDefault() === 'thumbs';
    const level = this.headingLevelOrUndefined();
    return html`${thumbs
        ? nothing
        : html`<p
            part="heading"
            class="heading"
            role=${ifDefined(level === undefined ? undefined : 'heading')}
            aria-level=${ifDefined(level)}
          >
            ${words['es-feedback.heading']}
          </p>`}
      <form class="form" novalidate @submit=${this.onSubmit}>
        ${thumbs ? this.renderThumbs(words, level) : this.renderScale(words)}
        ${thumbs && this.helpful === undefined
          ? nothing
          : html`${this.renderComment(words)}
              <button part="send" class="send" type="submit" aria-disabled=${ifDefined(this.sending ? 'true' : undefined)}>
                ${this.sending ? words['es-feedback.sending'] : words['es-feedback.send']}
              </button>
              ${this.renderFailure(words)}`}
      </form>`;
  }

  private renderScale(words: Words): TemplateResult {
    const invalid = this.ratingInvalid;
    // role=radiogroup (allowed on fieldset) so that aria-required and
    // aria-invalid are valid on it; the legend still names the group.
    return html`<fieldset
      part="scale"
      class="scale ${invalid ? 'invalid' : ''}"
      role="radiogroup"
      aria-required="true"
      aria-invalid=${invalid ? 'true' : 'false'}
      aria-describedby=${ifDefined(invalid ? 'rating-error' : undefined)}
    >
      <legend part="question" class="question">${words['es-feedback.question']}</legend>
      ${invalid ? this.renderError('rating-error', words['es-feedback.error.rating'], words) : nothing}
      <div class="options">
        ${RATINGS.map(
          (rating) => html`<label part="option" class="option">
            <input
              type="radio"
              name="rating"
              value=${rating}
              .checked=${live(this.rating === rating)}
              @change=${() => this.onRating(rating)}
            /><span>${words[`es-feedback.scale.${rating}`]}</span>
          </label>`,
        )}
      </div>
    </fieldset>`;
  }

  private renderThumbs(words: Words, level: number | undefined): TemplateResult {
    return html`<div class="thumbs" role="group" aria-labelledby="question">
      <p
        part="question"
        class="question"
        id="question"
        role=${ifDefined(level === undefined ? undefined : 'heading')}
        aria-level=${ifDefined(level)}
      >
        ${words['es-feedback.thumbs.question']}
      </p>
      <div class="answers">
        ${[true, false].map(
          (helpful) => html`<button
            part="answer"
            class="answer"
            type="button"
            aria-pressed=${this.helpful === helpful ? 'true' : 'false'}
            @click=${() => this.onHelpful(helpful)}
          >
            ${helpful ? words['es-feedback.thumbs.yes'] : words['es-feedback.thumbs.no']}
          </button>`,
        )}
      </div>
    </div>`;
  }

  private renderComment(words: Words): TemplateResult {
    const invalid = this.commentInvalid;
    const contactUrl = given(this.contactUrl);
    const over = codePoints(this.comment) > MAX_COMMENT_LENGTH;
    return html`<div class="field ${invalid ? 'invalid' : ''}">
      <label part="label" class="label" for="comment"
        >${words['es-feedback.improve']} <span class="optional">${words['es-feedback.optional']}</span></label
      >
      <p part="help-text" class="hint" id="hint">
        ${words['es-feedback.hint']}${contactUrl
          ? html` ${words['es-feedback.hint.contact']}
              <a href=${contactUrl}>${words['es-feedback.hint.contact-link']}</a>.`
          : nothing}
      </p>
      ${invalid ? this.renderError('comment-error', words['es-feedback.error.too-long'], words) : nothing}
      <textarea
        part="input"
        id="comment"
        name="comment"
        rows="5"
        aria-describedby=${invalid ? 'hint comment-error count' : 'hint count'}
        aria-invalid=${invalid ? 'true' : 'false'}
        ?readonly=${this.sending}
        .value=${live(this.comment)}
        @input=${this.onCommentInput}
      ></textarea>
      <p part="count" class="count ${over ? 'over' : ''}" id="count">${this.countText(words)}</p>
    </div>`;
  }

  private renderError(id: string, text: string, words: Words): TemplateResult {
    return html`<p part="error" class="error" id=${id}>
      <span class="visually-hidden">${words['es-feedback.error.prefix']} </span>${text}
    </p>`;
  }

  private renderFailure(words: Words): TemplateResult | typeof nothing {
    if (this.failure === undefined) return nothing;
    const retryable = this.failure === 'retryable';
    return html`<es-message
      part="failure"
      class="failure"
      variant="error"
      theme=${ifDefined(this.themeForNested)}
      heading=${words['es-feedback.failed.heading']}
    >
      <p>${retryable ? words['es-feedback.failed.retryable'] : words['es-feedback.failed.rejected']}</p>
      ${retryable
        ? html`<p><button class="retry" type="button" @click=${this.onRetry}>${words['es-feedback.retry']}</button></p>`
        : nothing}
    </es-message>`;
  }

  /** "1,200 characters left" / "3 characters too many", in the UI locale's number format. */
  private countText(words: Words): string {
    const left = MAX_COMMENT_LENGTH - codePoints(this.comment);
    const count = new Intl.NumberFormat(uiLang()).format(Math.abs(left));
    const unit =
      left >= 0
        ? words[left === 1 ? 'es-feedback.count.left-one' : 'es-feedback.count.left']
        : words[left === -1 ? 'es-feedback.count.over-one' : 'es-feedback.count.over'];
    return `${count} ${unit}`;
  }

  private onRating(rating: EsFeedbackRating): void {
    this.rating = rating;
    this.ratingInvalid = false;
  }

  private onHelpful(helpful: boolean): void {
    this.helpful = helpful;
  }

  private onCommentInput(event: Event): void {
    this.comment = (event.target as HTMLTextAreaElement).value;
    if (this.commentInvalid && codePoints(this.comment) <= MAX_COMMENT_LENGTH) this.commentInvalid = false;
    // Announcing on every keystroke would drown the typing; wait for a pause.
    clearTimeout(this.announceTimer);
    this.announceTimer = setTimeout(() => {
      this.announcement = this.countText(this.words());
    }, COUNT_ANNOUNCE_DELAY_MS);
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    void this.send();
  }

  private onRetry(): void {
    // The message with this button goes away while sending: keep focus on
    // what is being retried rather than letting it drop to <body>.
    this.renderRoot.querySelector<HTMLElement>('.send')?.focus();
    void this.send();
  }

  private transportForSending(): Transport | undefined {
    if (this.transport) return this.transport;
    const api = given(this.api);
    if (api === undefined) return undefined;
    if (this.http?.api !== api) this.http = { api, transport: new HttpTransport({ api }) };
    return this.http.transport;
  }

  private request(): FeedbackRequest | undefined {
    const { serviceId, reference, topic } = this.subject();
    const definitionHash = given(this.definitionHash);
    const comment = this.comment.trim();
    const base = {
      ...(serviceId === undefined ? {} : { serviceId }),
      ...(topic === undefined ? {} : { topic }),
      ...(definitionHash === undefined ? {} : { definitionHash }),
      ...(reference === undefined ? {} : { reference }),
      locale: uiLang(),
      ...(comment === '' ? {} : { comment }),
    };
    if (this.variantOrDefault() === 'thumbs') {
      return this.helpful === undefined ? undefined : { ...base, helpful: this.helpful };
    }
    return this.rating === undefined ? undefined : { ...base, rating: this.rating };
  }

  private async send(): Promise<void> {
    if (this.sending || this.answered || this.key === undefined) return;
    this.ratingInvalid = this.variantOrDefault() === 'rating' && this.rating === undefined;
    this.commentInvalid = codePoints(this.comment) > MAX_COMMENT_LENGTH;
    if (this.ratingInvalid || this.commentInvalid) {
      await this.updateComplete;
      const selector = this.ratingInvalid ? 'input[type="radio"]' : 'textarea';
      this.renderRoot.querySelector<HTMLElement>(selector)?.focus();
      return;
    }
    const request = this.request();
    if (request === undefined) return;
    const key = this.key;

    this.sending = true;
    this.failure = undefined;
    clearTimeout(this.announceTimer);
    this.announcement = '';
    let result: TransportResult<Created>;
    try {
      const transport = this.transportForSending();
      if (!transport) return;
      result = await transport.sendFeedback(request);
    } catch (error) {
      // A Transport must not throw, but a portal's own one (or an api URL
      // that does not parse) may: a failure, not an uncaught error.
      console.error('eservice-kit: <es-feedback> could not send', error);
      result = { ok: false, kind: 'protocol', message: String(error) };
    } finally {
      this.sending = false;
    }
    if (!result.ok) {
      if (result.kind !== 'aborted') this.failure = isRetryable(result) ? 'retryable' : 'rejected';
      return;
    }

    rememberAnswered(key);
    // Meanwhile the element may have been pointed at another case.
    if (key !== this.key) return;
    // Focus on the send button (or dropped to <body> after a click that does
    // not focus buttons) goes to the thanks; focus the citizen moved
    // elsewhere while waiting stays there, and the thanks is announced.
    const active = document.activeElement;
    const moveFocus = this.matches(':focus-within') || active === null || active === document.body;
    this.answered = true;
    const detail: EsFeedbackEventDetail = { feedback: request, id: result.value.id };
    const event: EsFeedbackEvent = new CustomEvent('es-feedback', { bubbles: true, composed: true, detail });
    this.dispatchEvent(event);
    await this.updateComplete;
    if (moveFocus) this.renderRoot.querySelector<HTMLElement>('#thanks')?.focus();
    else this.announcement = this.words()['es-feedback.thanks'];
  }
}
