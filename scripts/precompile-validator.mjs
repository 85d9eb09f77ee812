#!/usr/bin/env node
// Turns a definition file into its precompiled validator module, beside it or where -o says:
//   node scripts/precompile-validator.mjs path/to/x.json [-o path/to/x.validator.js]
// Exits 1 with the loader's errors (pointer and message) when the definition is broken.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { precompileFile } from './lib/precompile.mjs';

const args = process.argv.slice(2);
const outIndex = args.indexOf('-o');
const output = outIndex >= 0 ? args[outIndex + 1] : undefined;
const input = args.find((arg, index) => !arg.startsWith('-') && index !== outIndex + 1);
if (!input || (outIndex >= 0 && !output)) {
  console.error('usage: node scripts/precompile-validator.mjs <definition.json> [-o <module.js>]');
  process.exit(2);
}
const result = await precompileFile(resolve(input), output && resolve(output));
if (!result.ok) {
  for (const error of result.errors) console.error(`${input}${error.pointer || '/'}: ${error.message.en}`);
  process.exit(1);
}
for (const warning of result.warnings) console.warn(`warning ${input}${warning.pointer}: ${warning.message.en}`);
console.log(`${result.output}: ${result.bytes} bytes (${result.id}@${result.version}, ${result.hash})`);
