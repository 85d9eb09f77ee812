/**
 * Deep equality of JSON values: member order ignored, array order kept, primitives by `===`.
 * Defined for JSON only (no NaN, undefined, functions or class instances: a NaN is unequal
 * even to itself, as `===` has it). Used by the contract suite and, inlined as source text
 * via `jsonEqual.toString()`, by precompiled validators for const/enum/uniqueItems, so it
 * must stay self-contained: no imports, no helpers, no references outside its own body.
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
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
