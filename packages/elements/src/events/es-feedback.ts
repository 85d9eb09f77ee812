import type { FeedbackRequest } from '@eservice-kit/core';

/** Detail of `es-feedback`. */
export interface EsFeedbackEventDetail {
  /**
   * What was sent: `rating` (1–5) or `helpful`, the trimmed `comment` when
   * the citizen wrote one, and the context (`serviceId`, `topic`,
   * `definitionHash`, `reference`, `locale`) as far as it was set. The
   * comment is included: the listener is the integrator's own page, where
   * the citizen typed it.
   */
  readonly feedback: FeedbackRequest;
  /** The id the server gave the stored answer. */
  readonly id: string;
}

/**
 * Fired by `<es-feedback>` once the server has stored the citizen's answer
 * (not on failure, not when the prompt is shown as already answered).
 * Bubbles and is composed, so a host page or `<es-service>` can follow with
 * a survey invitation.
 */
export type EsFeedbackEvent = CustomEvent<EsFeedbackEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'es-feedback': EsFeedbackEvent;
  }
}
