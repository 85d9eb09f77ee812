/** Random identifiers of the contract, from Web Crypto so browser and Node behave alike. */

import { base64url } from '../base64url.js';

export { base64url };

export function randomBytes(length: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(length));
}

/** Link token: 256 bits, so well above the contract's 128-bit floor. */
export function generateToken(): string {
  return base64url(randomBytes(32));
}

/** At least 22 base64url characters, i.e. ≥ 128 bits. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,256}$/;

/** 8–128 characters of [A-Za-z0-9_-], as the `Idempotency-Key` header must be. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

/** One key per fill, kept across retries so a retry or double click makes one case. */
export function generateIdempotencyKey(): string {
  return base64url(randomBytes(18));
}

/** Usage-event fill id: 16–64 chars, random, held in memory only. */
export const FILL_ID_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

export function generateFillId(): string {
  return base64url(randomBytes(16));
}
