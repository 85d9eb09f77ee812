/**
 * @eservice-kit/core/compile: the parts that need the ajv compiler (Node, build tools).
 * Browsers use precompiled modules and never import this entry.
 */
import { loadDefinition, type LoadResult } from '../definition/load.js';
import { bilingual } from '../i18n/localized.js';
import { ISSUE_MESSAGES } from '../definition/issue-messages.js';
import { checkSchemaWithAjv, compileDefinition } from './runtime.js';

export { compileDefinition, checkSchemaWithAjv } from './runtime.js';
export { precompileDefinition } from './precompile.js';
export { PrecompileError, assertSelfContained } from './standalone.js';

/**
 * loadDefinition plus the checks only ajv can make: the embedded schema and every rule
 * condition are valid, and together they compile (e.g. no $id used twice).
 */
export function loadDefinitionStrict(input: unknown): LoadResult {
  const loaded = loadDefinition(input, { checkSchema: checkSchemaWithAjv });
  if (!loaded.ok) return loaded;
  try {
    compileDefinition(loaded);
    return loaded;
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).slice(0, 500);
    const message = bilingual(ISSUE_MESSAGES['invalid-schema'], { detail });
    return { ok: false, errors: [{ pointer: '/schema', code: 'invalid-schema', severity: 'error', message }], warnings: loaded.warnings };
  }
}
