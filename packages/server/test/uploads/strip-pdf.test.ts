import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { stripMetadata } from '../../src/uploads/strip-metadata.js';
import { ascii, concat, pdfFile } from './fixtures.js';

describe('stripMetadata: PDF', () => {
  it('keeps a PDF unchanged: its metadata cannot be removed losslessly and is documented as kept', () => {
    const result = stripMetadata(pdfFile(), 'application/pdf');
    assert.ok(result.ok);
    assert.deepEqual(result.bytes, pdfFile());
  });

  it('accepts PDF 2.0 and an end marker followed by an incremental-update tail shorter than 1 KiB', () => {
    assert.ok(stripMetadata(concat(ascii('%PDF-2.0\n'), pdfFile().subarray(9), ascii(' '.repeat(900))), 'application/pdf').ok);
  });

  const bad: [string, Uint8Array][] = [
    ['an unknown version', concat(ascii('%PDF-3.0\n'), pdfFile().subarray(9))],
    ['a file without %%EOF', ascii('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n')],
    ['%%EOF further than 1 KiB from the end', concat(pdfFile(), ascii('x'.repeat(1025)))],
    ['a PDF header followed by HTML', ascii('%PDF-<html><script>alert(1)</script></html>')],
    ['a PNG presented as PDF', concat([0x89], ascii('PNG'), ascii('%%EOF'))],
  ];
  for (const [what, bytes] of bad) {
    it(`refuses ${what}`, () => assert.equal(stripMetadata(bytes, 'application/pdf').ok, false));
  }
});
