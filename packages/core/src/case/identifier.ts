/**
 * Identifiers of a definition (its id, and the ids of its statuses, steps, rules, category
 * and survey): the meta-schema's `$defs.identifier`. The meta-schema is JSON and cannot
 * import this; a test keeps the two equal.
 */

/** Lower-case letter first, then letters and digits in groups joined by "-" or "_". */
export const IDENTIFIER_PATTERN = /^[a-z][a-z0-9]*([-_][a-z0-9]+)*$/;

export const IDENTIFIER_MAX_LENGTH = 64;

/** True for a string the meta-schema accepts as an identifier, e.g. a service id in the catalog. */
export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && value.length <= IDENTIFIER_MAX_LENGTH && IDENTIFIER_PATTERN.test(value);
}
