import { joinPointer } from '../json-pointer.js';

export interface JsonLimits {
  readonly maxChars: number;
  readonly maxDepth: number;
  readonly maxNodes: number;
}

/** Limits that keep hostile or runaway definitions from exhausting a browser or server. */
export const DEFINITION_LIMITS: JsonLimits = {
  /** Characters of JSON text (about 2 MB of typical UTF-8); real definitions are well under 200 kB. */
  maxChars: 2_000_000,
  maxDepth: 64,
  maxNodes: 100_000,
};

/** Limits for one set of answers: far above any real form (a few kB), far below harm. */
export const ANSWER_LIMITS: JsonLimits = {
  maxChars: 1_000_000,
  maxDepth: 32,
  maxNodes: 20_000,
};

export type GuardProblem =
  | { readonly code: 'too-large'; readonly pointer: string; readonly limit: string }
  | { readonly code: 'too-deep'; readonly pointer: string; readonly limit: number }
  | { readonly code: 'forbidden-key'; readonly pointer: string; readonly key: string }
  | { readonly code: 'not-json'; readonly pointer: string };

function isPlainJsonObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return Array.isArray(value) || prototype === Object.prototype || prototype === null;
}

/**
 * Walks a parsed value without recursion (so 10,000-deep input cannot overflow the stack)
 * and reports the first problem that makes it unsafe to process further.
 */
export function guardJsonValue(value: unknown, limits: JsonLimits = DEFINITION_LIMITS): GuardProblem | undefined {
  // Pointers are built only when reported: [value, parent pointer, key, depth].
  const stack: [unknown, string, string | undefined, number][] = [[value, '', undefined, 0]];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const [node, parent, key, depth] = stack.pop()!;
    const pointerOf = () => (key === undefined ? parent : joinPointer(parent, key));
    nodes += 1;
    if (nodes > limits.maxNodes) return { code: 'too-large', pointer: '', limit: `${limits.maxNodes} values` };
    if (typeof node === 'string') {
      chars += node.length;
      if (chars > limits.maxChars) return { code: 'too-large', pointer: '', limit: `${limits.maxChars} characters` };
      continue;
    }
    if (node === null || typeof node === 'boolean') continue;
    if (typeof node === 'number') {
      if (!Number.isFinite(node)) return { code: 'not-json', pointer: pointerOf() };
      continue;
    }
    if (typeof node !== 'object' || !isPlainJsonObject(node)) return { code: 'not-json', pointer: pointerOf() };
    if (depth >= limits.maxDepth) return { code: 'too-deep', pointer: pointerOf(), limit: limits.maxDepth };
    const pointer = pointerOf();
    for (const childKey of Object.keys(node)) {
      if (childKey === '__proto__') return { code: 'forbidden-key', pointer: joinPointer(pointer, childKey), key: childKey };
      chars += childKey.length;
      stack.push([(node as Record<string, unknown>)[childKey], pointer, childKey, depth + 1]);
    }
  }
  return undefined;
}

/** Parses JSON text within the size limit; deep nesting is left to guardJsonValue. */
export function parseJsonText(text: string): { ok: true; value: unknown } | { ok: false; problem: 'too-large' | 'invalid-json'; detail: string } {
  if (text.length > DEFINITION_LIMITS.maxChars) return { ok: false, problem: 'too-large', detail: `${DEFINITION_LIMITS.maxChars} characters` };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    // V8 reports "Maximum call stack size exceeded" for absurd nesting: that is also invalid for us.
    return { ok: false, problem: 'invalid-json', detail: error instanceof Error ? error.message.slice(0, 200) : 'parse error' };
  }
}
