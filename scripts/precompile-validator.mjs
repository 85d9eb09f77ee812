#!/usr/bin/env node
// Turns a definition file into its precompiled validator module, beside it or where -o says:
//   node scripts/precompile-validator.mjs path/to/x.json [-o path/to/x.validator.js]
// Exits 1 with the loader's errors (pointer and message) when the definition is broken.
import { resolve } from 'node:path';

const args = process.argv.slice(2);
const outIndex = args.indexOf('-o');
const output = outIndex >= 0 ? args[outIndex + 1] : undefined;
const input = args.find((arg, index) => !arg.startsWith('-') && (outIndex < 0 || index !== outIndex + 1));
if (!input || (outIndex >= 0 && !output)) {
  console.error('usage: node scripts/precompile-validator.mjs <definition.json> [-o <module.js>]');
  process.exit(2);
}

let precompileFile;
try {
  ({ precompileFile } = await import('./lib/precompile.mjs'));
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error('@eservice-kit/core is not built yet: run `npm run build` first.');
  process.exit(2);
}

const result = await precompileFile(resolve(input), output && resolve(output));
// "file.json at /ui/fields/~1name": in pointers "~1" stands for "/" and "~0" for "~".
const where = (pointer) => `${input} at ${pointer || '/ (the whole definition)'}`;
if (!result.ok) {
  for (const error of result.errors) console.error(`${where(error.pointer)}: ${error.message.en}`);
  console.error(`${result.errors.length} error(s); in pointers "~1" stands for "/". See docs/definition-format.md.`);
  process.exit(1);
}
for (const warning of result.warnings) console.warn(`warning: ${where(warning.pointer)}: ${warning.message.en}`);
console.log(`${result.output}: ${result.bytes} bytes (${result.id}@${result.version}, ${result.hash})`);
