import type { Ajv2020 } from 'ajv/dist/2020.js';
import standaloneCodeModule from 'ajv/dist/standalone/index.js';
import { FUNCTION_FORMATS } from '../formats/registry.js';
import { INLINE_FORMATS_IDENTIFIER } from './ajv.js';
import { jsonEqual, ucs2length } from './runtime-inlines.js';

// CommonJS: NodeNext types the default import as the module object.
const standaloneCode = standaloneCodeModule.default;

/** Raised when a schema cannot become a self-contained module (e.g. it needs an ajv runtime we do not inline). */
export class PrecompileError extends Error {
  override name = 'PrecompileError';
}

const RUNTIME_REPLACEMENTS: Readonly<Record<string, string>> = {
  'require("ajv/dist/runtime/ucs2length").default': `(${ucs2length.toString()})`,
  'require("ajv/dist/runtime/equal").default': `(function jsonEqualOuter(){ return ${jsonEqual.toString()}; })()`,
};

/**
 * ajv standalone output turned into one plain ES module: runtime helpers and format
 * checkers inlined, and a guard that nothing can load or evaluate code at run time.
 */
export function standaloneModule(ajv: Ajv2020, exportsBySchemaKey: Readonly<Record<string, string>>): string {
  let code = standaloneCode(ajv, exportsBySchemaKey).replace(/^"use strict";/, '');
  for (const [needle, replacement] of Object.entries(RUNTIME_REPLACEMENTS)) code = code.split(needle).join(replacement);
  const usedFormats = [...code.matchAll(new RegExp(`${INLINE_FORMATS_IDENTIFIER}(?:\\["([^"]+)"\\]|\\.([\\w$]+))`, 'g'))].map(
    (match) => (match[1] ?? match[2])!,
  );
  const formatTable = [...new Set(usedFormats)]
    .map((name) => {
      const format = FUNCTION_FORMATS[name];
      if (!format) throw new PrecompileError(`Format "${name}" has no inlinable implementation.`);
      return `${JSON.stringify(name)}: { validate: (${format.source}) }`;
    })
    .join(',\n');
  code = `const ${INLINE_FORMATS_IDENTIFIER} = {${formatTable}};\n${code}`;
  assertSelfContained(code);
  return code;
}

/** The promise of a precompiled module: no require, import, eval or Function constructor. */
export function assertSelfContained(code: string): void {
  const forbidden = [/\brequire\s*\(/, /\bimport\s*[({'"*\w]/, /\beval\s*\(/, /\bnew\s+Function\b/, /\bFunction\s*\(/];
  for (const pattern of forbidden) {
    if (pattern.test(code)) throw new PrecompileError(`Generated validator is not self-contained (found ${pattern}).`);
  }
}
