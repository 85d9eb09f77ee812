/** Detail of `es-step`: the citizen reached a step (or the check-your-answers page). */
export interface EsStepEventDetail {
  readonly serviceId: string;
  /** The step id, or `"review"` for "check your answers". */
  readonly step: string;
  /** 1-based position among the steps visible now. */
  readonly index: number;
  readonly count: number;
}

/** Detail of `es-submit`: about to send; `preventDefault()` stops it. */
export interface EsSubmitEventDetail {
  readonly serviceId: string;
  /** The answers as they will be sent (hidden fields already removed). */
  readonly answers: Readonly<Record<string, unknown>>;
}

/** Detail of `es-submitted`: the server accepted the case. */
export interface EsSubmittedEventDetail {
  /** Human reference, e.g. `FEL-2026-000123`. */
  readonly reference: string;
  /** Expected handling date, `YYYY-MM-DD`. */
  readonly expectedBy: string;
  /** The citizen's status page (with the link token in its fragment: do not log it). */
  readonly trackingUrl: string;
}

/** Detail of `es-error`: something the element could not do; it shows the citizen a message too. */
export interface EsErrorEventDetail {
  /**
   * `missing-configuration`, `service-not-found`, `api-unreachable`, `definition-invalid`,
   * `validator-missing`, `validator-mismatch` (the form cannot be shown), or
   * `submit-failed` (a submission the element cannot retry by itself).
   */
  readonly code: string;
  /** A short English description for logs. */
  readonly message: string;
  /** Machine-readable specifics: definition issues, HTTP status, failure kind. */
  readonly details: Readonly<Record<string, unknown>>;
}

/** Fired on each step shown. Bubbles, composed. */
export type EsStepEvent = CustomEvent<EsStepEventDetail>;
/** Fired before a case is sent. Bubbles, composed, cancelable. */
export type EsSubmitEvent = CustomEvent<EsSubmitEventDetail>;
/** Fired when the case was received. Bubbles, composed. */
export type EsSubmittedEvent = CustomEvent<EsSubmittedEventDetail>;
/** Fired when the form cannot be shown or a submission fails for good. Bubbles, composed. */
export type EsErrorEvent = CustomEvent<EsErrorEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'es-step': EsStepEvent;
    'es-submit': EsSubmitEvent;
    'es-submitted': EsSubmittedEvent;
    'es-error': EsErrorEvent;
  }
}
