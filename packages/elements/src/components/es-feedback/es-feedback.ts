import { defineElement } from '../../internal/define-element.js';
// The failure message is an <es-message>: registered with this element.
import '../es-message/es-message.js';
import { EsFeedback } from './es-feedback.component.js';

export { EsFeedback };
export type { EsFeedbackRating, EsFeedbackVariant } from './es-feedback.component.js';
export type { EsFeedbackWording, EsFeedbackWordingId } from './wording.js';
export type { EsFeedbackEvent, EsFeedbackEventDetail } from '../../events/es-feedback.js';

defineElement('es-feedback', EsFeedback);

declare global {
  interface HTMLElementTagNameMap {
    'es-feedback': EsFeedback;
  }
}
