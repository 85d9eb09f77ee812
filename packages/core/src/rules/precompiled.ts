import type { SchemaValidator } from '../definition/meta-validate.js';
import type { CompiledDefinition } from './types.js';

/** The shape of a module made by precompileDefinition. */
export interface PrecompiledModule {
  readonly validate: SchemaValidator;
  readonly conditions: Readonly<Record<string, SchemaValidator>>;
  readonly hash: string;
  readonly definitionId: string;
  readonly definitionVersion: string;
}

/**
 * Adapts an imported precompiled module for evaluate(), refusing one made for another
 * definition version: validating against the wrong schema would accept wrong answers.
 */
export function compiledFromModule(module: PrecompiledModule, expectedHash: string): CompiledDefinition | undefined {
  if (module.hash !== expectedHash || typeof module.validate !== 'function') return undefined;
  return { hash: module.hash, validate: module.validate, conditions: module.conditions ?? {} };
}
