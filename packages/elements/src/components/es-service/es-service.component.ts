import { html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { fieldKey, generateIdempotencyKey, isRetryable, isWithin, problemType } from '@eservice-kit/core';
import type { Evaluation, FieldError, Receipt, StepUi, SubmitRequest, Transport, TransportFailure, TransportResult } from '@eservice-kit/core';
import { EsElement } from '../../internal/es-element.js';
import { uiLang } from '../../internal/ui-lang.js';
import { hostStyles } from '../../styles/host.styles.js';
import { HttpTransport } from '../../transport/http-transport.js';
import type { EsErrorEventDetail, EsStepEventDetail, EsSubmitEventDetail, EsSubmittedEventDetail } from '../../events/es-service-events.js';
import type { DraftStore } from './drafts.js';
import { loadFailureText } from './failure-messages.js';
import type { FieldRenderer, FormState } from './field-renderer.js';
import { definitionHasher, loadService, type LoadedService, type LoadFailure } from './load-service.js';
import type { UsageEvents } from './usage-events.js';
import { styles } from './es-service.styles.js';

type FormEngine = typeof import('./form-engine.js');

/** The form engine's chunk, or undefined when the bundle's folder cannot be reached. */
async function loadEngine(): Promise<FormEngine | undefined> {
  try {
    return await import('./form-engine.js');
  } catch {
    return undefined;
  }
}

type Phase =
  | { readonly kind: 'loading' }
  | { readonly kind: 'failed'; readonly failure: LoadFailure }
  | { readonly kind: 'intro' }
  | { readonly kind: 'step'; readonly step: string }
  | { readonly kind: 'review' }
  | { readonly kind: 'receipt'; readonly receipt: Receipt };

/** Why the last submission did not go through, as the citizen is told. */
type SubmitProblem =
  | { readonly kind: 'offline' }
  | { readonly kind: 'server' }
  | { readonly kind: 'rate-limited'; readonly retryAfter: number | undefined }
  | { readonly kind: 'outdated' }
  | { readonly kind: 'rejected' };

type DraftNotice = { readonly kind: 'restored' } | { readonly kind: 'migrated'; readonly kept: number; readonly dropped: number };

const DRAFT_SAVE_DELAY_MS = 400;
const ANNOUNCE_DELAY_MS = 1000;
/** How long after page load an element without service, src or definition says so. */
const CONFIGURATION_GRACE_MS = 1000;

/**
 * An e-service form: intro, steps with a progress indicator, "check your answers",
 * submission and a receipt with the reference, tracking code and expected date,
 * followed by a feedback prompt. Everything the form contains comes from a JSON
 * definition (see docs/definition-format.md); answers are checked by the definition's
 * precompiled validator, so the element works under `default-src 'self'`.
 *
 * Give it one of: `service` + `api` (definition and validator from the server),
 * `src` (a definition file with `<name>.validator.js` beside it), or the `definition`
 * and `validator` properties. Without a validator it shows an error and never sends
 * unchecked answers.
 *
 * @summary A complete e-service form, from intro to receipt.
 *
 * @fires es-step - A step (or "check your answers") is shown. Detail: `{serviceId, step, index, count}`.
 * @fires es-submit - Before sending; cancelable. Detail: `{serviceId, answers}`.
 * @fires es-submitted - The case was received. Detail: `{reference, expectedBy, trackingUrl}`.
 * @fires es-error - The form cannot be shown, or a submission failed for good. Detail: `{code, message, details}`.
 *
 * @csspart base - The element's outermost wrapper.
 * @csspart intro - The intro screen. @csspart handling-time - The handling time on the intro.
 * @csspart privacy - The "read more" disclosure of the privacy notice.
 * @csspart progress - "Step 2 of 4" and its bar.
 * @csspart draft-notice - The notice that answers were restored.
 * @csspart form - The form of a step or of "check your answers".
 * @csspart heading - Headings (title, step, receipt).
 * @csspart error-summary - The list of problems at the top of a step.
 * @csspart field - A field: label, hint, error and control(s).
 * @csspart fieldset - A field of several controls (radios, checkboxes, groups).
 * @csspart label - A field's label. @csspart legend - A group's legend.
 * @csspart choice-label - The label of one radio button or checkbox.
 * @csspart hint - Help text under a label.
 * @csspart field-error - An inline error message.
 * @csspart input - Text inputs, selects and textareas. @csspart select - Selects. @csspart textarea - Textareas.
 * @csspart radio - Radio buttons. @csspart checkbox - Checkboxes.
 * @csspart count - A textarea's character count.
 * @csspart item - One item of a repeatable list. @csspart button-add - "Add another". @csspart button-remove - "Remove".
 * @csspart button - Every button. @csspart button-primary - Start, Continue, Send, Follow your case.
 * @csspart link - Links ("Change", "Follow your case").
 * @csspart review - "Check your answers".
 * @csspart receipt - The receipt. @csspart reference - The case reference. @csspart tracking-code - The tracking code.
 * @csspart give-feedback - The "Give feedback" disclosure under each step.
 *
 * @cssproperty --es-font-family - Font family. Default: inherited from the page.
 * @cssproperty --es-line-height - Line height. Default: 1.5.
 * @cssproperty --es-color-text - Text colour.
 * @cssproperty --es-color-error - Error messages, the error summary and the borders of fields in error.
 * @cssproperty --es-color-focus - Focus ring colour.
 * @cssproperty --es-focus-ring - Focus ring (an `outline` value). Default: 0.1875em solid the focus colour.
 * @cssproperty --es-focus-ring-offset - Focus ring offset. Default: 0.125em.
 * @cssproperty --es-space-xs - Small gaps: between a label, its hint and its error. Default: 0.25em.
 * @cssproperty --es-space-s - Padding of controls, gaps between choices. Default: 0.5em.
 * @cssproperty --es-space-m - Padding of groups and buttons, gaps between buttons. Default: 1em.
 * @cssproperty --es-radius - Corner radius. Default: 0.25em.
 * @cssproperty --es-color-border - Borders of controls, groups and list rows.
 * @cssproperty --es-color-surface - Background of the form and its controls.
 * @cssproperty --es-space-l - Space between fields and sections. Default: 1.5em.
 * @cssproperty --es-color-primary - Primary buttons, links, selected controls and the progress bar.
 * @cssproperty --es-color-on-primary - Text on primary buttons.
 */
export class EsService extends EsElement {
  static override styles = [hostStyles, styles];

  /** Id of the service to load from `api`, e.g. `fault-report`. */
  @property({ reflect: true }) service?: string;

  /** Tenant base URL of the e-service server, e.g. `https://kommun.example/eservice`. */
  @property() api?: string;

  /** URL of a definition file; its validator module must sit beside it as `<name>.validator.js`. */
  @property() src?: string;

  /** A definition object, used instead of `service` or `src`; needs `validator` too. */
  @property({ attribute: false }) definition?: unknown;

  /** The precompiled validator module for `definition` (the module namespace of `<name>.validator.js`). */
  @property({ attribute: false }) validator?: unknown;

  /** Talks to the server; default an `HttpTransport` for `api`. Set your own to use another backend. */
  @property({ attribute: false }) transport?: Transport;

  /**
   * `on` sends anonymous usage events (started, step reached, submitted, abandoned)
   * for the completion funnel. Off by default: sending data from the visitor's device
   * may need consent (LEK 9 kap. 28 §); the municipality must assess that first.
   */
  @property() events: 'on' | 'off' = 'off';

  /** Skips the intro and starts at the first step (for pages that carry the intro text themselves). */
  @property({ type: Boolean, attribute: 'no-intro' }) noIntro = false;

  /** Level of the element's top headings (1–6); lower headings follow. Default 2. */
  @property({ type: Number, attribute: 'heading-level' }) headingLevel = 2;

  /**
   * Address of the page with the accessibility-report e-service: the feedback prompt
   * links to it ("Report an accessibility problem").
   */
  @property({ attribute: 'accessibility-report-url' }) accessibilityReportUrl?: string;

  /** Address of the municipality's contact page: the feedback prompt points case questions there. */
  @property({ attribute: 'contact-url' }) contactUrl?: string;

  /** Today's date (YYYY-MM-DD) for date rules; default: today in Europe/Stockholm. For previews and tests. */
  @property({ attribute: false }) today?: string;

  @state() private phase: Phase = { kind: 'loading' };
  @state() private answers: Record<string, unknown> = {};
  @state() private evaluation?: Evaluation;
  @state() private touched = new Set<string>();
  /** Steps (ids, or "review") on which every error is shown: "continue" was pressed there. */
  @state() private checkedSteps = new Set<string>();
  @state() private serverErrors: readonly FieldError[] = [];
  @state() private submitting = false;
  @state() private submitProblem?: SubmitProblem;
  @state() private draftNotice?: DraftNotice;
  @state() private announcement = '';
  /** Feedback sent from a step's "Give feedback": the receipt does not ask again. */
  @state() private feedbackGiven = false;
  /** After "Change" on the review page: continuing returns there. */
  @state() private returnToReview = false;

  #loaded?: LoadedService;
  #engine?: FormEngine;
  #loadController?: AbortController;
  #drafts?: DraftStore;
  #usage?: UsageEvents;
  #ids = new Map<string, string>();
  /**
   * The key of the last submission and what was sent with it. A retry resends exactly
   * that (the server compares whole bodies); changed answers get a new key. After a
   * reload the fingerprint is unknown (it would hold the personnummer, which drafts never
   * keep): the key is tried, and a 409 "key reused" then means the answers changed.
   */
  #sent?: { readonly key: string; fingerprint?: string; readonly durationMs?: number };
  #startedAt?: number;
  /** Answers to move onto a newly loaded version (after "Load the new version"). */
  #carriedAnswers?: Record<string, unknown>;
  #draftTimer?: ReturnType<typeof setTimeout>;
  #announceTimer?: ReturnType<typeof setTimeout>;
  #focusAfterRender?: () => void;
  #transportFor?: { api: string; transport: Transport };

  constructor() {
    super();
    updateWhenLocaleChanges(this);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('online', this.#onOnline);
    // Start fetching the chunks now, while the page or the element fetches the definition.
    void loadEngine();
    definitionHasher().catch(() => undefined);
    // Moved in the page while loading (a CMS's tabs, a framework's hydration): the load
    // was aborted on disconnect, so start it again.
    if (this.hasUpdated && this.phase.kind === 'loading' && this.#loadController?.signal.aborted) void this.#load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('online', this.#onOnline);
    this.#saveDraftNow();
    this.#usage?.flush(true);
    this.#loadController?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const inputs = ['service', 'api', 'src', 'definition', 'validator', 'transport'] as const;
    if (!this.hasUpdated || inputs.some((name) => changed.has(name))) void this.#load();
  }

  protected override updated(): void {
    const focus = this.#focusAfterRender;
    this.#focusAfterRender = undefined;
    focus?.();
  }

  /** The transport in use: the `transport` property, else one for `api`. */
  #transport(): Transport | undefined {
    if (this.transport) return this.transport;
    if (!this.api) return undefined;
    if (this.#transportFor?.api !== this.api) {
      try {
        this.#transportFor = { api: this.api, transport: new HttpTransport({ api: this.api }) };
      } catch {
        return undefined;
      }
    }
    return this.#transportFor.transport;
  }

  async #load(): Promise<void> {
    this.#loadController?.abort();
    const controller = new AbortController();
    this.#loadController = controller;
    this.phase = { kind: 'loading' };
    const engine = loadEngine();
    let outcome;
    try {
      outcome = await loadService({
        service: this.service,
        transport: this.#transport(),
        src: this.src,
        definition: this.definition,
        validator: this.validator,
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) return; // a newer load is under way
      // A vendor's transport that throws instead of returning a failure.
      outcome = { ok: false, code: 'api-unreachable', details: { message: String(error) } } as const;
    }
    if (controller.signal.aborted) return;
    // Half-configured by a script that is not done yet (definition set, validator still
    // being imported): give it until the page has loaded before calling it an error.
    const settingUp = !outcome.ok && (outcome.code === 'missing-configuration' || (outcome.code === 'validator-missing' && this.definition != null && this.validator == null));
    if (settingUp && !(await this.#stillUnconfigured(controller.signal))) return;
    if (!outcome.ok) {
      this.phase = { kind: 'failed', failure: outcome };
      this.#emitError(outcome.code, `eservice-kit: the e-service cannot be shown (${outcome.code})`, outcome.details);
      return;
    }
    this.#engine = await engine;
    if (controller.signal.aborted) return;
    if (!this.#engine) {
      const failure: LoadFailure = { ok: false, code: 'api-unreachable', details: { chunk: 'form-engine' } };
      this.phase = { kind: 'failed', failure };
      this.#emitError(failure.code, 'eservice-kit: the form engine chunk could not be loaded', failure.details);
      return;
    }
    if (outcome.warnings.length > 0) console.warn('eservice-kit: definition warnings', outcome.warnings);
    this.#start(outcome);
  }

  /**
   * Whether the element is still without a service once the page has loaded (and a
   * moment more): pages and apps often set `definition` from a script that runs after
   * the element is connected, and must not see an error flash first.
   */
  async #stillUnconfigured(signal: AbortSignal): Promise<boolean> {
    if (document.readyState !== 'complete') await new Promise((resolve) => window.addEventListener('load', resolve, { once: true }));
    await new Promise((resolve) => setTimeout(resolve, CONFIGURATION_GRACE_MS));
    return !signal.aborted;
  }

  /** Sets up a loaded definition: draft restored if any, usage events, first screen. */
  #start(loaded: LoadedService): void {
    this.#loaded = loaded;
    this.#objectFields = undefined; // of the previous definition, after "Load the new version"
    const engine = this.#engine!;
    this.#drafts = new engine.DraftStore(loaded.definition, location.pathname);
    const transport = this.#transport();
    this.#usage = this.events === 'on' && transport ? new engine.UsageEvents(transport, loaded.definition.id, loaded.hash) : undefined;
    this.touched = new Set();
    this.checkedSteps = new Set();
    this.serverErrors = [];
    this.submitProblem = undefined;
    this.returnToReview = false;
    const resumed = this.#resume(loaded, engine);
    this.answers = resumed.answers;
    this.draftNotice = resumed.notice;
    this.#evaluate();
    const steps = this.#visibleSteps();
    const step = resumed.step;
    // No focus move on the first screen: the page is still loading and the citizen
    // has not asked for the form yet (a skip link or the page's h1 keeps focus).
    if (step === 'review') this.#show({ kind: 'review' }, 'none');
    else if (step && steps.some((candidate) => candidate.id === step)) this.#show({ kind: 'step', step }, 'none');
    else if (this.noIntro || resumed.notice) this.#show({ kind: 'step', step: steps[0]?.id ?? '' }, 'none');
    else this.phase = { kind: 'intro' };
  }

  /** Where a newly loaded form starts: answers carried over to a new version, a draft, or nothing. */
  #resume(loaded: LoadedService, engine: FormEngine): { answers: Record<string, unknown>; notice?: DraftNotice; step?: string } {
    const carried = this.#carriedAnswers;
    this.#carriedAnswers = undefined;
    if (carried) {
      // A new version means a new request body, so a new key.
      this.#sent = undefined;
      const { answers, kept, dropped } = engine.migrateAnswers(loaded.definition, loaded.compiled, carried);
      return { answers, notice: { kind: 'migrated', kept, dropped }, step: 'review' };
    }
    const restored = this.#drafts!.restore(loaded.hash, loaded.compiled);
    if (!restored) return { answers: {} };
    const { idempotencyKey: key, durationMs, step } = restored.draft;
    this.#sent = key ? { key, ...(durationMs === undefined ? {} : { durationMs }) } : undefined;
    const notice: DraftNotice = restored.kind === 'same' ? { kind: 'restored' } : { kind: 'migrated', kept: restored.kept, dropped: restored.dropped };
    return { answers: restored.draft.answers, notice, ...(step === undefined ? {} : { step }) };
  }

  /**
   * Evaluates the answers. Required objects the citizen has not touched yet are
   * evaluated as empty objects, so their own required fields are named one by one
   * instead of one "partner 1 is missing".
   */
  #evaluate(): Evaluation {
    const loaded = this.#loaded!;
    const engine = this.#engine!;
    const options = this.today === undefined ? {} : { today: this.today };
    let answers = this.answers;
    let evaluation = engine.evaluate(loaded.definition, loaded.compiled, answers, options);
    for (let round = 0; round < 3; round++) {
      const missing = evaluation.requiredFields.filter((pointer) => !pointer.includes('*') && this.#isObjectField(pointer) && engine.answerAt(answers, pointer) === undefined);
      if (missing.length === 0) break;
      for (const pointer of missing) answers = engine.withEmptyObject(answers, pointer);
      evaluation = engine.evaluate(loaded.definition, loaded.compiled, answers, options);
    }
    this.evaluation = evaluation;
    return evaluation;
  }

  #objectFields?: Set<string>;
  #isObjectField(pointer: string): boolean {
    this.#objectFields ??= new Set(this.#engine!.listFields(this.#loaded!.definition.schema).filter((field) => field.schema['type'] === 'object').map((field) => field.pointer));
    return this.#objectFields.has(pointer);
  }

  #visibleSteps(): StepUi[] {
    const visible = new Set(this.evaluation?.visibleSteps ?? []);
    return (this.#loaded?.definition.ui.steps ?? []).filter((step) => visible.has(step.id));
  }

  #idFor = (pointer: string): string => {
    let id = this.#ids.get(pointer);
    if (id === undefined) {
      id = `es-field-${this.#ids.size + 1}`;
      this.#ids.set(pointer, id);
    }
    return id;
  };

  /** Switches screen, tells listeners and moves focus to the new screen's heading. */
  #show(phase: Phase, focus: 'heading' | 'none' = 'heading'): void {
    this.phase = phase;
    const loaded = this.#loaded;
    if (!loaded) return;
    if (phase.kind === 'step' || phase.kind === 'review') {
      const steps = this.#visibleSteps();
      const index = phase.kind === 'step' ? steps.findIndex((step) => step.id === phase.step) + 1 : steps.length + 1;
      const stepId = phase.kind === 'step' ? phase.step : 'review';
      this.#usage?.step(stepId);
      this.#emit<EsStepEventDetail>('es-step', { serviceId: loaded.definition.id, step: stepId, index, count: steps.length + 1 });
      this.#saveDraftSoon();
    }
    if (focus === 'heading') this.#focusAfterRender = () => this.#focusSelector('#es-screen-heading, #es-intro-heading, #es-receipt-heading');
  }

  #focusSelector(selector: string): void {
    const target = this.renderRoot.querySelector<HTMLElement>(selector);
    target?.focus();
    target?.scrollIntoView?.({ block: 'nearest' });
  }

  /** Focuses a field's first control (for "Change" and error links), on its step if need be. */
  #focusField = (pointer: string): void => {
    this.#focusAfterRender = () => {
      const id = this.#ids.get(pointer);
      let target = id ? this.renderRoot.querySelector<HTMLElement>(`#${id}`) : null;
      // A group: its first control.
      target ??= this.#firstControlWithin(pointer);
      target?.focus();
      target?.scrollIntoView?.({ block: 'center' });
    };
    this.requestUpdate();
  };

  #firstControlWithin(pointer: string): HTMLElement | null {
    for (const [other, id] of this.#ids) {
      if (isWithin(other, pointer)) {
        const found = this.renderRoot.querySelector<HTMLElement>(`#${id}`);
        if (found && found.matches('input, select, textarea')) return found;
      }
    }
    return null;
  }

  #stepOf(pointer: string): string | undefined {
    const key = fieldKey(pointer);
    return this.#visibleSteps().find((step) => step.fields.some((field) => isWithin(key, field)))?.id;
  }

  // ---- answers -------------------------------------------------------------------

  #formState(): FormState {
    return {
      definition: this.#loaded!.definition,
      evaluation: this.evaluation!,
      answers: this.answers,
      locale: uiLang(),
      errorFor: (pointer) => this.#errorFor(pointer),
      set: (pointer, value) => this.#setAnswer(pointer, value),
      touch: (pointer) => {
        if (this.touched.has(pointer)) return;
        this.touched = new Set(this.touched).add(pointer);
      },
      announce: (message) => this.#announce(message),
      focusField: this.#focusField,
      idFor: this.#idFor,
    };
  }

  #setAnswer(pointer: string, value: unknown): void {
    this.answers = this.#engine!.withAnswer(this.answers, pointer, value);
    this.#startedAt ??= Date.now();
    this.#usage?.started();
    if (this.serverErrors.some((error) => isWithin(error.pointer, pointer))) {
      this.serverErrors = this.serverErrors.filter((error) => !isWithin(error.pointer, pointer));
    }
    this.#evaluate();
    this.#saveDraftSoon();
  }

  /** The error shown for a field: the server's, else core's once the field was left or "continue" pressed. */
  #errorFor(pointer: string): string {
    const locale = uiLang() === 'sv' ? 'sv' : 'en';
    const server = this.serverErrors.find((error) => error.pointer === pointer);
    if (server) return server.message[locale];
    const scope = this.phase.kind === 'step' ? this.phase.step : 'review';
    if (!this.touched.has(pointer) && !this.checkedSteps.has(scope)) return '';
    const found = this.evaluation?.errors.find((error) => error.pointer === pointer);
    return found ? found.message[locale] : '';
  }

  /** Errors for the summary: on a step, those of its fields; on review, all (server's first). */
  #summaryErrors(): FieldError[] {
    const scope = this.phase.kind === 'step' ? this.phase.step : 'review';
    if (!this.checkedSteps.has(scope) && this.serverErrors.length === 0) return [];
    const all = [...this.serverErrors, ...(this.evaluation?.errors ?? []).filter((error) => !this.serverErrors.some((server) => server.pointer === error.pointer))];
    if (this.phase.kind !== 'step') return all;
    const step = this.#loaded!.definition.ui.steps.find((candidate) => candidate.id === scope);
    return all.filter((error) => step?.fields.some((field) => isWithin(fieldKey(error.pointer), field)));
  }

  #announce(message: string): void {
    clearTimeout(this.#announceTimer);
    // After a pause, so a screen reader is not interrupted on every keystroke.
    this.#announceTimer = setTimeout(() => (this.announcement = message), ANNOUNCE_DELAY_MS);
  }

  // ---- drafts --------------------------------------------------------------------

  #currentStepId(): string | undefined {
    return this.phase.kind === 'step' ? this.phase.step : this.phase.kind === 'review' ? 'review' : undefined;
  }

  #saveDraftSoon(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = setTimeout(() => this.#saveDraftNow(), DRAFT_SAVE_DELAY_MS);
  }

  #saveDraftNow(): void {
    clearTimeout(this.#draftTimer);
    this.#draftTimer = undefined;
    const loaded = this.#loaded;
    if (!loaded || !this.#drafts || this.phase.kind === 'receipt') return;
    // Emptied answers leave nothing behind (a shared computer).
    if (Object.keys(this.answers).length === 0 && !this.#sent) {
      this.#drafts.clear();
      return;
    }
    this.#drafts.save(loaded.hash, this.answers, this.#currentStepId(), this.#sent);
  }

  #startOver = (): void => {
    this.#drafts?.clear();
    this.answers = {};
    this.touched = new Set();
    this.checkedSteps = new Set();
    this.serverErrors = [];
    this.draftNotice = undefined;
    this.#sent = undefined;
    this.#evaluate();
    if (this.noIntro) this.#show({ kind: 'step', step: this.#visibleSteps()[0]?.id ?? '' });
    else this.#show({ kind: 'intro' });
  };

  #onPageHide = (): void => {
    this.#saveDraftNow();
    this.#usage?.pageHidden(this.#currentStepId());
  };

  // ---- navigation ----------------------------------------------------------------

  #begin = (): void => {
    this.#show({ kind: 'step', step: this.#visibleSteps()[0]?.id ?? '' });
  };

  #continue = (event: Event): void => {
    event.preventDefault();
    if (this.phase.kind === 'review') {
      void this.#submit();
      return;
    }
    if (this.phase.kind !== 'step') return;
    const current = this.phase.step;
    this.checkedSteps = new Set(this.checkedSteps).add(current);
    this.#evaluate();
    if (this.#summaryErrors().length > 0) {
      this.#focusAfterRender = () => this.#focusSelector('#es-error-summary');
      return;
    }
    const steps = this.#visibleSteps();
    const next = steps[steps.findIndex((step) => step.id === current) + 1];
    if (this.returnToReview || !next) {
      this.returnToReview = false;
      this.#show({ kind: 'review' });
    } else {
      this.#show({ kind: 'step', step: next.id });
    }
  };

  #back = (): void => {
    const steps = this.#visibleSteps();
    if (this.phase.kind === 'review') {
      this.#show({ kind: 'step', step: steps[steps.length - 1]?.id ?? '' });
      return;
    }
    if (this.phase.kind !== 'step') return;
    const current = this.phase.step;
    const index = steps.findIndex((step) => step.id === current);
    if (index > 0) this.#show({ kind: 'step', step: steps[index - 1]!.id });
    else if (!this.noIntro) this.#show({ kind: 'intro' });
  };

  /** From an error link or "Change": go to the field's step and focus the field. */
  #goToField = (pointer: string): void => {
    const step = this.#stepOf(pointer);
    if (step && (this.phase.kind !== 'step' || this.phase.step !== step)) {
      if (this.phase.kind === 'review') this.returnToReview = true;
      this.#show({ kind: 'step', step }, 'none');
    }
    this.#focusField(pointer);
  };

  // ---- submission ----------------------------------------------------------------

  async #submit(): Promise<void> {
    const loaded = this.#loaded;
    if (!loaded || this.submitting) return; // a double click sends once
    this.checkedSteps = new Set(this.checkedSteps).add('review');
    const evaluation = this.#evaluate();
    if (!evaluation.valid) {
      this.#focusAfterRender = () => this.#focusSelector('#es-error-summary');
      return;
    }
    const transport = this.#transport();
    if (!transport) {
      this.#emitError('missing-configuration', 'eservice-kit: no api or transport to send the case to', {});
      this.submitProblem = { kind: 'rejected' };
      return;
    }
    const answers = evaluation.pruned;
    const submitEvent = this.#emit<EsSubmitEventDetail>('es-submit', { serviceId: loaded.definition.id, answers }, true);
    if (submitEvent.defaultPrevented) return;
    const locale = uiLang();
    const fingerprint = JSON.stringify([answers, locale, loaded.definition.version, loaded.hash]);
    const sent = this.#sent;
    const reused = sent !== undefined && (sent.fingerprint === undefined || sent.fingerprint === fingerprint);
    if (!reused) {
      // Time to complete is measured on the device: sent only where the page opted in to usage data.
      const durationMs = this.events === 'on' && this.#startedAt !== undefined ? Date.now() - this.#startedAt : undefined;
      this.#sent = { key: generateIdempotencyKey(), ...(durationMs === undefined ? {} : { durationMs }) };
    }
    const current = this.#sent!;
    const unknownBody = current.fingerprint === undefined && reused;
    current.fingerprint = fingerprint;
    const request: SubmitRequest = {
      answers,
      locale,
      definitionVersion: loaded.definition.version,
      definitionHash: loaded.hash,
      ...(current.durationMs === undefined ? {} : { durationMs: current.durationMs }),
    };
    this.#saveDraftNow(); // keeps the key with the draft: a retry after a reload makes one case
    this.submitting = true;
    this.submitProblem = undefined;
    let result = await this.#send(transport, loaded.definition.id, request, current.key);
    if (!result.ok && unknownBody && result.problem?.type === problemType('idempotency-key-reused')) {
      // The key restored from a draft was used for other answers: these are new ones.
      this.#sent = { key: generateIdempotencyKey(), fingerprint, ...(current.durationMs === undefined ? {} : { durationMs: current.durationMs }) };
      result = await this.#send(transport, loaded.definition.id, request, this.#sent.key);
    }
    this.submitting = false;
    if (result.ok) {
      this.#received(result.value);
      return;
    }
    this.#submitFailed(result);
  }

  /** submitCase, with a vendor transport's exceptions turned into a failure like any other. */
  async #send(transport: Transport, serviceId: string, request: SubmitRequest, idempotencyKey: string): Promise<TransportResult<Receipt>> {
    try {
      return await transport.submitCase(serviceId, request, { idempotencyKey });
    } catch (error) {
      return { ok: false, kind: 'protocol', message: `submitCase threw: ${String(error)}` };
    }
  }

  #received(receipt: Receipt): void {
    this.#drafts?.clear();
    this.draftNotice = undefined;
    this.#usage?.submitted();
    this.#show({ kind: 'receipt', receipt });
    this.#emit<EsSubmittedEventDetail>('es-submitted', { reference: receipt.reference, expectedBy: receipt.expectedBy, trackingUrl: receipt.trackingUrl });
  }

  #submitFailed(failure: TransportFailure): void {
    if (failure.kind === 'aborted') return;
    if (failure.kind === 'invalid' && failure.errors && failure.errors.length > 0) {
      this.serverErrors = failure.errors;
      this.#focusAfterRender = () => this.#focusSelector('#es-error-summary');
      return;
    }
    if (failure.kind === 'network' || failure.kind === 'timeout') this.submitProblem = { kind: 'offline' };
    else if (failure.kind === 'rate-limited') this.submitProblem = { kind: 'rate-limited', retryAfter: failure.retryAfter };
    else if (failure.kind === 'conflict' && failure.problem?.type === problemType('definition-outdated')) this.submitProblem = { kind: 'outdated' };
    else if (isRetryable(failure)) this.submitProblem = { kind: 'server' };
    else this.submitProblem = { kind: 'rejected' };
    if (this.submitProblem.kind === 'rejected' || this.submitProblem.kind === 'outdated') {
      this.#emitError('submit-failed', `eservice-kit: the case was not accepted (${failure.kind}${failure.status ? ` ${failure.status}` : ''})`, {
        kind: failure.kind,
        status: failure.status,
        problem: failure.problem,
      });
    }
    this.#focusAfterRender = () => this.#focusSelector('#es-submit-problem');
  }

  #onOnline = (): void => {
    if (this.submitProblem?.kind === 'offline' && this.phase.kind === 'review') void this.#submit();
  };

  /** Loads the current definition version and keeps the answers that still fit (after `definition-outdated`). */
  #reloadDefinition = (): void => {
    this.#saveDraftNow();
    // The answers in memory, not the draft: the draft lacks the sensitive fields.
    this.#carriedAnswers = this.answers;
    void this.#load();
  };

  // ---- events --------------------------------------------------------------------

  #emit<T>(type: string, detail: T, cancelable = false): CustomEvent<T> {
    const event = new CustomEvent<T>(type, { detail, bubbles: true, composed: true, cancelable });
    this.dispatchEvent(event);
    return event;
  }

  #emitError(code: string, message: string, details: Readonly<Record<string, unknown>>): void {
    // Also in the console: a web editor without a developer looks there, not at events.
    console.error(message, details);
    this.#emit<EsErrorEventDetail>('es-error', { code, message, details });
  }

  // ---- rendering -----------------------------------------------------------------

  protected override render(): TemplateResult {
    return html`<div class="service" lang=${uiLang()} part="base">
      ${this.#renderPhase()}
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }

  #renderPhase(): TemplateResult | typeof nothing {
    const phase = this.phase;
    if (phase.kind === 'loading') {
      return html`<p class="loading" role="status">${msg('Loading the e-service…', { id: 'es-service.loading' })}</p>`;
    }
    if (phase.kind === 'failed') {
      const text = loadFailureText(phase.failure.code);
      return html`<es-message theme=${this.themeForNested ?? nothing} variant="error" live="polite" heading=${text.heading} heading-level=${this.headingLevel}>${text.body}</es-message>`;
    }
    const loaded = this.#loaded!;
    const { heading, intro, receiptScreen, review } = this.#engine!;
    const renderer = new this.#engine!.FieldRenderer(this.#formState());
    const level = Math.min(Math.max(Math.trunc(this.headingLevel) || 2, 1), 6);
    if (phase.kind === 'intro') return html`${this.#renderDraftNotice()}${intro(loaded.definition, renderer, level, this.#begin)}`;
    if (phase.kind === 'receipt') {
      return html`${receiptScreen(loaded.definition, renderer, phase.receipt, uiLang(), level)} ${this.#renderFeedback(phase.receipt.reference, true)}`;
    }
    const steps = this.#visibleSteps();
    const isReview = phase.kind === 'review';
    const step = isReview ? undefined : steps.find((candidate) => candidate.id === phase.step);
    const index = isReview ? steps.length : steps.indexOf(step!);
    const title = isReview ? msg('Check your answers before sending', { id: 'es-service.review.heading' }) : renderer.text(step?.title);
    return html`
      ${heading(level, renderer.text(loaded.definition.title))}
      ${this.#renderProgress(index + 1, steps.length + 1)}
      ${this.#renderDraftNotice()}
      <form novalidate part="form" @submit=${this.#continue}>
        ${this.#renderErrorSummary(renderer, level + 1)}
        ${heading(level + 1, title, { id: 'es-screen-heading', focusable: true })}
        ${step?.description ? html`<p class="lead">${renderer.text(step.description)}</p>` : nothing}
        ${isReview
          ? review({ definition: loaded.definition, renderer, steps, answers: this.answers, locale: uiLang(), level: level + 1, change: (pointer) => this.#goToField(pointer) })
          : this.#renderStepFields(step, renderer)}
        ${isReview ? this.#renderSubmitProblem() : nothing}
        <div class="actions">
          <button type="submit" class="primary" part="button button-primary" aria-disabled=${this.submitting ? 'true' : 'false'}>
            ${isReview
              ? this.submitting
                ? msg('Sending…', { id: 'es-service.sending' })
                : msg('Send', { id: 'es-service.send' })
              : this.returnToReview
                ? msg('Save and return to your answers', { id: 'es-service.return' })
                : msg('Continue', { id: 'es-service.continue' })}
          </button>
          ${index > 0 || !this.noIntro
            ? html`<button type="button" class="secondary" part="button" @click=${this.#back}>${msg('Back', { id: 'es-service.back' })}</button>`
            : nothing}
        </div>
      </form>
      ${this.#renderFeedback(undefined, false)}
    `;
  }

  /**
   * A step's fields. A step that is one group under the same title (civil wedding's
   * "Person 1") would say it twice: the group's legend is then kept for screen readers only.
   */
  #renderStepFields(step: StepUi | undefined, renderer: FieldRenderer): TemplateResult | typeof nothing {
    if (!step) return nothing;
    const [only] = step.fields;
    const repeatsTitle = step.fields.length === 1 && only !== undefined && renderer.label(only) === renderer.text(step.title);
    return html`<div class=${repeatsTitle ? 'fields legend-is-title' : 'fields'}>${step.fields.map((field) => renderer.render(field))}</div>`;
  }

  #renderProgress(position: number, count: number): TemplateResult {
    return html`<div class="progress" part="progress">
      <p>${msg(str`Step ${position} of ${count}`, { id: 'es-service.progress' })}</p>
      <progress value=${position} max=${count} aria-hidden="true"></progress>
    </div>`;
  }

  #renderErrorSummary(renderer: FieldRenderer, level: number): TemplateResult | typeof nothing {
    const errors = this.#summaryErrors();
    if (errors.length === 0) return nothing;
    const { heading } = this.#engine!;
    const locale = uiLang() === 'sv' ? 'sv' : 'en';
    return html`<div class="error-summary" id="es-error-summary" tabindex="-1" part="error-summary" aria-labelledby="es-error-summary-heading">
      ${heading(level, msg('There is a problem', { id: 'es-service.summary.heading' }), { id: 'es-error-summary-heading' })}
      <ul>
        ${errors.map((error) => {
          const label = renderer.label(error.pointer);
          return html`<li>
            <a href=${`#${this.#idFor(error.pointer)}`} @click=${(event: Event) => {
              event.preventDefault();
              this.#goToField(error.pointer);
            }}>${/[?!.:]$/.test(label) ? `${label} ` : `${label}: `}${error.message[locale]}</a>
          </li>`;
        })}
      </ul>
    </div>`;
  }

  #renderDraftNotice(): TemplateResult | typeof nothing {
    const notice = this.draftNotice;
    if (!notice) return nothing;
    const body =
      notice.kind === 'restored'
        ? msg('We restored the answers you had started on. You can go on where you left off.', { id: 'es-service.draft.restored' })
        : notice.kept > 0
          ? msg(str`The form has changed since you started. We kept ${notice.kept} of your answers; please check them. ${notice.dropped} no longer fit and were removed.`, { id: 'es-service.draft.migrated' })
          : msg('The form has changed since you started, so your earlier answers could not be kept.', { id: 'es-service.draft.dropped' });
    return html`<es-message theme=${this.themeForNested ?? nothing} variant="info" part="draft-notice" heading-level=${Math.min(this.headingLevel + 1, 6)}>
      ${body}
      <button type="button" class="link" @click=${this.#startOver}>${msg('Start over', { id: 'es-service.draft.start-over' })}</button>
    </es-message>`;
  }

  #renderSubmitProblem(): TemplateResult | typeof nothing {
    const problem = this.submitProblem;
    if (!problem) return nothing;
    let body: string;
    let action: TemplateResult | typeof nothing = html`<button type="button" class="secondary" part="button" @click=${() => void this.#submit()}>${msg('Try again', { id: 'es-service.retry' })}</button>`;
    switch (problem.kind) {
      case 'offline':
        body = msg('The case could not be sent: there seems to be no connection. Your answers are kept, and we try again as soon as you are back online.', { id: 'es-service.problem.offline' });
        break;
      case 'server':
        body = msg('The case could not be sent because of a problem on our side. Your answers are kept; try again in a moment.', { id: 'es-service.problem.server' });
        break;
      case 'rate-limited':
        body =
          problem.retryAfter === undefined
            ? msg('Too many attempts right now. Your answers are kept; try again in a moment.', { id: 'es-service.problem.rate-limited' })
            : msg(str`Too many attempts right now. Your answers are kept; try again in ${problem.retryAfter} seconds.`, { id: 'es-service.problem.rate-limited-seconds' });
        break;
      case 'outdated':
        body = msg('The form was updated while you were filling it in. Load the new version; your answers are kept where they still fit.', { id: 'es-service.problem.outdated' });
        action = html`<button type="button" class="secondary" part="button" @click=${this.#reloadDefinition}>${msg('Load the new version', { id: 'es-service.problem.reload' })}</button>`;
        break;
      case 'rejected':
        body = msg('The case could not be sent. Your answers are kept. Please try again later or contact the municipality.', { id: 'es-service.problem.rejected' });
        break;
    }
    return html`<div class="submit-problem" id="es-submit-problem" tabindex="-1">
      <es-message theme=${this.themeForNested ?? nothing} variant="error" live="assertive">${body}</es-message>
      <div class="actions">${action}</div>
    </div>`;
  }

  /** The feedback prompt: on the receipt, and behind a "Give feedback" disclosure on every step. */
  #renderFeedback(reference: string | undefined, open: boolean): TemplateResult | typeof nothing {
    const loaded = this.#loaded!;
    // Without a server there is nowhere to send feedback to (a preview of a definition file).
    if (loaded.definition.feedback?.enabled === false || !this.#transport()) return nothing;
    if (open && this.feedbackGiven) return nothing;
    const prompt = html`<es-feedback
      theme=${this.themeForNested ?? nothing}
      .transport=${this.#transport()}
      service-id=${loaded.definition.id}
      definition-hash=${loaded.hash}
      reference=${reference ?? nothing}
      accessibility-report-url=${this.accessibilityReportUrl ?? nothing}
      contact-url=${this.contactUrl ?? nothing}
      heading-level=${Math.min(this.headingLevel + 1, 6)}
      .wording=${loaded.definition.feedback?.wording}
    ></es-feedback>`;
    if (open) return prompt;
    return html`<details class="give-feedback" part="give-feedback" @es-feedback=${() => (this.feedbackGiven = true)}>
      <summary>${msg('Give feedback on this e-service', { id: 'es-service.give-feedback' })}</summary>
      ${prompt}
    </details>`;
  }
}
