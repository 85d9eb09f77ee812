/** Which answers are upload ids: the fields a definition shows with the file-upload widget. */
import { fieldKey, joinPointer, parsePointer, type ServiceDefinition } from '@eservice-kit/core';

export interface UploadReference {
  /** Pointer of the answer holding the id, e.g. "/media/0". */
  readonly pointer: string;
  readonly id: string;
}

/** Values at a UI pointer, where a "*" segment stands for every item of an array. */
function valuesAt(value: unknown, segments: readonly string[], at: string): [string, unknown][] {
  if (segments.length === 0) return [[at, value]];
  const [head, ...rest] = segments as [string, ...string[]];
  if (head === '*') return Array.isArray(value) ? value.flatMap((item, index) => valuesAt(item, rest, joinPointer(at, index))) : [];
  if (typeof value !== 'object' || value === null || !Object.hasOwn(value, head)) return [];
  return valuesAt((value as Record<string, unknown>)[head], rest, joinPointer(at, head));
}

export function uploadReferences(definition: ServiceDefinition, answers: Readonly<Record<string, unknown>>): UploadReference[] {
  const references: UploadReference[] = [];
  for (const [pointer, field] of Object.entries(definition.ui.fields ?? {})) {
    if (field.widget !== 'file-upload') continue;
    for (const [at, value] of valuesAt(answers, parsePointer(pointer), '')) {
      if (typeof value === 'string') references.push({ pointer: at, id: value });
      else if (Array.isArray(value)) value.forEach((id, index) => typeof id === 'string' && references.push({ pointer: joinPointer(at, index), id }));
    }
  }
  return references;
}

/** Whether `pointer` (e.g. "/media" or "/media/1") is an answer the definition takes files for. */
export function isFileField(definition: ServiceDefinition, pointer: string): boolean {
  const key = fieldKey(pointer);
  return [key, key.replace(/\/\*$/, '')].some((candidate) => definition.ui.fields?.[candidate]?.widget === 'file-upload');
}
