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
