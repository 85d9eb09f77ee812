// Side-effect free: classes, types and helpers. Importing this registers no
// tags and does not configure @lit/localize. Register with './define.js' or a
// per-element './components/<tag>/<tag>.js'.
export { EsElement, DARK_THEME_CLASS } from './internal/es-element.js';
export type { EsTheme } from './internal/es-element.js';
export { defineElement } from './internal/define-element.js';
export { hostStyles } from './styles/host.styles.js';
export { EsMessage } from './components/es-message/es-message.component.js';
export type { EsMessageLive, EsMessageVariant } from './components/es-message/es-message.component.js';
export type { EsDismissEvent, EsDismissEventDetail } from './events/es-dismiss.js';
export { setupLocalization, resolveLocale, normalizeLocale, DEFAULT_LOCALE } from './localization.js';
export type { LocalizationController, UiLocale } from './localization.js';
export { HttpTransport, DEFAULT_TIMEOUT_MS, type HttpTransportOptions } from './transport/http-transport.js';
export { EsService } from './components/es-service/es-service.component.js';
export type { LoadFailureCode } from './components/es-service/load-service.js';
export { registerWidget, pickWidget, widgetNamed } from './components/es-service/widgets/registry.js';
export type { Widget, WidgetContext, FieldSchema } from './components/es-service/widgets/types.js';
export type {
  EsStepEvent,
  EsStepEventDetail,
  EsSubmitEvent,
  EsSubmitEventDetail,
  EsSubmittedEvent,
  EsSubmittedEventDetail,
  EsErrorEvent,
  EsErrorEventDetail,
} from './events/es-service-events.js';
export { EsFeedback } from './components/es-feedback/es-feedback.component.js';
export type { EsFeedbackRating, EsFeedbackVariant } from './components/es-feedback/es-feedback.component.js';
export type { EsFeedbackWording, EsFeedbackWordingId } from './components/es-feedback/wording.js';
export type { EsFeedbackEvent, EsFeedbackEventDetail } from './events/es-feedback.js';
