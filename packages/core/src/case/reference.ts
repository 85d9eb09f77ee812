/** Human case references: PREFIX-YEAR-SEQUENCE, e.g. "FEL-2026-000123". */

export const REFERENCE_PATTERN = /^[A-Z]{2,6}-\d{4}-\d{6}$/;

/** `sequence` counts per tenant, prefix and year from 1; six digits hold a year's cases. */
export function formatReference(prefix: string, year: number, sequence: number): string {
  const reference = `${prefix}-${String(year).padStart(4, '0')}-${String(sequence).padStart(6, '0')}`;
  if (!Number.isInteger(sequence) || sequence < 1 || !REFERENCE_PATTERN.test(reference)) {
    throw new RangeError(`Cannot form a reference from ${prefix}, ${year}, ${sequence}`);
  }
  return reference;
}

/** A reference as typed (any case, surrounding space), or undefined when it cannot be one. */
export function normalizeReference(input: string): string | undefined {
  const reference = input.trim().toUpperCase();
  return REFERENCE_PATTERN.test(reference) ? reference : undefined;
}
