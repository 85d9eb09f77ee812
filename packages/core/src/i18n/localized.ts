import type { LocalizedText } from '../definition/types.js';

/** The UI languages every built-in string exists in. */
export const UI_LOCALES = ['sv', 'en'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

/** A message in both UI languages, as core returns it to browsers and servers alike. */
export interface BilingualMessage {
  readonly sv: string;
  readonly en: string;
}

/**
 * Picks `locale` from a localized text, then the definition's default language, then
 * any language present, so a missing translation shows something rather than nothing.
 */
export function resolveText(text: LocalizedText | undefined, locale: string, defaultLanguage = 'sv'): string {
  if (!text) return '';
  return text[locale] ?? text[locale.split('-')[0] ?? ''] ?? text[defaultLanguage] ?? Object.values(text)[0] ?? '';
}

/** Replaces `{name}` placeholders; unknown names stay visible so a broken template is noticed. */
export function interpolate(template: string, params: Readonly<Record<string, unknown>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : whole,
  );
}

export function bilingual(
  messages: Readonly<Record<UiLocale, string>>,
  params: Readonly<Record<string, unknown>> = {},
): BilingualMessage {
  return { sv: interpolate(messages.sv, params), en: interpolate(messages.en, params) };
}
