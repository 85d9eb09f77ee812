/** The upload types the server accepts; anything else is refused before it is stored. */
export type AcceptedFileType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const RIFF = ascii('RIFF');
const WEBP = ascii('WEBP');
const PDF = ascii('%PDF-');

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, index) => bytes[offset + index] === byte);
}

/**
 * The type of an upload, decided from its first bytes only: the file name and the
 * client's Content-Type are the sender's claims and are never consulted. Anything that
 * is not JPEG, PNG, WebP or PDF (HTML, SVG, GIF, ZIP, executables, empty files) is
 * `undefined`. A match here only says what the file claims to be; `stripMetadata`
 * then checks that its structure really is that format.
 */
export function sniffFileType(bytes: Uint8Array): AcceptedFileType | undefined {
  if (startsWith(bytes, JPEG)) return 'image/jpeg';
  if (startsWith(bytes, PNG)) return 'image/png';
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return 'image/webp';
  // PDF readers tolerate junk before the header; we do not, so an HTML page with a PDF inside is refused.
  if (startsWith(bytes, PDF)) return 'application/pdf';
  return undefined;
}
