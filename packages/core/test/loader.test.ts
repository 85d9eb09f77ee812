/**
 * Loading definitions (issue 2, core point 2): loading never throws; every problem comes back
 * with an RFC 6901 pointer and a non-empty sv/en message; the content hash is stable.
 *
 * Run: node --import tsx --test packages/core/test/loader.test.ts
 */
import { describe, it, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { loadDefinition, type DefinitionIssue, type LoadResult } from '../src/definition/load.js';
import { loadDefinitionStrict } from '../src/compile/index.js';
import { ISSUE_MESSAGES } from '../src/definition/issue-messages.js';
import {
  BROKEN_CATEGORIES,
  BROKEN_DEFINITIONS,
  minimal,
  minimalText,
  type BrokenCategory,
  type BrokenDefinition,
  type Mutable,
} from './fixtures/broken-definitions.js';

type Loader = (input: unknown) => LoadResult;
const LOADERS: Readonly<Record<'lax' | 'strict', Loader>> = {
  lax: (input) => loadDefinition(input),
  strict: (input) => loadDefinitionStrict(input),
};

const HASH = /^sha256-[A-Za-z0-9_-]{43}$/;

/** RFC 6901: "" or "/"-prefixed reference tokens, "~" only as "~0" or "~1". */
function isRfc6901Pointer(pointer: unknown): boolean {
  return typeof pointer === 'string' && (pointer === '' || (pointer.startsWith('/') && !/~(?![01])/.test(pointer)));
}

function describeIssue(found: DefinitionIssue): string {
  const pointer = found.pointer.length > 120 ? `${found.pointer.slice(0, 60)}…(${found.pointer.length} chars)` : found.pointer;
  return `${JSON.stringify(pointer)} ${found.code} [${found.severity}] ${found.message?.en?.slice(0, 160)}`;
}

function issuesOf(result: LoadResult): DefinitionIssue[] {
  return [...(result.ok ? [] : result.errors), ...result.warnings];
}

/** Every issue is well formed: pointer, known code, severity that matches its list, sv and en texts. */
function assertWellFormed(result: LoadResult): void {
  assert.equal(typeof result, 'object');
  assert.ok(Array.isArray(result.warnings), 'warnings is an array');
  if (result.ok) {
    assert.match(result.hash, HASH);
  } else {
    assert.ok(Array.isArray(result.errors), 'errors is an array');
    assert.ok(result.errors.length > 0, 'a failed load names at least one error');
  }
  const lists: [readonly DefinitionIssue[], 'error' | 'warning'][] = [[result.ok ? [] : result.errors, 'error'], [result.warnings, 'warning']];
  for (const [list, severity] of lists) {
    for (const found of list) {
      assert.ok(isRfc6901Pointer(found.pointer), `RFC 6901 pointer: ${JSON.stringify(found.pointer)}`);
      assert.ok(Object.prototype.hasOwnProperty.call(ISSUE_MESSAGES, found.code), `known issue code: ${found.code}`);
      assert.equal(found.severity, severity, `severity of ${describeIssue(found)}`);
      for (const language of ['sv', 'en'] as const) {
        const text = found.message?.[language];
        assert.equal(typeof text, 'string', `${language} message of ${found.code}`);
        assert.ok(text.trim().length > 0, `non-empty ${language} message of ${found.code}`);
        // Every placeholder of the template got a value ("{field}" left over means a missing parameter).
        const template = ISSUE_MESSAGES[found.code][language];
        for (const [placeholder] of template.matchAll(/\{\w+\}/g)) {
          assert.ok(!text.includes(placeholder), `${language} message of ${found.code} still has ${placeholder}: ${text}`);
        }
      }
      assert.notEqual(found.message.sv, found.message.en, `sv and en differ for ${found.code}`);
    }
  }
}

/** Calls a loader and fails the test (instead of crashing it) if the loader throws. */
function loadWithoutThrowing(loader: Loader, input: unknown): LoadResult {
  let result: LoadResult | undefined;
  assert.doesNotThrow(() => {
    result = loader(input);
  }, 'loading must never throw');
  assert.ok(result, 'the loader returned a result');
  return result;
}

function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort()]);
}

// ───────────────────────────── the corpus ─────────────────────────────

const counts = new Map<BrokenCategory, number>(BROKEN_CATEGORIES.map((category) => [category, 0]));
for (const entry of BROKEN_DEFINITIONS) counts.set(entry.category, (counts.get(entry.category) ?? 0) + 1);
const summary = [...counts].map(([category, count]) => `${category} ${count}`).join(', ');

const DEFAULT_BUDGET_MS = 5000;

/** Whether an issue is the loader's catch-all for an exception inside a checker. */
function isInternalError(found: DefinitionIssue): boolean {
  return found.code === 'internal-error';
}

function checkEntry(entry: BrokenDefinition, loaderName: 'lax' | 'strict'): void {
  const input = entry.build();
  const before = prototypeSnapshot();
  const started = performance.now();
  const result = loadWithoutThrowing(LOADERS[loaderName], input);
  const elapsed = performance.now() - started;
  assert.equal(prototypeSnapshot(), before, 'Object.prototype and Array.prototype are untouched');
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined, 'no prototype pollution');
  assertWellFormed(result);

  const expectedSeverity = entry.expect.severity ?? 'error';
  const issues = issuesOf(result);
  const got = issues.slice(0, 12).map(describeIssue).join('\n  ') || '(none)';
  if (expectedSeverity === 'warning') {
    assert.equal(result.ok, true, `a warning alone must not stop loading; got:\n  ${got}`);
  } else {
    assert.equal(result.ok, false, 'the broken definition must not load');
  }
  const match = issues.find((found) => found.pointer === entry.expect.pointer && found.code === entry.expect.code);
  assert.ok(
    match,
    `expected ${JSON.stringify(entry.expect.pointer)} ${entry.expect.code} (${loaderName} loader); got:\n  ${got}`,
  );
  assert.equal(match.severity, expectedSeverity);
  // "internal-error" is the catch-all: a checker threw. Only hostile getters and proxies may cause it.
  if (entry.expect.code !== 'internal-error') {
    assert.deepEqual(issues.filter(isInternalError).map(describeIssue), [], 'no checker threw (catch-all "internal-error")');
  }
  const budget = entry.budgetMs ?? DEFAULT_BUDGET_MS;
  assert.ok(elapsed <= budget, `loading took ${Math.round(elapsed)} ms; the budget is ${budget} ms`);
}

/** The lax loader has no ajv: it must neither report invalid-schema nor trip over the schema. */
function checkStrictOnlyEntryWithLaxLoader(entry: BrokenDefinition): void {
  const result = loadWithoutThrowing(LOADERS.lax, entry.build());
  assertWellFormed(result);
  const issues = issuesOf(result);
  assert.deepEqual(issues.filter((found) => found.code === 'invalid-schema').map(describeIssue), [], 'no invalid-schema without ajv');
  assert.deepEqual(issues.filter(isInternalError).map(describeIssue), [], 'no checker threw (catch-all "internal-error")');
}

describe(`broken definitions: ${BROKEN_DEFINITIONS.length} (${summary})`, () => {
  after(() => {
    console.log(`\nbroken-definition corpus: ${BROKEN_DEFINITIONS.length} entries — ${summary}`);
  });

  it('covers every category at least three times, with ≥ 48 distinct entries', () => {
    assert.ok(BROKEN_DEFINITIONS.length >= 48, `${BROKEN_DEFINITIONS.length} entries`);
    assert.equal(new Set(BROKEN_DEFINITIONS.map((entry) => entry.name)).size, BROKEN_DEFINITIONS.length, 'names are unique');
    for (const category of BROKEN_CATEGORIES) assert.ok((counts.get(category) ?? 0) >= 3, `${category}: ${counts.get(category)}`);
  });

  it('builds fresh inputs that are broken only by their mutation (the base fixture is valid)', () => {
    const result = loadDefinitionStrict(minimal());
    assert.ok(result.ok, issuesOf(result).map(describeIssue).join('\n'));
    assert.deepEqual(result.warnings, []);
  });

  for (const category of BROKEN_CATEGORIES) {
    const entries = BROKEN_DEFINITIONS.filter((entry) => entry.category === category);
    describe(`${category} (${entries.length})`, () => {
      for (const entry of entries) {
        const expected = `${JSON.stringify(entry.expect.pointer.length > 60 ? `${entry.expect.pointer.slice(0, 40)}…` : entry.expect.pointer)} ${entry.expect.code}`;
        // Strict-only entries need ajv; budgeted entries probe the shared size limits (lax only);
        // every other entry must be caught by both loaders.
        const loaders: ('lax' | 'strict')[] = entry.strict ? ['strict'] : entry.budgetMs ? ['lax'] : ['lax', 'strict'];
        for (const loaderName of loaders) {
          const budget = entry.budgetMs ? ` within ${entry.budgetMs} ms` : '';
          it(`[${loaderName}] ${entry.name} → ${expected}${budget}`, () => checkEntry(entry, loaderName));
        }
        if (entry.strict) {
          it(`[lax] ${entry.name} → no invalid-schema and no internal error without ajv`, () => checkStrictOnlyEntryWithLaxLoader(entry));
        }
      }
    });
  }
});

// ───────────────────────────── the valid fixture and its hash ─────────────────────────────

/** Independent reference: sorted-key JSON, SHA-256, base64url without padding. */
function referenceCanonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(referenceCanonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${referenceCanonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
function referenceHash(value: unknown): string {
  return `sha256-${createHash('sha256').update(referenceCanonical(value), 'utf8').digest('base64url')}`;
}

/** The same value with every object's keys in reverse order (arrays keep their order). */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).reverse().map((key) => [key, reverseKeys((value as Record<string, unknown>)[key])]));
  }
  return value;
}

function loadOk(input: unknown, loader: Loader = LOADERS.lax): Extract<LoadResult, { ok: true }> {
  const result = loadWithoutThrowing(loader, input);
  assert.ok(result.ok, `expected the definition to load; got:\n  ${issuesOf(result).map(describeIssue).join('\n  ')}`);
  return result;
}

describe('the valid minimal fixture', () => {
  it('loads with no errors or warnings and a well-formed hash', () => {
    const input = minimal();
    const result = loadOk(input);
    assertWellFormed(result);
    assert.deepEqual(result.warnings, []);
    assert.match(result.hash, HASH);
    assert.deepEqual(result.definition, minimal());
  });

  it('loads with the strict loader too, with the same hash', () => {
    assert.equal(loadOk(minimal(), LOADERS.strict).hash, loadOk(minimal()).hash);
  });

  it('does not mutate its input', () => {
    const input = minimal();
    loadDefinition(input);
    loadDefinitionStrict(input);
    assert.deepEqual(input, minimal());
  });

  it('has a stable hash: the same on every load and equal to sha256 of the sorted-key JSON', () => {
    const first = loadOk(minimal()).hash;
    assert.equal(loadOk(minimal()).hash, first);
    assert.equal(first, referenceHash(minimal()));
  });

  it('gives the same hash from JSON text and from a value, whatever the text layout', () => {
    const fromValue = loadOk(minimal()).hash;
    assert.equal(loadOk(minimalText()).hash, fromValue);
    assert.equal(loadOk(JSON.stringify(minimal())).hash, fromValue);
    assert.equal(loadOk(JSON.stringify(minimal(), null, 4)).hash, fromValue);
  });

  it('does not change the hash when object keys are reordered', () => {
    const reordered = reverseKeys(minimal());
    assert.notEqual(JSON.stringify(reordered), JSON.stringify(minimal()), 'the key order really changed');
    assert.equal(loadOk(reordered).hash, loadOk(minimal()).hash);
    assert.equal(loadOk(JSON.stringify(reordered)).hash, loadOk(minimal()).hash);
  });

  it('changes the hash when a label, a schema keyword or the field order changes', () => {
    const original = loadOk(minimal()).hash;
    const label = minimal();
    label['ui'].fields['/message'].label.en = 'Your message';
    const keyword = minimal();
    keyword['schema'].properties.message.maxLength = 201;
    const order = minimal();
    order['ui'].steps[0].fields.reverse();
    const hashes = [label, keyword, order].map((input) => loadOk(input).hash);
    for (const hash of hashes) assert.notEqual(hash, original);
    assert.equal(new Set(hashes).size, hashes.length);
  });
});

// ───────────────────────────── properties ─────────────────────────────

/** Every pointer to an object member or array item of a JSON value (not the root). */
function allPointers(value: unknown, base = ''): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const keys = Array.isArray(value) ? value.map((_, index) => String(index)) : Object.keys(value);
  return keys.flatMap((key) => {
    const pointer = `${base}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    return [pointer, ...allPointers((value as Record<string, unknown>)[key], pointer)];
  });
}

function parentAndKey(document: Mutable, pointer: string): [Mutable, string] {
  const segments = pointer.slice(1).split('/').map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const key = segments.pop()!;
  let parent: Mutable = document;
  for (const segment of segments) parent = parent[segment] as Mutable;
  return [parent, key];
}

function deleteAt(document: Mutable, pointer: string): void {
  const [parent, key] = parentAndKey(document, pointer);
  if (Array.isArray(parent)) parent.splice(Number(key), 1);
  else delete parent[key];
}

function replaceAt(document: Mutable, pointer: string, value: unknown): void {
  const [parent, key] = parentAndKey(document, pointer);
  parent[key] = value;
}

const FIXTURE_POINTERS = allPointers(minimal());

describe('properties (fast-check)', () => {
  it('random JSON values never throw and fail with well-formed issues', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 5 }), (value) => {
        for (const input of [value, JSON.stringify(value)]) {
          const result = loadWithoutThrowing(LOADERS.lax, input);
          assert.equal(result.ok, false);
          assertWellFormed(result);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('random JavaScript values (fc.anything) never throw and fail with well-formed issues', () => {
    const anything = fc.anything({
      maxDepth: 4,
      maxKeys: 8,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withUnicodeString: true,
    });
    fc.assert(
      fc.property(anything, (value) => {
        const result = loadWithoutThrowing(LOADERS.lax, value);
        assert.equal(result.ok, false);
        assertWellFormed(result);
      }),
      { numRuns: 500 },
    );
  });

  it('random text never throws and fails with well-formed issues', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.json({ maxDepth: 4 })), (text) => {
        const result = loadWithoutThrowing(LOADERS.lax, text);
        assert.equal(result.ok, false);
        assertWellFormed(result);
      }),
      { numRuns: 500 },
    );
  });

  it(`deleting any one key or item of the fixture (${FIXTURE_POINTERS.length} places) never throws`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_POINTERS), fc.boolean(), (pointer, strict) => {
        const input = minimal();
        deleteAt(input, pointer);
        const result = loadWithoutThrowing(strict ? LOADERS.strict : LOADERS.lax, input);
        assertWellFormed(result);
      }),
      { numRuns: 300 },
    );
  });

  it('replacing any one value of the fixture by random JSON never throws', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_POINTERS), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (pointer, value, asText) => {
        const input = minimal();
        replaceAt(input, pointer, value);
        const result = loadWithoutThrowing(LOADERS.lax, asText ? JSON.stringify(input) : input);
        assertWellFormed(result);
      }),
      { numRuns: 500 },
    );
  });

  it('replacing any one value of the fixture by random JSON never throws in the strict loader', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FIXTURE_POINTERS), fc.jsonValue({ maxDepth: 3 }), (pointer, value) => {
        const input = minimal();
        replaceAt(input, pointer, value);
        assertWellFormed(loadWithoutThrowing(LOADERS.strict, input));
      }),
      { numRuns: 150 },
    );
  });
});
