import { parse } from 'acorn';
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

type AstNode = { type: string; [key: string]: unknown };

const FORBIDDEN_CALLEES = new Set(['eval', 'require', 'Function', 'importScripts']);

function calleeName(node: AstNode): string | undefined {
  const callee = node['callee'] as AstNode | undefined;
  if (callee?.type === 'Identifier') return callee['name'] as string;
  if (callee?.type === 'MemberExpression' && (callee['property'] as AstNode)?.type === 'Identifier') return (callee['property'] as AstNode)['name'] as string;
  return undefined;
}

/** Why a node loads or evaluates code at run time, or undefined. */
function forbiddenReason(node: AstNode): string | undefined {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ImportExpression':
      return 'an import';
    case 'ExportAllDeclaration':
      return 'a re-export';
    case 'ExportNamedDeclaration':
      return node['source'] ? 'a re-export' : undefined;
    case 'MetaProperty':
      return 'import.meta';
    case 'CallExpression':
    case 'NewExpression': {
      const name = calleeName(node);
      return name && FORBIDDEN_CALLEES.has(name) ? `a call of ${name}` : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * The promise of a precompiled module: no import, require, eval or Function constructor.
 * Checked on the parsed program, so schema texts that merely mention "import" are fine.
 */
export function assertSelfContained(code: string): void {
  let program: AstNode;
  try {
    program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as AstNode;
  } catch (error) {
    throw new PrecompileError(`Generated validator does not parse: ${error instanceof Error ? error.message : String(error)}`);
  }
  const stack: unknown[] = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) { stack.push(...node); continue; }
    if (typeof node !== 'object' || node === null || typeof (node as AstNode).type !== 'string') continue;
    const reason = forbiddenReason(node as AstNode);
    if (reason) throw new PrecompileError(`Generated validator is not self-contained (it contains ${reason}).`);
    for (const [key, value] of Object.entries(node)) if (key !== 'type' && typeof value === 'object') stack.push(value);
  }
}
