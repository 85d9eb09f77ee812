import { sha256 } from '@noble/hashes/sha2';

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

function base64url(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let output = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const remaining = bytes.length - index;
    output += alphabet[(chunk >> 18) & 63]! + alphabet[(chunk >> 12) & 63]!;
    if (remaining > 1) output += alphabet[(chunk >> 6) & 63]!;
    if (remaining > 2) output += alphabet[chunk & 63]!;
  }
  return output;
}

/**
 * The content hash of a definition: "sha256-" + base64url(SHA-256(canonical JSON)).
 * Synchronous and DOM-free, so browser, server and CLI compute it identically.
 */
export function definitionHash(definition: unknown): string {
  return `sha256-${base64url(sha256(new TextEncoder().encode(canonicalJson(definition))))}`;
}
