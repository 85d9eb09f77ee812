import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripMetadata } from '../../src/uploads/strip-metadata.js';
import { ascii, concat, contains, ICCP, LATITUDE, riff, riffChunk, u32le, VP8, vp8x, webpFile } from './fixtures.js';

const strip = (bytes: Uint8Array): Uint8Array => {
  const result = stripMetadata(bytes, 'image/webp');
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.bytes;
};
const refused = (bytes: Uint8Array): void => assert.equal(stripMetadata(bytes, 'image/webp').ok, false);
const riffSize = (bytes: Uint8Array): number => Buffer.from(bytes).readUInt32LE(4);

describe('stripMetadata: WebP', () => {
  it('drops EXIF, XMP and unknown chunks, clears their VP8X flags and fixes the RIFF size', () => {
    const stripped = strip(webpFile({ metadata: true }));
    assert.deepEqual(stripped, webpFile({ metadata: false }));
    assert.equal(riffSize(stripped), stripped.length - 8);
    assert.equal(stripped[20]! & 0x0c, 0, 'EXIF and XMP flags cleared');
    assert.equal(stripped[20]! & 0x20, 0x20, 'ICC flag kept');
  });

  it('leaves no EXIF, GPS coordinates or XMP behind and keeps the image chunk byte for byte', () => {
    const stripped = strip(webpFile({ metadata: true }));
    for (const secret of [ascii('EXIF'), ascii('XMP '), ascii('xmpmeta'), LATITUDE]) assert.equal(contains(stripped, secret), false);
    assert.ok(contains(stripped, VP8));
    assert.ok(contains(stripped, ICCP));
  });

  it('returns a stripped file unchanged', () => {
    const once = strip(webpFile({ metadata: true }));
    assert.deepEqual(strip(once), once);
  });

  it('keeps a simple lossy file as it is', () => {
    assert.deepEqual(strip(riff(VP8)), riff(VP8));
  });

  const valid = webpFile({ metadata: true });
  const bad: [string, Uint8Array][] = [
    ['a RIFF size one too large', concat(valid.subarray(0, 4), u32le(valid.length - 7), valid.subarray(8))],
    ['a RIFF size one too small', concat(valid.subarray(0, 4), u32le(valid.length - 9), valid.subarray(8))],
    ['data after the RIFF container', concat(valid, [0, 0])],
    ['a file cut inside a chunk', concat(riff(VP8).subarray(0, 4), u32le(riff(VP8).length - 12), riff(VP8).subarray(8, -4))],
    ['a chunk size past the end', riff(vp8x(0), concat(ascii('VP8 '), u32le(1000), [1, 2]))],
    ['a first chunk that is not an image header', riff(ICCP, VP8)],
    ['VP8X not first', riff(VP8, vp8x(0))],
    ['a VP8X of the wrong size', riff(riffChunk('VP8X', new Uint8Array(8)), VP8)],
    ['no image data', riff(vp8x(0), ICCP)],
    ['a header alone', riff()],
    ['a WebP header followed by HTML', concat(ascii('RIFF'), u32le(30), ascii('WEBP<html><script></script>'))],
  ];
  for (const [what, bytes] of bad) {
    it(`refuses ${what}`, () => refused(bytes));
  }
});
