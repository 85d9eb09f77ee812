import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { stripMetadata } from '../../src/uploads/strip-metadata.js';
import { ascii, concat, contains, IDAT, IEND, IHDR, LATITUDE, PNG_SIGNATURE, pngChunk, pngFile, u32be } from './fixtures.js';

type Chunk = { type: string; crcValid: boolean };

/** The chunks of a PNG, read independently of the code under test. */
function chunks(bytes: Uint8Array): Chunk[] {
  const buffer = Buffer.from(bytes);
  const found: Chunk[] = [];
  for (let pos = 8; pos < buffer.length; ) {
    const length = buffer.readUInt32BE(pos);
    found.push({ type: buffer.toString('latin1', pos + 4, pos + 8), crcValid: crc32(buffer.subarray(pos + 4, pos + 8 + length)) === buffer.readUInt32BE(pos + 8 + length) });
    pos += 12 + length;
  }
  return found;
}

const strip = (bytes: Uint8Array): Uint8Array => {
  const result = stripMetadata(bytes, 'image/png');
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.bytes;
};
const refused = (bytes: Uint8Array): void => assert.equal(stripMetadata(bytes, 'image/png').ok, false);

describe('stripMetadata: PNG', () => {
  it('drops eXIf, tEXt, iTXt, zTXt, tIME and unknown ancillary chunks and keeps the rest byte for byte', () => {
    const stripped = strip(pngFile({ metadata: true }));
    assert.deepEqual(stripped, pngFile({ metadata: false }));
    assert.deepEqual(chunks(stripped).map((chunk) => chunk.type), ['IHDR', 'gAMA', 'pHYs', 'IDAT', 'IEND']);
  });

  it('leaves no EXIF, GPS coordinates, XMP or text keywords behind', () => {
    const stripped = strip(pngFile({ metadata: true }));
    for (const secret of [ascii('MM\0*'), LATITUDE, ascii('xmpmeta'), ascii('XML:com.adobe.xmp'), ascii('Author'), ascii('Jane Doe'), ascii('prVt')]) {
      assert.equal(contains(stripped, secret), false);
    }
  });

  it('keeps every CRC valid and the image data identical', () => {
    const stripped = strip(pngFile({ metadata: true }));
    assert.ok(chunks(stripped).every((chunk) => chunk.crcValid));
    assert.ok(contains(stripped, IDAT));
  });

  it('returns a stripped file unchanged', () => {
    const once = strip(pngFile({ metadata: true }));
    assert.deepEqual(strip(once), once);
  });

  it('keeps colour and APNG animation chunks', () => {
    const kept = ['cHRM', 'sRGB', 'iCCP', 'sBIT', 'bKGD', 'tRNS', 'acTL', 'fcTL'];
    const file = concat(PNG_SIGNATURE, IHDR, ...kept.map((type) => pngChunk(type, ascii('x'))), IDAT, pngChunk('fdAT', ascii('frame')), IEND);
    assert.deepEqual(strip(file), file);
  });

  const bad: [string, () => Uint8Array][] = [
    ['a bad CRC', () => {
      const file = pngFile({ metadata: false });
      file[file.length - 1]! ^= 1;
      return file;
    }],
    ['a bad CRC in a chunk that would be dropped', () => concat(PNG_SIGNATURE, IHDR, pngChunk('tEXt', ascii('a\0b')).map((byte, i, all) => (i === all.length - 1 ? byte ^ 1 : byte)), IDAT, IEND)],
    ['a file cut short', () => pngFile({ metadata: false }).subarray(0, 40)],
    ['a file cut inside the chunk length', () => concat(PNG_SIGNATURE, IHDR, IDAT, [0, 0])],
    ['no IEND', () => concat(PNG_SIGNATURE, IHDR, IDAT)],
    ['junk after IEND', () => concat(pngFile({ metadata: false }), ascii('<script>alert(1)</script>'))],
    ['a second image after IEND', () => concat(pngFile({ metadata: false }), IHDR, IDAT, IEND)],
    ['IHDR not first', () => concat(PNG_SIGNATURE, pngChunk('gAMA', Uint8Array.from(u32be(45455))), IHDR, IDAT, IEND)],
    ['two IHDRs', () => concat(PNG_SIGNATURE, IHDR, IHDR, IDAT, IEND)],
    ['an IHDR of the wrong size', () => concat(PNG_SIGNATURE, pngChunk('IHDR', new Uint8Array(12)), IDAT, IEND)],
    ['no IDAT', () => concat(PNG_SIGNATURE, IHDR, IEND)],
    ['an unknown critical chunk', () => concat(PNG_SIGNATURE, IHDR, pngChunk('CgBI', new Uint8Array(4)), IDAT, IEND)],
    ['a chunk type that is not letters', () => concat(PNG_SIGNATURE, IHDR, pngChunk('t3Xt', new Uint8Array(4)), IDAT, IEND)],
    ['a PNG signature followed by <script>', () => concat(PNG_SIGNATURE, ascii('<script>alert(document.cookie)</script>'))],
    ['only the signature', () => PNG_SIGNATURE],
    ['a JPEG presented as PNG', () => concat([0xff, 0xd8, 0xff], IHDR)],
  ];
  for (const [what, build] of bad) {
    it(`refuses ${what}`, () => refused(build()));
  }
});
