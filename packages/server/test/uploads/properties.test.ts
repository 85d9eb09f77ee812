import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { sniffFileType, type AcceptedFileType } from '../../src/uploads/sniff.js';
import { stripMetadata } from '../../src/uploads/strip-metadata.js';
import { parseMultipart } from '../../src/uploads/multipart.js';
import {
  ascii, concat, contains, DHT, DQT, IEND, IHDR, jpegFile, jpegSegment, multipartBody, pdfFile, PNG_SIGNATURE, pngChunk, pngFile,
  riff, riffChunk, SOF0, SOS, VP8, vp8x, webpFile,
} from './fixtures.js';

const TYPES: AcceptedFileType[] = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'];
const VALID = [jpegFile({ metadata: true }), pngFile({ metadata: true }), webpFile({ metadata: true }), pdfFile()];
const BOUNDARY = 'fc-boundary';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

/** Strips as the server will (sniffed type), and checks what any outcome must satisfy: no throw, idempotent when accepted. */
function stripChecked(bytes: Uint8Array): void {
  for (const type of TYPES) {
    const result = stripMetadata(bytes, type);
    if (!result.ok) {
      assert.equal(typeof result.reason, 'string');
      continue;
    }
    assert.equal(type, sniffFileType(bytes));
    const again = stripMetadata(result.bytes, type);
    assert.ok(again.ok);
    assert.deepEqual(again.bytes, result.bytes);
  }
}

const magicThenJunk = fc.tuple(
  fc.constantFrom(Uint8Array.of(0xff, 0xd8, 0xff), PNG_SIGNATURE, concat(ascii('RIFF'), [0, 0, 0, 0], ascii('WEBP')), ascii('%PDF-1.')),
  fc.uint8Array({ maxLength: 200 }),
).map(([magic, tail]) => concat(magic, tail));

/** A valid file with one byte changed, or cut short, or with bytes inserted. */
const damaged = fc.oneof(
  fc.record({ file: fc.constantFrom(...VALID), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }).map(({ file, at, value }) => {
    const copy = file.slice();
    copy[at % copy.length] = value;
    return copy;
  }),
  fc.record({ file: fc.constantFrom(...VALID), length: fc.nat() }).map(({ file, length }) => file.subarray(0, length % file.length)),
  fc.record({ file: fc.constantFrom(...VALID), at: fc.nat(), insert: fc.uint8Array({ minLength: 1, maxLength: 8 }) }).map(({ file, at, insert }) =>
    concat(file.subarray(0, at % file.length), insert, file.subarray(at % file.length)),
  ),
);

describe('uploads: properties', () => {
  it('never throw on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.string(), (bytes, header) => {
        sniffFileType(bytes);
        stripChecked(bytes);
        assert.equal(parseMultipart(bytes, header).ok, false);
        parseMultipart(bytes, CONTENT_TYPE);
      }),
    );
  });

  it('never throw on a right magic number followed by junk', () => {
    fc.assert(fc.property(magicThenJunk, (bytes) => stripChecked(bytes)));
  });

  it('never throw on damaged files, and strip whatever they accept to a fixed point', () => {
    fc.assert(fc.property(damaged, (bytes) => stripChecked(bytes)), { numRuns: 1000 });
  });

  it('never throw on damaged multipart bodies', () => {
    const valid = multipartBody(BOUNDARY, [
      { headers: ['Content-Disposition: form-data; name="answers"'], content: '{"a":1}' },
      { headers: ['Content-Disposition: form-data; name="photo"; filename="../x.png"', 'Content-Type: image/png'], content: pngFile({ metadata: false }) },
    ]);
    fc.assert(
      fc.property(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.nat(), (at, value, cut) => {
        const copy = valid.subarray(0, valid.length - (cut % 8));
        copy[at % copy.length] = value;
        parseMultipart(copy, CONTENT_TYPE);
        copy[at % copy.length] = valid[at % copy.length]!;
      }),
      { numRuns: 1000 },
    );
  });

  it('strips generated PNGs to files with only kept chunks, the same IDATs and a fixed point', () => {
    const chunkType = fc.constantFrom('tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'prVt', 'gAMA', 'pHYs', 'sRGB', 'iCCP');
    const chunk = fc.record({ type: chunkType, data: fc.uint8Array({ maxLength: 40 }) }).map(({ type, data }) => pngChunk(type, data));
    const idats = fc.array(fc.uint8Array({ maxLength: 40 }).map((data) => pngChunk('IDAT', data)), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 5 }), idats, fc.array(chunk, { maxLength: 5 }), (before, data, after) => {
        const result = stripMetadata(concat(PNG_SIGNATURE, IHDR, ...before, ...data, ...after, IEND), 'image/png');
        assert.ok(result.ok);
        for (const dropped of ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME', 'prVt']) assert.equal(contains(result.bytes, ascii(dropped)), false);
        assert.ok(contains(result.bytes, concat(...data)));
        assert.deepEqual(stripMetadata(result.bytes, 'image/png'), result);
      }),
    );
  });

  it('strips generated JPEGs to a fixed point with the scan unchanged', () => {
    const appSegment = fc.record({ marker: fc.integer({ min: 0xe1, max: 0xef }).filter((m) => m !== 0xe2 && m !== 0xee), data: fc.uint8Array({ maxLength: 40 }) });
    // Entropy-coded data never holds a bare FF: stuff every FF with 00, as an encoder does.
    const scan = fc.uint8Array({ minLength: 1, maxLength: 60 }).map((data) => Uint8Array.from([...data].flatMap((byte) => (byte === 0xff ? [0xff, 0x00] : [byte]))));
    fc.assert(
      fc.property(fc.array(appSegment, { maxLength: 4 }), scan, (segments, data) => {
        const file = concat([0xff, 0xd8], ...segments.map(({ marker, data: payload }) => jpegSegment(marker, payload)), DQT, SOF0, DHT, SOS, data, [0xff, 0xd9]);
        const result = stripMetadata(file, 'image/jpeg');
        assert.ok(result.ok);
        assert.deepEqual(result.bytes, concat([0xff, 0xd8], DQT, SOF0, DHT, SOS, data, [0xff, 0xd9]));
        assert.deepEqual(stripMetadata(result.bytes, 'image/jpeg'), result);
      }),
    );
  });

  it('strips generated WebPs to a fixed point with a correct RIFF size', () => {
    const chunk = fc.record({ fourcc: fc.constantFrom('EXIF', 'XMP ', 'ICCP', 'ALPH', 'zzzz'), data: fc.uint8Array({ maxLength: 21 }) }).map(({ fourcc, data }) => riffChunk(fourcc, data));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.array(chunk, { maxLength: 5 }), (flags, chunks) => {
        const result = stripMetadata(riff(vp8x(flags), ...chunks, VP8), 'image/webp');
        assert.ok(result.ok);
        assert.equal(Buffer.from(result.bytes).readUInt32LE(4), result.bytes.length - 8);
        assert.equal(result.bytes[20]! & 0x0c, 0);
        assert.equal(contains(result.bytes, ascii('EXIF')) || contains(result.bytes, ascii('XMP ')), false);
        assert.deepEqual(stripMetadata(result.bytes, 'image/webp'), result);
      }),
    );
  });

  it('reads back generated multipart bodies part for part', () => {
    const bchars = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=?";
    const boundary = fc.string({ unit: fc.constantFrom(...bchars), minLength: 1, maxLength: 70 });
    const part = fc.record({ name: fc.string({ unit: fc.constantFrom(...'abcdefghij_-.'), minLength: 1, maxLength: 10 }), content: fc.uint8Array({ maxLength: 80 }) }, { noNullPrototype: true });
    fc.assert(
      fc.property(boundary, fc.array(part, { minLength: 1, maxLength: 10 }), (b, parts) => {
        fc.pre(parts.every(({ content }) => !Buffer.from(content).includes(`\r\n--${b}`)));
        const body = multipartBody(b, parts.map(({ name, content }) => ({ headers: [`Content-Disposition: form-data; name="${name}"`], content })));
        const result = parseMultipart(body, `multipart/form-data; boundary="${b}"`);
        assert.ok(result.ok);
        assert.deepEqual(result.parts.map(({ name, content }) => ({ name, content: new Uint8Array(content) })), parts);
      }),
    );
  });
});
