import type { LocalizedText, ServiceDefinition } from '../definition/types.js';
import { fieldKey } from '../json-pointer.js';
import { interpolate, type BilingualMessage } from '../i18n/localized.js';
import { FALLBACK_VALIDATION_MESSAGE, VALIDATION_MESSAGES } from './validation-messages.js';

/** Keys tried for one error, most specific first ("format:email" before "format"). */
function messageKeys(keyword: string, params: Readonly<Record<string, unknown>>): string[] {
  if (keyword === 'format' && typeof params['format'] === 'string') return [`format:${params['format']}`, 'format'];
  if (keyword === 'type' && typeof params['type'] === 'string') return [`type:${params['type']}`, 'type'];
  return [keyword];
}

function pick(text: LocalizedText, locale: 'sv' | 'en', definition: ServiceDefinition): string {
  return text[locale] ?? text[definition.defaultLanguage] ?? Object.values(text)[0] ?? '';
}

/**
 * The sv/en message for one validation error. Order: the field's own override, the
 * definition's keyword override, core's keyword message, a safe default.
 */
export function resolveValidationMessage(
  definition: ServiceDefinition,
  pointer: string,
  keyword: string,
  params: Readonly<Record<string, unknown>> = {},
): BilingualMessage {
  const keys = messageKeys(keyword, params);
  const fieldMessages = definition.ui.fields[fieldKey(pointer)]?.messages;
  const candidates: (LocalizedText | undefined)[] = [
    ...keys.map((key) => fieldMessages?.[key]),
    ...keys.map((key) => definition.messages?.[key]),
    ...keys.map((key) => VALIDATION_MESSAGES[key]),
  ];
  const found = candidates.find((candidate) => candidate !== undefined) ?? FALLBACK_VALIDATION_MESSAGE;
  return {
    sv: interpolate(pick(found, 'sv', definition), params),
    en: interpolate(pick(found, 'en', definition), params),
  };
}
