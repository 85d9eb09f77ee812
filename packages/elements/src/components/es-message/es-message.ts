import { defineElement } from '../../internal/define-element.js';
import { EsMessage } from './es-message.component.js';

export { EsMessage };
export type { EsMessageLive, EsMessageVariant } from './es-message.component.js';
export type { EsDismissEvent, EsDismissEventDetail } from '../../events/es-dismiss.js';

defineElement('es-message', EsMessage);

declare global {
  interface HTMLElementTagNameMap {
    'es-message': EsMessage;
  }
}
