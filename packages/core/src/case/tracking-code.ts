/**
 * Typed tracking codes: 12 Crockford base32 symbols (60 bits) in groups of four, e.g.
 * "7KQ4-M2XD-9TPA". Short enough to type from paper; only valid together with the
 * reference and rate-limited, so 60 bits is ample.
 */
import { randomBytes } from './random.js';

/** Crockford's alphabet: no I, L, O or U, so nothing reads as another symbol. */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export const TRACKING_CODE_SYMBOLS = 12;

/** The canonical (normalised) form. */
export const TRACKING_CODE_PATTERN = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

function group(symbols: string): string {
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`;
}

/** Encodes the first 60 bits of `bytes` (at least 8 bytes) as a grouped code. */
export function encodeTrackingCode(bytes: Uint8Array): string {
  if (bytes.length < 8) throw new RangeError('A tracking code needs at least 8 bytes');
  let bits = 0n;
  for (let index = 0; index < 8; index++) bits = (bits << 8n) | BigInt(bytes[index]!);
  bits >>= 4n;
  let symbols = '';
  for (let index = TRACKING_CODE_SYMBOLS - 1; index >= 0; index--) {
    symbols += CROCKFORD_ALPHABET[Number((bits >> BigInt(index * 5)) & 31n)]!;
  }
  return group(symbols);
}

export function generateTrackingCode(): string {
  return encodeTrackingCode(randomBytes(8));
}

/**
 * The canonical form of a code as a person typed it (any case; I and L read as 1, O as 0;
 * hyphens and white space ignored), or undefined when it cannot be a code.
 */
export function normalizeTrackingCode(input: string): string | undefined {
  const symbols = input
    .toUpperCase()
    .replace(/[\s-]+/g, '')
    .replace(/[IL]/g, '1')
    .replace(/O/g, '0');
  if (symbols.length !== TRACKING_CODE_SYMBOLS) return undefined;
  for (const symbol of symbols) if (!CROCKFORD_ALPHABET.includes(symbol)) return undefined;
  return group(symbols);
}
