// Immutable updates of the answers object by JSON Pointer: a change copies only the
// path to it, so Lit sees a new value and drafts see a consistent snapshot.
import { parsePointer } from '@eservice-kit/core';

type Container = Record<string, unknown> | unknown[];

const isContainer = (value: unknown): value is Container => typeof value === 'object' && value !== null;
const isIndex = (segment: string) => /^(0|[1-9]\d*)$/.test(segment);

/** The answer at `pointer`, or undefined. */
export function answerAt(answers: unknown, pointer: string): unknown {
  let current: unknown = answers;
  for (const segment of parsePointer(pointer)) {
    if (!isContainer(current) || !Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

function copy(container: Container): Container {
  return Array.isArray(container) ? [...container] : { ...container };
}

/**
 * A copy of `answers` with `value` at `pointer` (undefined removes it; an emptied
 * object is removed too, so "nothing typed" is the same as "never touched"). Missing
 * containers are created: arrays for numeric segments, padded with empty objects.
 */
export function withAnswer(answers: Record<string, unknown>, pointer: string, value: unknown): Record<string, unknown> {
  return setAnswer(answers, pointer, value, false);
}

/**
 * A copy of `answers` with an empty object at `pointer` (parents created), for
 * evaluating a required group the citizen has not started: unlike withAnswer(), the
 * empty object is kept. An answer already there stays as it is.
 */
export function withEmptyObject(answers: Record<string, unknown>, pointer: string): Record<string, unknown> {
  return answerAt(answers, pointer) === undefined ? setAnswer(answers, pointer, {}, true) : answers;
}

function setAnswer(answers: Record<string, unknown>, pointer: string, value: unknown, keepEmpty: boolean): Record<string, unknown> {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return isContainer(value) && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const set = (container: Container | undefined, depth: number): Container | undefined => {
    const segment = segments[depth]!;
    const base: Container = container ? copy(container) : isIndex(segment) ? [] : {};
    const last = depth === segments.length - 1;
    const child = last ? value : set(isContainer((base as Record<string, unknown>)[segment]) ? ((base as Record<string, unknown>)[segment] as Container) : undefined, depth + 1);
    if (Array.isArray(base) && isIndex(segment)) {
      const index = Number(segment);
      while (base.length < index) base.push({});
      base[index] = child === undefined ? {} : child;
      return base;
    }
    const record = base as Record<string, unknown>;
    if (child === undefined || (!keepEmpty && isContainer(child) && !Array.isArray(child) && Object.keys(child).length === 0)) delete record[segment];
    // defineProperty: a key named "__proto__" stays a plain answer, never a prototype.
    else Object.defineProperty(record, segment, { value: child, enumerable: true, writable: true, configurable: true });
    return record;
  };
  return (set(answers, 0) ?? {}) as Record<string, unknown>;
}
