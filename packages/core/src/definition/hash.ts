import { sha256 } from '@noble/hashes/sha2';
import { base64url } from '../base64url.js';

/** JSON with object keys sorted, so the same definition hashes the same whatever its key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What definitionHash() returns: "sha256-" and 43 base64url characters. */
export const DEFINITION_HASH_PATTERN = /^sha256-[A-Za-z0-9_-]{43}$/;

/**
 * The content hash of a definition: "sha256-" + base64url(SHA-256(canonical JSON)).
 * Synchronous and DOM-free, so browser, server and CLI compute it identically.
 */
export function definitionHash(definition: unknown): string {
  return `sha256-${base64url(sha256(new TextEncoder().encode(canonicalJson(definition))))}`;
}
