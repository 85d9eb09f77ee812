// Raw, gzip -9 and brotli (quality 11) sizes of the files a page downloads, measured the
// same way as scripts/size-report.mjs (which is a CLI and exports nothing to import).
import { readFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Sizes in bytes of one file, or of a string/Buffer (`label` names it in reports). */
export function measure(file, content = readFileSync(file)) {
  const bytes = Buffer.from(content);
  return {
    file,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Sum of several measurements: what a page costs over the wire (each file compressed on its own). */
export function total(rows) {
  return rows.reduce((sum, row) => ({ raw: sum.raw + row.raw, gzip: sum.gzip + row.gzip, brotli: sum.brotli + row.brotli }), {
    raw: 0,
    gzip: 0,
    brotli: 0,
  });
}
