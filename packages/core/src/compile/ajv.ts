import { Ajv2020, _ } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { FUNCTION_FORMATS, REGEXP_FORMATS } from '../formats/registry.js';

// ajv-formats is CommonJS: NodeNext types its default import as the module object.
const addFormats = addFormatsModule.default;

/** The name precompiled modules give their table of inlined format checkers. */
export const INLINE_FORMATS_IDENTIFIER = '__esFormats';

export interface AjvOptions {
  /** Emit standalone source (for precompiling); runtime validation leaves this off. */
  readonly forStandalone?: boolean;
}

/**
 * The one ajv configuration used for answers and rule conditions, at run time and when
 * precompiling, so both give the same verdicts.
 */
export function createAnswerAjv(options: AjvOptions = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    // Citizens see core's sv/en messages, never ajv's English: leaving them out shrinks modules.
    messages: false,
    strict: false,
    validateFormats: true,
    // Generated code reads format checkers from this identifier (INLINE_FORMATS_IDENTIFIER).
    ...(options.forStandalone ? { code: { source: true, esm: true, formats: _`__esFormats` } } : {}),
  });
  return withFormats(ajv);
}

/** Registers every format a definition may use: ajv-formats' regular expressions and ours. */
function withFormats(ajv: Ajv2020): Ajv2020 {
  addFormats(ajv, { mode: 'full', keywords: false, formats: [...REGEXP_FORMATS] });
  for (const [name, format] of Object.entries(FUNCTION_FORMATS)) {
    ajv.addFormat(name, { type: 'string', validate: format.validate });
  }
  return ajv;
}

/** A strict ajv used only to check that a definition's embedded schema is valid JSON Schema. */
export function createSchemaCheckingAjv(): Ajv2020 {
  return withFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false, strictTypes: false, validateFormats: true }));
}
