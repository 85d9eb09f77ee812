/**
 * Self-contained copies of the two ajv runtime helpers that standalone code `require`s,
 * inlined into precompiled modules so they import nothing.
 */

/** Length in Unicode code points, as JSON Schema's minLength/maxLength count. */
export function ucs2length(text: string): number {
  let length = 0;
  for (let position = 0; position < text.length; position++) {
    length++;
    const code = text.charCodeAt(position);
    if (code >= 0xd800 && code <= 0xdbff && position + 1 < text.length && (text.charCodeAt(position + 1) & 0xfc00) === 0xdc00) position++;
  }
  return length;
}

/** Deep equality of JSON values, as const/enum/uniqueItems need it (self-contained, see json-equal.ts). */
export { jsonEqual } from '../json-equal.js';
