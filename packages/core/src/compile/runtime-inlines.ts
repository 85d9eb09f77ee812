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

/** Deep equality of JSON values, as const/enum/uniqueItems need it. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a !== a && b !== b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!jsonEqual(a[index], b[index])) return false;
    return true;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  if (keysA.length !== keysB.length) return false;
  for (const key of keysA) {
    if (!Object.prototype.hasOwnProperty.call(b, key)) return false;
    if (!jsonEqual((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}
