// Builders for small but structurally real upload files, so no binary blobs live in the repository.
// Each `*File({ metadata })` builder gives the file with metadata, or exactly what stripping it must give.
// PNG CRCs come from node:zlib, an implementation independent of the one under test.
import { crc32, deflateSync } from 'node:zlib';

export const ascii = (text: string): Uint8Array => Uint8Array.from(text, (char) => char.charCodeAt(0));

export function concat(...parts: readonly (Uint8Array | readonly number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((part) => [...part]));
}

const u16be = (value: number): number[] => [(value >>> 8) & 0xff, value & 0xff];
export const u32be = (value: number): number[] => [...u16be(value >>> 16), ...u16be(value)];
export const u32le = (value: number): number[] => u32be(value).reverse();

/** True when `needle` occurs in `haystack`. */
export function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  return Buffer.from(haystack).includes(Buffer.from(needle));
}

// --- EXIF: a big-endian TIFF structure whose IFD0 points to a GPS IFD with coordinates (Karlstad) ---

const rationals = (...pairs: [number, number][]): Uint8Array => concat(...pairs.flatMap(([n, d]) => [u32be(n), u32be(d)]));
/** 59° 22' 45.12" N and 13° 30' 12.96" E as TIFF RATIONALs: what must never leave the server. */
export const LATITUDE = rationals([59, 1], [22, 1], [4512, 100]);
export const LONGITUDE = rationals([13, 1], [30, 1], [1296, 100]);

const ifdEntry = (tag: number, type: number, count: number, value: readonly number[]): number[] => [...u16be(tag), ...u16be(type), ...u32be(count), ...value];
const ASCII_TYPE = 2;
const LONG_TYPE = 4;
const RATIONAL_TYPE = 5;

function exifTiff(): Uint8Array {
  const gpsIfd = 8 + 2 + 12 + 4;
  const latitude = gpsIfd + 2 + 4 * 12 + 4;
  const longitude = latitude + LATITUDE.length;
  return concat(
    ascii('MM'), u16be(42), u32be(8),
    u16be(1), ifdEntry(0x8825, LONG_TYPE, 1, u32be(gpsIfd)), u32be(0),
    u16be(4),
    ifdEntry(1, ASCII_TYPE, 2, [0x4e, 0, 0, 0]),
    ifdEntry(2, RATIONAL_TYPE, 3, u32be(latitude)),
    ifdEntry(3, ASCII_TYPE, 2, [0x45, 0, 0, 0]),
    ifdEntry(4, RATIONAL_TYPE, 3, u32be(longitude)),
    u32be(0),
    LATITUDE, LONGITUDE,
  );
}

const XMP_PACKET = ascii('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF><dc:creator>Jane Doe</dc:creator></rdf:RDF></x:xmpmeta>');

// --- PNG ---

export const PNG_SIGNATURE = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);

export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat(ascii(type), data);
  return concat(u32be(data.length), body, u32be(crc32(body)));
}

/** A 1×1 RGB image: IHDR, and the IDAT of one red pixel. */
export const IHDR = pngChunk('IHDR', concat(u32be(1), u32be(1), [8, 2, 0, 0, 0]));
export const IDAT = pngChunk('IDAT', deflateSync(Uint8Array.of(0, 0xff, 0, 0)));
export const IEND = pngChunk('IEND', new Uint8Array());

export function pngFile({ metadata }: { metadata: boolean }): Uint8Array {
  const only = (chunk: Uint8Array): Uint8Array => (metadata ? chunk : new Uint8Array());
  return concat(
    PNG_SIGNATURE,
    IHDR,
    only(pngChunk('eXIf', exifTiff())),
    only(pngChunk('tEXt', ascii('Author\0Jane Doe'))),
    pngChunk('gAMA', Uint8Array.from(u32be(45455))),
    only(pngChunk('iTXt', concat(ascii('XML:com.adobe.xmp\0\0\0\0\0'), XMP_PACKET))),
    pngChunk('pHYs', concat(u32be(2835), u32be(2835), [1])),
    IDAT,
    only(pngChunk('tIME', Uint8Array.of(0x07, 0xea, 11, 3, 14, 5, 9))),
    only(pngChunk('zTXt', concat(ascii('Comment\0\0'), deflateSync(ascii('taken at home'))))),
    only(pngChunk('prVt', ascii('vendor private data'))),
    IEND,
  );
}

// --- JPEG: SOI, APP0, APP1, DQT, SOF0, DHT, DRI, SOS, scan with stuffing and restarts, EOI ---

export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  return concat([0xff, marker], u16be(payload.length + 2), payload);
}

const jfif = (thumbnail: readonly number[]): Uint8Array =>
  concat(ascii('JFIF\0'), [1, 2, 0], u16be(1), u16be(1), thumbnail.length ? [1, 1] : [0, 0], thumbnail);

export const DQT = jpegSegment(0xdb, concat([0], new Array<number>(64).fill(1)));
export const SOF0 = jpegSegment(0xc0, concat([8], u16be(1), u16be(1), [1, 1, 0x11, 0]));
export const DHT = jpegSegment(0xc4, concat([0x00], [1], new Array<number>(15).fill(0), [0]));
const DRI = jpegSegment(0xdd, Uint8Array.from(u16be(1)));
export const SOS = jpegSegment(0xda, Uint8Array.of(1, 1, 0x00, 0, 63, 0));
/** Entropy-coded data with a stuffed FF00 and restart markers, as the scan must come out unchanged. */
export const SCAN = Uint8Array.of(0x12, 0x34, 0xff, 0x00, 0x56, 0xff, 0xd0, 0x78, 0x9a, 0xff, 0xd1, 0xbc, 0xff, 0x00);
export const ICC_SEGMENT = jpegSegment(0xe2, concat(ascii('ICC_PROFILE\0'), [1, 1], ascii('fake icc profile')));
export const ADOBE_SEGMENT = jpegSegment(0xee, concat(ascii('Adobe'), u16be(100), u16be(0), u16be(0), [1]));

export function jpegFile({ metadata }: { metadata: boolean }): Uint8Array {
  const only = (segment: Uint8Array | readonly number[]): Uint8Array | readonly number[] => (metadata ? segment : []);
  return concat(
    [0xff, 0xd8],
    jpegSegment(0xe0, jfif(metadata ? [0xaa, 0xbb, 0xcc] : [])),
    only(jpegSegment(0xe1, concat(ascii('Exif\0\0'), exifTiff()))),
    only(jpegSegment(0xe1, concat(ascii('http://ns.adobe.com/xap/1.0/\0'), XMP_PACKET))),
    ICC_SEGMENT,
    only(jpegSegment(0xe2, concat(ascii('MPF\0'), ascii('MM')))),
    only(jpegSegment(0xed, concat(ascii('Photoshop 3.0\0'), ascii('8BIM'), ascii('Jane Doe')))),
    ADOBE_SEGMENT,
    only(jpegSegment(0xfe, ascii('Taken by Jane Doe'))),
    DQT,
    only([0xff, 0xff]), // fill bytes before a marker
    SOF0,
    DHT,
    DRI,
    SOS,
    SCAN,
    only([0xff, 0xff]),
    [0xff, 0xd9],
    only(ascii('vendor trailer after EOI')),
  );
}

// --- WebP: RIFF "WEBP" with VP8X, ICCP, VP8, EXIF, XMP and an unknown chunk ---

export function riffChunk(fourcc: string, payload: Uint8Array): Uint8Array {
  return concat(ascii(fourcc), u32le(payload.length), payload, payload.length % 2 ? [0] : []);
}

export function riff(...chunks: Uint8Array[]): Uint8Array {
  const body = concat(ascii('WEBP'), ...chunks);
  return concat(ascii('RIFF'), u32le(body.length), body);
}

const VP8X_ICC = 0x20;
const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;
export const vp8x = (flags: number): Uint8Array => riffChunk('VP8X', Uint8Array.of(flags, 0, 0, 0, 0, 0, 0, 0, 0, 0));
/** Odd-sized, so the padding byte is exercised. */
export const VP8 = riffChunk('VP8 ', concat([0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a], u16be(1).reverse(), u16be(1).reverse(), [0x01]));
export const ICCP = riffChunk('ICCP', ascii('fake icc profile'));

export function webpFile({ metadata }: { metadata: boolean }): Uint8Array {
  return metadata
    ? riff(vp8x(VP8X_ICC | VP8X_EXIF | VP8X_XMP), ICCP, VP8, riffChunk('EXIF', exifTiff()), riffChunk('XMP ', XMP_PACKET), riffChunk('unKn', ascii('x')))
    : riff(vp8x(VP8X_ICC), ICCP, VP8);
}

// --- PDF ---

export const pdfFile = (): Uint8Array => ascii('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

// --- multipart/form-data ---

type PartSpec = { headers: readonly string[]; content: string | Uint8Array };

/** A multipart body with CRLF line endings unless told otherwise, closed unless told otherwise. */
export function multipartBody(boundary: string, parts: readonly PartSpec[], { newline = '\r\n', close = true } = {}): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}${newline}${part.headers.map((header) => header + newline).join('')}${newline}`));
    chunks.push(Buffer.from(part.content));
    chunks.push(Buffer.from(newline));
  }
  chunks.push(Buffer.from(close ? `--${boundary}--${newline}` : ''));
  return Buffer.concat(chunks);
}

export const field = (name: string, value: string): PartSpec => ({ headers: [`Content-Disposition: form-data; name="${name}"`], content: value });

export const file = (name: string, filename: string, content: Uint8Array, type = 'application/octet-stream'): PartSpec => ({
  headers: [`Content-Disposition: form-data; name="${name}"; filename="${filename}"`, `Content-Type: ${type}`],
  content,
});
