/** Unpadded base64url (RFC 4648 §5), for hashes and random identifiers alike. */

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function base64url(bytes: Uint8Array): string {
  let output = '';
  for (let index = 0; index < bytes.length; index += 3) {
    const chunk = (bytes[index]! << 16) | ((bytes[index + 1] ?? 0) << 8) | (bytes[index + 2] ?? 0);
    const remaining = bytes.length - index;
    output += BASE64URL[(chunk >> 18) & 63]! + BASE64URL[(chunk >> 12) & 63]!;
    if (remaining > 1) output += BASE64URL[(chunk >> 6) & 63]!;
    if (remaining > 2) output += BASE64URL[chunk & 63]!;
  }
  return output;
}

