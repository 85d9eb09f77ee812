import type { EsMessageVariant } from '../components/es-message/es-message.component.js';

/** Detail of `es-dismiss`. */
export interface EsDismissEventDetail {
  /** Variant of the message the user dismissed. */
  readonly variant: EsMessageVariant;
}

/**
 * Fired when the user activates a message's dismiss button. Bubbles, is
 * composed and cancelable.
 *
 * Not cancelled, the message hides itself; if focus was inside it, it moves
 * focus to the next element reachable with Tab after the message, else the
 * previous one, else the nearest focusable ancestor. A listener that moves
 * focus elsewhere itself (say, to the field the message was about) keeps
 * that. `preventDefault()` keeps the message visible and focus where it is
 * (for example to animate the message out, then hide it and move focus).
 */
export type EsDismissEvent = CustomEvent<EsDismissEventDetail>;

declare global {
  interface GlobalEventHandlersEventMap {
    'es-dismiss': EsDismissEvent;
  }
}
