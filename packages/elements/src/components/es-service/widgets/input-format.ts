// What typed text becomes as an answer, and the Swedish number formats as the user types.

/** Text as typed; an empty control removes the answer (so "required" applies, not minLength). */
export function textValue(text: string): string | undefined {
  return text === '' ? undefined : text;
}

/**
 * A number as Swedes and English speakers type it: spaces as thousands separators and a
 * decimal comma are fine. Text that is not a number stays text, so validation says so.
 */
export function parseNumberInput(text: string): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const normalized = trimmed.replace(/[\s\u00a0]/g, '').replace(',', '.').replace(/^[\u2212]/, '-');
  const value = /^-?(\d+\.?\d*|\.\d+)$/.test(normalized) ? Number(normalized) : Number.NaN;
  return Number.isFinite(value) ? value : text;
}

/** "199001011234" → "19900101-1234", "9001011234" → "900101-1234"; anything else as typed. */
export function formatPersonalIdInput(text: string): string {
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{12}$/.test(digits)) return `${digits.slice(0, 8)}-${digits.slice(8)}`;
  if (/^\d{10}$/.test(digits) && !text.includes('+')) return `${digits.slice(0, 6)}-${digits.slice(6)}`;
  return text;
}

/** "12345" → "123 45"; anything else as typed. */
export function formatPostnummerInput(text: string): string {
  const digits = text.replace(/\s/g, '');
  return /^\d{5}$/.test(digits) ? `${digits.slice(0, 3)} ${digits.slice(3)}` : text;
}
