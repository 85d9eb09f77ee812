// Drafts: answers kept in Web Storage while the citizen fills in a form, so a reload
// or a closed tab (localStorage, when the definition opts in) loses nothing. Fields
// marked personal-sensitive are never written unless the definition allows it.
import { evaluate, fieldKey, isWithin, joinPointer, listFields, removeAtPointer } from '@eservice-kit/core';
import type { CompiledDefinition, ServiceDefinition } from '@eservice-kit/core';
import { answerAt, withAnswer } from './answers.js';

const DRAFT_FORMAT = 1;

/** What a draft holds; no personal data beyond the answers the citizen typed. */
export interface Draft {
  readonly format: typeof DRAFT_FORMAT;
  readonly serviceId: string;
  readonly hash: string;
  readonly savedAt: string;
  readonly answers: Record<string, unknown>;
  /** The step the citizen was on, by id. */
  readonly step?: string;
  /** The idempotency key of this fill once it was sent, so a retry after a reload still makes one case. */
  readonly idempotencyKey?: string;
  /** The time to complete sent with that key (only where usage data is opted in). */
  readonly durationMs?: number;
}

export type RestoredDraft =
  | { readonly kind: 'same'; readonly draft: Draft }
  /** Made for another definition version: the answers that still fit were kept. */
  | { readonly kind: 'migrated'; readonly draft: Draft; readonly kept: number; readonly dropped: number };

function storageFor(definition: ServiceDefinition): Storage | undefined {
  const setting = definition.drafts?.storage ?? 'session';
  if (setting === 'none') return undefined;
  try {
    // Reading the property itself throws where storage is blocked (sandboxed iframes, some privacy modes).
    return setting === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

/** Storage key per service and per page: two forms of one service on two pages do not mix. */
function draftKey(serviceId: string, scope: string): string {
  return `eservice-kit:draft:${scope}:${serviceId}`;
}

/** The answers without personal-sensitive fields (array items included), unless allowed. */
export function withoutSensitive(definition: ServiceDefinition, answers: Record<string, unknown>): Record<string, unknown> {
  if (definition.drafts?.includeSensitive === true) return answers;
  const sensitive = definition.privacy.sensitive;
  if (sensitive.length === 0) return answers;
  const copy = JSON.parse(JSON.stringify(answers)) as Record<string, unknown>;
  const visit = (value: unknown, pointer: string) => {
    if (sensitive.some((field) => field === fieldKey(pointer))) {
      removeAtPointer(copy, pointer);
      return;
    }
    if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) visit(child, joinPointer(pointer, key));
    }
  };
  visit(copy, '');
  return copy;
}

/** Leaf pointers of the answers (values that are not objects or arrays, plus empty ones). */
function leaves(value: unknown, pointer = ''): string[] {
  if (typeof value !== 'object' || value === null) return [pointer];
  const entries = Object.entries(value);
  if (entries.length === 0) return [];
  return entries.flatMap(([key, child]) => leaves(child, joinPointer(pointer, key)));
}

/** Value-level problems that mean an old answer no longer fits the new field. */
const INCOMPATIBLE = new Set(['type', 'enum', 'const', 'format', 'pattern', 'additionalProperties', 'maximum', 'minimum', 'maxLength', 'multipleOf', 'uniqueItems', 'maxItems']);

/**
 * Moves answers from another definition version onto this one, field by field: an
 * answer is kept when its field still exists and its value still fits there.
 */
export function migrateAnswers(
  definition: ServiceDefinition,
  compiled: CompiledDefinition,
  old: Record<string, unknown>,
): { answers: Record<string, unknown>; kept: number; dropped: number } {
  const known = new Set(listFields(definition.schema).map((field) => field.pointer));
  const all = leaves(old);
  let answers: Record<string, unknown> = {};
  for (const pointer of all) if (known.has(fieldKey(pointer))) answers = withAnswer(answers, pointer, answerAt(old, pointer));
  const misfits = evaluate(definition, compiled, answers).errors.filter((error) => INCOMPATIBLE.has(error.keyword)).map((error) => error.pointer);
  for (const pointer of leaves(answers)) {
    if (misfits.some((misfit) => isWithin(pointer, misfit))) answers = withAnswer(answers, pointer, undefined);
  }
  const kept = leaves(answers).length;
  return { answers, kept, dropped: all.length - kept };
}

/** Saves, restores and clears the draft of one service on one page. */
export class DraftStore {
  readonly #storage: Storage | undefined;
  readonly #key: string;

  constructor(
    private readonly definition: ServiceDefinition,
    scope: string,
  ) {
    this.#storage = storageFor(definition);
    this.#key = draftKey(definition.id, scope);
  }

  /** Whether drafts are kept at all (the definition may say `none`; storage may be blocked). */
  get enabled(): boolean {
    return this.#storage !== undefined;
  }

  save(hash: string, answers: Record<string, unknown>, step: string | undefined, sent: { readonly key: string; readonly durationMs?: number } | undefined): void {
    if (!this.#storage) return;
    const draft: Draft = {
      format: DRAFT_FORMAT,
      serviceId: this.definition.id,
      hash,
      savedAt: new Date().toISOString(),
      answers: withoutSensitive(this.definition, answers),
      ...(step === undefined ? {} : { step }),
      ...(sent === undefined ? {} : { idempotencyKey: sent.key }),
      ...(sent?.durationMs === undefined ? {} : { durationMs: sent.durationMs }),
    };
    try {
      this.#storage.setItem(this.#key, JSON.stringify(draft));
    } catch {
      // Quota exceeded or storage blocked: the form still works, it just is not kept.
    }
  }

  /** The stored draft, adapted to `hash`'s version; undefined when there is none or it is unusable. */
  restore(hash: string, compiled: CompiledDefinition): RestoredDraft | undefined {
    const draft = this.#read();
    if (!draft) return undefined;
    if (draft.hash === hash) return { kind: 'same', draft };
    const { answers, kept, dropped } = migrateAnswers(this.definition, compiled, draft.answers);
    // A new version means a new request body: the old key must not be reused.
    const { idempotencyKey: _oldKey, durationMs: _oldDuration, ...rest } = draft;
    return { kind: 'migrated', draft: { ...rest, hash, answers }, kept, dropped };
  }

  clear(): void {
    try {
      this.#storage?.removeItem(this.#key);
    } catch {
      // Nothing to clear where storage is blocked.
    }
  }

  #read(): Draft | undefined {
    let text: string | null | undefined;
    try {
      text = this.#storage?.getItem(this.#key);
    } catch {
      return undefined;
    }
    if (!text) return undefined;
    try {
      const draft = JSON.parse(text) as Partial<Draft>;
      const valid =
        draft.format === DRAFT_FORMAT &&
        draft.serviceId === this.definition.id &&
        typeof draft.hash === 'string' &&
        typeof draft.savedAt === 'string' &&
        typeof draft.answers === 'object' &&
        draft.answers !== null &&
        !Array.isArray(draft.answers);
      if (valid) return draft as Draft;
    } catch {
      // Not JSON: someone else's value under our key, or a damaged one. Treated as no draft.
    }
    this.clear();
    return undefined;
  }
}
