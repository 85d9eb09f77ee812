import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sniffFileType } from '../../src/uploads/sniff.js';
import { ascii, concat, jpegFile, pdfFile, PNG_SIGNATURE, pngFile, webpFile } from './fixtures.js';

describe('sniffFileType', () => {
  it('recognises JPEG, PNG, WebP and PDF from their content', () => {
    assert.equal(sniffFileType(jpegFile({ metadata: true })), 'image/jpeg');
    assert.equal(sniffFileType(pngFile({ metadata: true })), 'image/png');
    assert.equal(sniffFileType(webpFile({ metadata: true })), 'image/webp');
    assert.equal(sniffFileType(pdfFile()), 'application/pdf');
  });

  const refused: [string, Uint8Array][] = [
    ['an empty file', new Uint8Array()],
    ['HTML (whatever name it was uploaded under)', ascii('<!DOCTYPE html><html><script>alert(1)</script></html>')],
    ['a polyglot that starts with <html>', concat(ascii('<html>'), pngFile({ metadata: false }))],
    ['SVG', ascii('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')],
    ['GIF', ascii('GIF89a\x01\x00\x01\x00\x00\x00\x00;')],
    ['ZIP', concat(ascii('PK\x03\x04'), new Uint8Array(26))],
    ['a Windows executable', concat(ascii('MZ'), new Uint8Array(62))],
    ['a shell script', ascii('#!/bin/sh\nrm -rf /\n')],
    ['a RIFF file that is not WebP (WAV)', concat(ascii('RIFF'), [36, 0, 0, 0], ascii('WAVEfmt '))],
    ['a PDF header after leading junk', concat(ascii('junk'), pdfFile())],
    ['a truncated PNG signature', PNG_SIGNATURE.subarray(0, 7)],
    ['two bytes of a JPEG', Uint8Array.of(0xff, 0xd8)],
  ];
  for (const [what, bytes] of refused) {
    it(`refuses ${what}`, () => assert.equal(sniffFileType(bytes), undefined));
  }
});
