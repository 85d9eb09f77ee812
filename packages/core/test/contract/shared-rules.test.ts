// The contract suite judges servers by core's own rules, not private copies of them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { IDENTIFIER_MAX_LENGTH, IDENTIFIER_PATTERN, isIdentifier } from '../../src/case/index.js';
import { jsonEqual as inlinedJsonEqual } from '../../src/compile/runtime-inlines.js';
import { isDate, isDateTime } from '../../src/contract/assert.js';
import { loadDefinition } from '../../src/definition/load.js';
import { jsonEqual } from '../../src/json-equal.js';
import { lampDefinition } from './fixture.js';

const metaSchema = JSON.parse(readFileSync(new URL('../../meta-schema/definition.schema.json', import.meta.url), 'utf8')) as {
  $defs: { identifier: { pattern: string; maxLength: number } };
};

describe('identifiers', () => {
  test("IDENTIFIER_PATTERN and IDENTIFIER_MAX_LENGTH are the meta-schema's $defs.identifier", () => {
    assert.equal(IDENTIFIER_PATTERN.source, metaSchema.$defs.identifier.pattern);
    assert.equal(IDENTIFIER_PATTERN.flags, '');
    assert.equal(IDENTIFIER_MAX_LENGTH, metaSchema.$defs.identifier.maxLength);
  });

  test("docs/openapi.yaml's ServiceId has the same pattern and length", () => {
    const openapi = readFileSync(new URL('../../../../docs/openapi.yaml', import.meta.url), 'utf8');
    const schema = /\n    ServiceId:\n      type: string\n(?:      .*\n)*/.exec(openapi)?.[0] ?? '';
    assert.equal(/pattern: '([^']*)'/.exec(schema)?.[1], IDENTIFIER_PATTERN.source);
    assert.equal(Number(/maxLength: (\d+)/.exec(schema)?.[1]), IDENTIFIER_MAX_LENGTH);
  });

  test('isIdentifier accepts exactly the ids the loader accepts', () => {
    const ids = [
      'fault-report',
      'civil_wedding',
      'a',
      'lamp2',
      'a-1_b-2',
      'x'.repeat(64),
      'x'.repeat(65),
      '2-lamps',
      'Lamp',
      'lamp-',
      '-lamp',
      'lamp--post',
      'lamp_-post',
      'lamp post',
      'lämpa',
      '',
    ];
    for (const id of ids) {
      const loaded = loadDefinition({ ...lampDefinition, id });
      assert.equal(isIdentifier(id), loaded.ok, `"${id}": isIdentifier ${isIdentifier(id)}, loader ${loaded.ok}`);
    }
    assert.equal(isIdentifier(42), false);
    assert.equal(isIdentifier(undefined), false);
  });
});

describe('JSON equality', () => {
  test('precompiled validators and the contract suite share one function', () => {
    assert.equal(inlinedJsonEqual, jsonEqual);
  });

  test('compares JSON values: member order ignored, array order kept, no coercion', () => {
    assert.equal(jsonEqual({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }), true);
    assert.equal(jsonEqual([1, 2], [2, 1]), false);
    assert.equal(jsonEqual({ a: 1 }, { a: 1, b: 2 }), false);
    assert.equal(jsonEqual({ a: undefined }, { b: undefined }), false);
    assert.equal(jsonEqual([], {}), false);
    assert.equal(jsonEqual(null, {}), false);
    assert.equal(jsonEqual(1, '1'), false);
    assert.equal(jsonEqual(0, -0), true, 'as JSON.stringify(-0) is "0"');
  });

  test('NaN, which JSON cannot hold, equals nothing, itself included (=== semantics)', () => {
    assert.equal(jsonEqual(Number.NaN, Number.NaN), false);
    assert.equal(jsonEqual([Number.NaN], [Number.NaN]), false);
  });

  test('stays self-contained, as precompiled modules inline its source text', () => {
    const rebuilt = new Function(`return ${jsonEqual.toString()};`)() as typeof jsonEqual;
    assert.equal(rebuilt({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), true);
    assert.equal(rebuilt({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }), false);
  });
});

describe("the suite's date checks are core's formats", () => {
  test('date: real month lengths, strings only', () => {
    assert.equal(isDate('2028-02-29'), true);
    assert.equal(isDate('2026-02-29'), false);
    assert.equal(isDate('2026-04-31'), false);
    assert.equal(isDate('2026-4-01'), false);
    assert.equal(isDate(20260401), false);
  });

  test('date-time: an offset is required, strings only', () => {
    assert.equal(isDateTime('2026-03-02T10:00:00Z'), true);
    assert.equal(isDateTime('2026-03-02T10:00:00.123+01:00'), true);
    assert.equal(isDateTime('2026-03-02t10:00:00z'), true, 'RFC 3339 5.6: T and Z may be lower case');
    assert.equal(isDateTime('2026-03-02T10:00:00'), false);
    assert.equal(isDateTime('2026-02-30T10:00:00Z'), false);
    assert.equal(isDateTime(null), false);
  });
});
