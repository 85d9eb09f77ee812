import type { SchemaValidator } from '../definition/meta-validate.js';
import type { LoadedDefinition } from '../definition/types.js';
import type { CompiledDefinition } from '../rules/types.js';
import { createAnswerAjv, createSchemaCheckingAjv } from './ajv.js';

/**
 * Compiles a loaded definition with ajv at run time (server, CLI, tests). Uses code
 * generation, so it is not for pages under a strict Content-Security-Policy: browsers
 * load the precompiled module instead.
 */
export function compileDefinition(loaded: LoadedDefinition): CompiledDefinition {
  const ajv = createAnswerAjv();
  const conditions: Record<string, SchemaValidator> = {};
  for (const rule of loaded.definition.ui.rules ?? []) conditions[rule.id] = ajv.compile(rule.when as object) as SchemaValidator;
  return { hash: loaded.hash, validate: ajv.compile(loaded.definition.schema as object) as SchemaValidator, conditions };
}

/** A schema checker for loadDefinition: reports why ajv refuses a schema, or nothing. */
export function checkSchemaWithAjv(schema: unknown): string | undefined {
  const ajv = createSchemaCheckingAjv();
  try {
    if (!ajv.validateSchema(schema as object)) return ajv.errorsText(ajv.errors, { dataVar: 'schema' }).slice(0, 500);
    ajv.compile(schema as object);
    return undefined;
  } catch (error) {
    return (error instanceof Error ? error.message : String(error)).slice(0, 500);
  }
}
