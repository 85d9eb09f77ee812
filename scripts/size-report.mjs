// Sizes of what a citizen's browser downloads: the script-tag bundle, its chunks and the
// precompiled validators, raw, gzip -9 and brotli (quality 11). Run after `npm run build`.
// Prints a Markdown table; `--json` prints JSON instead.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const files = (directory) =>
  readdirSync(directory, { recursive: true })
    .map(String)
    .filter((file) => file.endsWith('.js') && statSync(join(directory, file)).isFile())
    .map((file) => join(directory, file))
    .sort();

const measure = (file) => {
  const content = readFileSync(file);
  return {
    file,
    raw: content.length,
    gzip: gzipSync(content, { level: 9 }).length,
    brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};

let rows;
try {
  rows = files('dist').map(measure);
} catch {
  console.error('No dist/ folder: run `npm run build` first.');
  process.exit(1);
}
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(rows, null, 2));
} else {
  const kb = (bytes) => (bytes / 1024).toFixed(1);
  console.log('| file | raw kB | gzip kB | brotli kB |\n|---|---:|---:|---:|');
  for (const row of rows) console.log(`| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.brotli)} |`);
}
