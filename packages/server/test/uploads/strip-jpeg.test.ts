import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripMetadata } from '../../src/uploads/strip-metadata.js';
import { ADOBE_SEGMENT, ascii, concat, contains, DHT, DQT, ICC_SEGMENT, jpegFile, jpegSegment, LATITUDE, LONGITUDE, SCAN, SOF0, SOS } from './fixtures.js';

const strip = (bytes: Uint8Array): Uint8Array => {
  const result = stripMetadata(bytes, 'image/jpeg');
  assert.ok(result.ok, result.ok ? '' : result.reason);
  return result.bytes;
};
const refused = (bytes: Uint8Array): void => assert.equal(stripMetadata(bytes, 'image/jpeg').ok, false);
const SOI = [0xff, 0xd8];
const EOI = [0xff, 0xd9];

describe('stripMetadata: JPEG', () => {
  it('drops APP1 (EXIF, XMP), APP13, COM, other APPn, the JFIF thumbnail, fill bytes and the trailer', () => {
    assert.deepEqual(strip(jpegFile({ metadata: true })), jpegFile({ metadata: false }));
  });

  it('leaves no EXIF, GPS coordinates, XMP, IPTC or comment behind', () => {
    const stripped = strip(jpegFile({ metadata: true }));
    for (const secret of [ascii('Exif\0\0'), LATITUDE, LONGITUDE, ascii('xmpmeta'), ascii('ns.adobe.com/xap'), ascii('Photoshop'), ascii('8BIM'), ascii('Jane Doe'), ascii('MPF'), ascii('trailer')]) {
      assert.equal(contains(stripped, secret), false);
    }
  });

  it('keeps the ICC profile, the Adobe segment, tables, frame and scan byte for byte', () => {
    const stripped = strip(jpegFile({ metadata: true }));
    for (const kept of [ICC_SEGMENT, ADOBE_SEGMENT, DQT, SOF0, DHT, concat(SOS, SCAN, EOI)]) assert.ok(contains(stripped, kept));
  });

  it('returns a stripped file unchanged', () => {
    const once = strip(jpegFile({ metadata: true }));
    assert.deepEqual(strip(once), once);
  });

  it('follows a progressive file through several scans', () => {
    const secondScan = Uint8Array.of(0xab, 0xff, 0x00, 0xcd);
    const file = concat(SOI, DQT, jpegSegment(0xc2, SOF0.subarray(4)), DHT, SOS, SCAN, DHT, SOS, secondScan, EOI);
    assert.deepEqual(strip(concat(file.subarray(0, 2), jpegSegment(0xfe, ascii('comment')), file.subarray(2))), file);
  });

  it('copies standalone markers without a length', () => {
    const file = concat(SOI, [0xff, 0x01], DQT, SOF0, DHT, SOS, SCAN, EOI);
    assert.deepEqual(strip(file), file);
  });

  const bad: [string, Uint8Array][] = [
    ['a file cut inside the scan', concat(SOI, DQT, SOF0, DHT, SOS, SCAN.subarray(0, 3))],
    ['a file cut inside a segment', jpegFile({ metadata: true }).subarray(0, 30)],
    ['a file cut after a marker byte', concat(SOI, DQT, [0xff])],
    ['a segment longer than the file', concat(SOI, [0xff, 0xe1, 0xff, 0xf0], ascii('Exif\0\0'))],
    ['a segment length below 2', concat(SOI, [0xff, 0xdb, 0x00, 0x01], SOF0, DHT, SOS, SCAN, EOI)],
    ['no SOS', concat(SOI, DQT, SOF0, DHT, EOI)],
    ['a scan without a frame header', concat(SOI, DQT, DHT, SOS, SCAN, EOI)],
    ['a reserved marker', concat(SOI, [0xff, 0x3c, 0x00, 0x02], DQT, SOF0, DHT, SOS, SCAN, EOI)],
    ['a second SOI', concat(SOI, SOI, DQT, SOF0, DHT, SOS, SCAN, EOI)],
    ['bytes where a marker belongs', concat(SOI, DQT, [0x00], SOF0, DHT, SOS, SCAN, EOI)],
    ['a JPEG magic number followed by HTML', concat([0xff, 0xd8, 0xff], ascii('<html><script>alert(1)</script></html>'))],
    ['only SOI', Uint8Array.from(SOI)],
  ];
  for (const [what, bytes] of bad) {
    it(`refuses ${what}`, () => refused(bytes));
  }
});
