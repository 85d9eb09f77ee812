import { sniffFileType, type AcceptedFileType } from './sniff.js';

/** The stripped file, or why the file was refused (for logs; clients get a generic problem). */
export type StripResult = { ok: true; bytes: Uint8Array } | { ok: false; reason: string };

/**
 * Removes metadata (camera, GPS position, author, timestamps, thumbnails) from an upload
 * without re-encoding it: the file is parsed down to its container structure, metadata
 * parts are dropped and the image data is copied byte for byte. A file whose structure
 * does not parse as `type` is refused, which also catches a right magic number in front
 * of something else. Stripping a stripped file returns the same bytes.
 */
export function stripMetadata(bytes: Uint8Array, type: AcceptedFileType): StripResult {
  if (sniffFileType(bytes) !== type) return fail(`content is not ${type}`);
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(bytes);
    case 'image/png':
      return stripPng(bytes);
    case 'image/webp':
      return stripWebp(bytes);
    case 'application/pdf':
      return checkPdf(bytes);
  }
}

const fail = (reason: string): StripResult => ({ ok: false, reason });
const view = (bytes: Uint8Array): DataView => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const latin1 = (bytes: Uint8Array, start: number, end: number): string => String.fromCharCode(...bytes.subarray(start, end));

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((total, part) => total + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// JPEG: a sequence of marker segments from SOI, then entropy-coded scan data, up to EOI.
//
// Orientation: the EXIF orientation flag goes with APP1, so a photo a phone stored
// sideways with a "rotate me" flag is shown sideways afterwards. Rewriting the flag would
// mean keeping (and trusting) a TIFF structure; the browser can rotate the pixels before
// upload instead. We accept that trade-off for privacy.
// ---------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const TEM = 0x01;
const APP0 = 0xe0;
const APP2 = 0xe2;
const APP14 = 0xee;
const COM = 0xfe;
const JFIF_FIELDS = 14; // "JFIF\0", version, units, densities, thumbnail size: everything but the thumbnail

const isRst = (marker: number): boolean => marker >= 0xd0 && marker <= 0xd7;
// SOF0..SOF15 share C0..CF with DHT (C4), JPG (C8) and DAC (CC).
const isFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
const startsWithText = (payload: Uint8Array, text: string): boolean => payload.length >= text.length && latin1(payload, 0, text.length) === text;

function stripJpeg(bytes: Uint8Array): StripResult {
  const data = view(bytes);
  const out: Uint8Array[] = [Uint8Array.of(0xff, SOI)];
  let pos = 2;
  let frame = false;
  let scan = false;
  for (;;) {
    if (bytes[pos] !== 0xff) return fail('JPEG: expected a marker');
    while (bytes[pos] === 0xff) pos++; // fill bytes may pad any marker
    const marker = bytes[pos++];
    if (marker === undefined) return fail('JPEG: truncated before EOI');
    if (marker === EOI) {
      if (!scan) return fail('JPEG: no scan before EOI');
      out.push(Uint8Array.of(0xff, EOI));
      // Anything after EOI (phones append preview images and vendor trailers) is dropped with the metadata.
      return { ok: true, bytes: concat(out) };
    }
    if (marker === TEM || isRst(marker)) {
      out.push(Uint8Array.of(0xff, marker)); // standalone: no length field
      continue;
    }
    if (marker < 0xc0 || marker === SOI) return fail(`JPEG: invalid marker ${marker.toString(16)}`);
    if (pos + 2 > bytes.length) return fail('JPEG: truncated segment');
    const length = data.getUint16(pos);
    if (length < 2 || pos + length > bytes.length) return fail('JPEG: truncated segment');
    const payload = bytes.subarray(pos + 2, pos + length);
    const kept = keptSegment(marker, payload, bytes.subarray(pos - 2, pos + length));
    if (kept) out.push(kept);
    pos += length;
    if (isFrame(marker)) frame = true;
    if (marker === SOS) {
      if (!frame) return fail('JPEG: scan before frame header');
      const end = entropyEnd(bytes, pos);
      if (end === undefined) return fail('JPEG: truncated scan');
      out.push(bytes.subarray(pos, end));
      pos = end;
      scan = true;
    }
  }
}

/** The segment to write for one marker segment, or undefined to drop it. */
function keptSegment(marker: number, payload: Uint8Array, segment: Uint8Array): Uint8Array | undefined {
  if (marker === APP0) return startsWithText(payload, 'JFIF\0') && payload.length >= JFIF_FIELDS ? jfifWithoutThumbnail(payload) : undefined;
  if (marker === APP2) return startsWithText(payload, 'ICC_PROFILE\0') ? segment : undefined; // colour profile
  if (marker === APP14) return startsWithText(payload, 'Adobe') ? segment : undefined; // tells decoders the colour transform
  if ((marker > APP0 && marker <= 0xef) || marker === COM) return undefined; // EXIF, XMP, IPTC, comments, vendor data
  return segment;
}

/** JFIF may carry a thumbnail, which can show what was cropped away: keep the fields, drop the pixels. */
function jfifWithoutThumbnail(payload: Uint8Array): Uint8Array {
  const segment = new Uint8Array(4 + JFIF_FIELDS);
  segment.set([0xff, APP0, 0, 2 + JFIF_FIELDS]);
  segment.set(payload.subarray(0, JFIF_FIELDS - 2), 4); // thumbnail width and height stay 0
  return segment;
}

/** Where the entropy-coded data after SOS ends: at the next marker that is not stuffing (FF00) or RSTn. */
function entropyEnd(bytes: Uint8Array, start: number): number | undefined {
  let pos = start;
  for (;;) {
    const ff = bytes.indexOf(0xff, pos);
    if (ff === -1) return undefined;
    let next = ff + 1;
    while (bytes[next] === 0xff) next++;
    const byte = bytes[next];
    if (byte === undefined) return undefined;
    if (byte !== 0x00 && !isRst(byte)) return ff;
    pos = next + 1;
  }
}

// ---------------------------------------------------------------------------------------
// PNG: signature, then length-type-data-CRC chunks from IHDR to IEND.
// ---------------------------------------------------------------------------------------

/** Critical chunks, colour and layout chunks, and APNG animation; everything else ancillary is dropped. */
const PNG_KEPT = new Set([
  'IHDR', 'PLTE', 'IDAT', 'IEND',
  'tRNS', 'gAMA', 'cHRM', 'sRGB', 'iCCP', 'sBIT', 'pHYs', 'bKGD',
  'cICP', 'mDCV', 'cLLI', // PNG third edition colour (HDR) chunks: no personal data
  'acTL', 'fcTL', 'fdAT',
]);
const PNG_SIGNATURE_LENGTH = 8;
const IHDR_LENGTH = 13;

function stripPng(bytes: Uint8Array): StripResult {
  const data = view(bytes);
  const out: Uint8Array[] = [bytes.subarray(0, PNG_SIGNATURE_LENGTH)];
  let pos = PNG_SIGNATURE_LENGTH;
  let imageData = false;
  while (pos < bytes.length) {
    if (pos + 12 > bytes.length) return fail('PNG: truncated chunk');
    const length = data.getUint32(pos);
    if (length > 0x7fffffff || pos + 12 + length > bytes.length) return fail('PNG: truncated chunk');
    const type = latin1(bytes, pos + 4, pos + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return fail('PNG: invalid chunk type');
    if (crc32(bytes.subarray(pos + 4, pos + 8 + length)) !== data.getUint32(pos + 8 + length)) return fail(`PNG: bad CRC in ${type}`);
    if ((pos === PNG_SIGNATURE_LENGTH) !== (type === 'IHDR')) return fail('PNG: IHDR must come first, once');
    if (type === 'IHDR' && length !== IHDR_LENGTH) return fail('PNG: bad IHDR');
    const chunk = bytes.subarray(pos, pos + 12 + length);
    pos += 12 + length;
    if (type === 'IEND') {
      if (pos !== bytes.length) return fail('PNG: data after IEND');
      if (!imageData) return fail('PNG: no IDAT');
      out.push(chunk);
      return { ok: true, bytes: concat(out) };
    }
    if (type === 'IDAT') imageData = true;
    if (PNG_KEPT.has(type)) out.push(chunk);
    // An uppercase first letter marks a chunk a decoder must understand: one we do not know cannot be dropped safely.
    else if (type.charCodeAt(0) < 0x61) return fail(`PNG: unknown critical chunk ${type}`);
  }
  return fail('PNG: missing IEND');
}

const CRC_TABLE = ((): Uint32Array => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** CRC-32 (ISO 3309, as PNG uses it) of `bytes`. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------------------------------
// WebP: a RIFF container of FourCC-size-payload chunks, each padded to an even length.
// ---------------------------------------------------------------------------------------

const RIFF_HEADER = 12; // "RIFF", size, "WEBP"
const VP8X_PAYLOAD = 10;
const VP8X_EXIF_FLAG = 0x08;
const VP8X_XMP_FLAG = 0x04;
/** Image, alpha, animation and colour chunks; EXIF, XMP and unknown chunks are dropped. */
const WEBP_KEPT = new Set(['VP8X', 'VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF', 'ICCP']);
const WEBP_IMAGE = new Set(['VP8 ', 'VP8L', 'ANMF']);

function stripWebp(bytes: Uint8Array): StripResult {
  const data = view(bytes);
  if (bytes.length < RIFF_HEADER || data.getUint32(4, true) + 8 !== bytes.length) return fail('WebP: RIFF size does not match the file');
  const chunks: Uint8Array[] = [];
  let pos = RIFF_HEADER;
  let imageData = false;
  while (pos < bytes.length) {
    if (pos + 8 > bytes.length) return fail('WebP: truncated chunk');
    const fourcc = latin1(bytes, pos, pos + 4);
    const size = data.getUint32(pos + 4, true);
    const end = pos + 8 + size + (size & 1);
    if (end > bytes.length) return fail('WebP: truncated chunk');
    const first = pos === RIFF_HEADER;
    if (first && !['VP8 ', 'VP8L', 'VP8X'].includes(fourcc)) return fail('WebP: no image header');
    if (fourcc === 'VP8X' && (!first || size !== VP8X_PAYLOAD)) return fail('WebP: bad VP8X');
    const chunk = bytes.subarray(pos, end);
    pos = end;
    if (WEBP_IMAGE.has(fourcc)) imageData = true;
    if (fourcc === 'VP8X') chunks.push(withoutMetadataFlags(chunk));
    else if (WEBP_KEPT.has(fourcc)) chunks.push(chunk);
  }
  if (!imageData) return fail('WebP: no image data');
  const body = concat(chunks);
  const out = new Uint8Array(RIFF_HEADER + body.length);
  out.set(bytes.subarray(0, RIFF_HEADER));
  view(out).setUint32(4, out.length - 8, true);
  out.set(body, RIFF_HEADER);
  return { ok: true, bytes: out };
}

/** VP8X announces EXIF and XMP chunks in its flags; they must not promise chunks that are gone. */
function withoutMetadataFlags(chunk: Uint8Array): Uint8Array {
  const copy = chunk.slice();
  copy[8] = copy[8]! & ~(VP8X_EXIF_FLAG | VP8X_XMP_FLAG);
  return copy;
}

// ---------------------------------------------------------------------------------------
// PDF: metadata (Info dictionary, XMP streams) cannot be removed losslessly without a full
// PDF parser and writer (object streams, cross-reference streams, incremental updates), so
// a PDF is only checked for a header and an end marker and kept unchanged. The privacy
// notice documents that PDF metadata is kept.
// ---------------------------------------------------------------------------------------

const PDF_TAIL = 1024;

function checkPdf(bytes: Uint8Array): StripResult {
  const header = latin1(bytes, 0, 7);
  if (header !== '%PDF-1.' && header !== '%PDF-2.') return fail('PDF: unknown version');
  if (!latin1(bytes, Math.max(0, bytes.length - PDF_TAIL), bytes.length).includes('%%EOF')) return fail('PDF: no %%EOF at the end');
  return { ok: true, bytes };
}
