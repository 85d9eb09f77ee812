import { readFileSync, writeFileSync } from 'node:fs';
import { loadDefinitionStrict, precompileDefinition } from '@eservice-kit/core/compile';

/** Loads a definition file strictly and writes its validator module (default: x.json → x.validator.js). */
export async function precompileFile(input, output = input.replace(/\.json$/, '') + '.validator.js') {
  const loaded = loadDefinitionStrict(readFileSync(input, 'utf8'));
  if (!loaded.ok) return loaded;
  const source = precompileDefinition(loaded);
  writeFileSync(output, source);
  return {
    ok: true,
    output,
    bytes: Buffer.byteLength(source),
    id: loaded.definition.id,
    version: loaded.definition.version,
    hash: loaded.hash,
    warnings: loaded.warnings,
  };
}
