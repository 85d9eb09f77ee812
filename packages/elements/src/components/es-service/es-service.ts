import { defineElement } from '../../internal/define-element.js';
import '../es-message/es-message.js';
import '../es-feedback/es-feedback.js';
import { EsService } from './es-service.component.js';

export * from './es-service.component.js';

defineElement('es-service', EsService);

declare global {
  interface HTMLElementTagNameMap {
    'es-service': EsService;
  }
}
