import { validateDefinitionShape } from '../generated/meta-validator.js';

export { schemaErrorPointer, type SchemaError, type SchemaValidator } from './schema-error.js';
import type { SchemaValidator } from './schema-error.js';

/** Checks a value against core's definition meta-schema (precompiled, so no eval is needed). */
export const checkDefinitionShape = validateDefinitionShape as SchemaValidator;
