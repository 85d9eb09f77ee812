import type { EsMessageVariant } from '../components/es-message/es-message.component.js';

/** Detail of `es-dismiss`. */
export interface EsDismissEventDetail {
  /** Variant of the message the user dismissed. */
  readonly variant: EsMessageVariant;
}

/**
 * Fired when the user activates a message's dismiss button. Bubbles, is
 * composed and cancelable: `preventDefault()` keeps the message visible
 * (for example to animate it out, or to move focus first).
 */
export type EsDismissEvent = CustomEvent<EsDismissEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'es-dismiss': EsDismissEvent;
  }
}
