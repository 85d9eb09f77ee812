// Kept apart from meta-validate.ts, whose generated validator is large: evaluate() needs
// only these, and browsers load the definition checker lazily.
import { joinPointer } from '../json-pointer.js';

/** One ajv-style error, as both runtime ajv and precompiled validators report them. */
export interface SchemaError {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly keyword: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly message?: string;
  /** Set by ajv on errors about a key's name (propertyNames). */
  readonly propertyName?: string;
}

/** Where an error belongs: the missing or extra property itself, not its parent object. */
export function schemaErrorPointer(error: SchemaError): string {
  const property = error.params['missingProperty'] ?? error.params['additionalProperty'];
  return typeof property === 'string' ? joinPointer(error.instancePath, property) : error.instancePath;
}

/** A JSON Schema validator function in ajv's shape: verdict returned, errors left on the function. */
export type SchemaValidator = ((data: unknown) => boolean) & { errors?: readonly SchemaError[] | null };
