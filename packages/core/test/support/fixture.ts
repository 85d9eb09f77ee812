import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadedDefinition, PrecompiledModule } from '../../src/index.js';
import { loadDefinitionStrict } from '../../src/compile/index.js';

/** The small valid definition the core tests share (see fixtures/minimal.definition.json). */
export function minimalDefinitionText(): string {
  return readFileSync(new URL('../fixtures/minimal.definition.json', import.meta.url), 'utf8');
}

export function loadMinimal(): LoadedDefinition {
  const result = loadDefinitionStrict(minimalDefinitionText());
  if (!result.ok) throw new Error(`fixture broken: ${JSON.stringify(result.errors)}`);
  return result;
}

/** Writes a precompiled module to a temporary file and imports it, as a browser would load it. */
export async function importModuleSource(source: string, name = 'validator'): Promise<PrecompiledModule> {
  const directory = mkdtempSync(join(tmpdir(), 'es-precompiled-'));
  const file = join(directory, `${name}.js`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as PrecompiledModule;
}
