/**
 * @eservice-kit/core/compile: the parts that need the ajv compiler (Node, build tools).
 * Browsers use precompiled modules and never import this entry.
 */
import { loadDefinition, type LoadResult } from '../definition/load.js';
import { checkSchemaWithAjv } from './runtime.js';

export { compileDefinition, checkSchemaWithAjv } from './runtime.js';
export { precompileDefinition } from './precompile.js';
export { PrecompileError, assertSelfContained } from './standalone.js';

/** loadDefinition plus the checks only ajv can make: the embedded schema and rule conditions are valid. */
export function loadDefinitionStrict(input: unknown): LoadResult {
  return loadDefinition(input, { checkSchema: checkSchemaWithAjv });
}
