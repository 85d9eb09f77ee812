import { isDate, isDateTime, isTime, isUri } from './standard.js';
import { swedishFormats } from './index.js';

/** A format checker together with its source, for inlining into precompiled validators. */
export interface InlineFormat {
  readonly validate: (value: string) => boolean;
  readonly source: string;
}

function inline(validate: (value: string) => boolean): InlineFormat {
  return { validate, source: validate.toString() };
}

/** Formats implemented here as functions (the rest come from ajv-formats as regular expressions). */
export const FUNCTION_FORMATS: Readonly<Record<string, InlineFormat>> = {
  date: inline(isDate),
  time: inline(isTime),
  'date-time': inline(isDateTime),
  uri: inline(isUri),
  ...swedishFormats,
};

/** ajv-formats formats that are plain regular expressions, so ajv inlines them itself. */
export const REGEXP_FORMATS = ['email', 'hostname', 'ipv4', 'ipv6', 'uuid', 'json-pointer', 'uri-reference'] as const;

/** Every format a definition may use; anything else is an "unknown format" when loading. */
export const KNOWN_FORMATS: ReadonlySet<string> = new Set([...Object.keys(FUNCTION_FORMATS), ...REGEXP_FORMATS]);
