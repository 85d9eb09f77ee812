import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import {
  compiledFromModule,
  evaluate,
  fieldKey,
  getAtPointer,
  listFields,
  schemaAt,
  unescapeSegment,
  type CompiledDefinition,
  type Evaluation,
  type PrecompiledModule,
} from '@eservice-kit/core';
import { compileDefinition, precompileDefinition } from '@eservice-kit/core/compile';
import {
  BUILT_IN_SERVICE_IDS,
  builtInDefinitionPath,
  builtInSamples,
  loadBuiltInDefinition,
  loadBuiltInDefinitions,
  loadDefinitionFile,
  type BuiltInDefinition,
  SAMPLE_TODAY,
  type BuiltInSamples,
} from '../src/index.js';

/** Widgets the definitions use that are not built into core yet: the loader warns about them. */
const PENDING_WIDGETS = new Set(['file-upload', 'location']);

const EXPECTED_PREFIX: Record<string, string> = {
  'fault-report': 'FEL',
  complaint: 'SYN',
  'civil-wedding': 'VIG',
  'accessibility-report': 'TGH',
};

type SchemaObject = Record<string, unknown>;

/** Keywords that only describe or structure a schema; errors never carry them. */
const NOT_VALIDATION = new Set([
  '$schema', '$id', '$anchor', '$comment', '$defs', 'definitions', '$ref',
  'title', 'description', 'default', 'examples', 'readOnly', 'writeOnly', 'deprecated',
  'contentMediaType', 'contentEncoding',
  'properties', 'patternProperties', 'items', 'prefixItems', 'allOf', 'if', 'then', 'else', 'dependentSchemas',
]);

/**
 * The validation keywords a schema uses. Branches of anyOf/oneOf and the insides of `if`
 * and `not` are not counted: their failures surface as the anyOf/oneOf/not keyword itself
 * (core drops branch details), and an `if` only selects.
 */
function validationKeywords(schema: unknown, found = new Set<string>(), counted = true): Set<string> {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return found;
  for (const [keyword, value] of Object.entries(schema as SchemaObject)) {
    if (counted && !NOT_VALIDATION.has(keyword)) {
      // additionalProperties as a schema validates through its contents; `false` is a check of its own.
      if (!(keyword === 'additionalProperties' && value !== false)) found.add(keyword);
    }
    if (['properties', 'patternProperties', '$defs', 'dependentSchemas'].includes(keyword)) {
      for (const child of Object.values(value as SchemaObject)) validationKeywords(child, found, counted);
    } else if (['items', 'additionalProperties', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems'].includes(keyword)) {
      validationKeywords(value, found, counted);
    } else if (['allOf', 'prefixItems'].includes(keyword)) {
      for (const child of value as unknown[]) validationKeywords(child, found, counted);
    } else if (['anyOf', 'oneOf'].includes(keyword)) {
      for (const child of value as unknown[]) validationKeywords(child, found, false);
    } else if (['if', 'not'].includes(keyword)) {
      validationKeywords(value, found, false);
    }
  }
  return found;
}

/** format → the field pointers (with "*" for array items) that use it. */
function formatFields(schema: unknown): Map<string, Set<string>> {
  const byFormat = new Map<string, Set<string>>();
  for (const field of listFields(schema as SchemaObject)) {
    const format = field.schema['format'];
    if (typeof format !== 'string') continue;
    byFormat.set(format, (byFormat.get(format) ?? new Set()).add(field.pointer));
  }
  return byFormat;
}

/** Every `format` value anywhere in the schema, wherever it sits. */
function allFormats(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) for (const child of schema) allFormats(child, found);
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'format' && typeof value === 'string') found.add(value);
      else if (key !== 'enum' && key !== 'const' && key !== 'examples' && key !== 'default') allFormats(value, found);
    }
  }
  return found;
}

const errorPointers = (evaluation: Evaluation) => [...new Set(evaluation.errors.map((error) => error.pointer))].sort();
const describeErrors = (evaluation: Evaluation) => evaluation.errors.map((error) => `${error.pointer} ${error.keyword}`).join('; ') || 'none';

describe('built-in service helpers', () => {
  it('lists the four built-in services and loads each of them', () => {
    assert.deepEqual([...BUILT_IN_SERVICE_IDS], ['fault-report', 'complaint', 'civil-wedding', 'accessibility-report']);
    const all = loadBuiltInDefinitions();
    assert.deepEqual(Object.keys(all).sort(), [...BUILT_IN_SERVICE_IDS].sort());
    for (const id of BUILT_IN_SERVICE_IDS) {
      assert.equal(all[id].definition.id, id);
      assert.match(all[id].hash, /^sha256-[A-Za-z0-9_-]{43}$/);
      assert.match(builtInDefinitionPath(id), new RegExp(`definitions[\\\\/]${id}\\.json$`));
    }
  });

  it('refuses an unknown service id with a clear error', () => {
    assert.throws(() => builtInDefinitionPath('parking-permit' as never), /Unknown built-in service "parking-permit"/);
    assert.throws(() => builtInSamples('parking-permit' as never), /Unknown built-in service/);
  });

  describe('broken definition files', () => {
    let directory: string;
    before(() => { directory = mkdtempSync(join(tmpdir(), 'es-services-broken-')); });
    after(() => rmSync(directory, { recursive: true, force: true }));

    it('throws an Error naming the file and each problem with its pointer', () => {
      const broken = structuredClone(loadBuiltInDefinition('complaint').definition) as unknown as Record<string, unknown>;
      broken['title'] = { sv: 'Synpunkter' };
      const ui = broken['ui'] as { rules: { fields: string[] }[] };
      ui.rules[0]!.fields = ['/no-such-field'];
      const file = join(directory, 'complaint.json');
      writeFileSync(file, JSON.stringify(broken));
      assert.throws(() => loadDefinitionFile(file, 'complaint'), (error: Error) => {
        assert.match(error.message, /complaint\.json is broken \(2 errors\)/);
        assert.match(error.message, /\/title: .*\[missing-translation\]/);
        assert.match(error.message, /\/ui\/rules\/0\/fields\/0: .*\[unknown-field\]/);
        return true;
      });
    });

    it('throws when the file is not JSON, is missing, or declares another id', () => {
      const notJson = join(directory, 'not-json.json');
      writeFileSync(notJson, '{ "id": ');
      assert.throws(() => loadDefinitionFile(notJson), /not-json\.json is broken/);
      assert.throws(() => loadDefinitionFile(join(directory, 'missing.json')), /Cannot read service definition/);
      const renamed = join(directory, 'renamed.json');
      writeFileSync(renamed, JSON.stringify(loadBuiltInDefinition('complaint').definition));
      assert.throws(() => loadDefinitionFile(renamed, 'fault-report'), /declares id "complaint", expected "fault-report"/);
    });
  });
});

for (const id of BUILT_IN_SERVICE_IDS) {
  describe(`built-in service ${id}`, () => {
    let loaded: BuiltInDefinition;
    let compiled: CompiledDefinition;
    let samples: BuiltInSamples;
    /** Every sample's runtime evaluation, valid ones first. */
    let evaluations: { name: string; kind: 'valid' | 'invalid'; evaluation: Evaluation }[];

    before(() => {
      loaded = loadBuiltInDefinition(id);
      compiled = compileDefinition(loaded);
      samples = builtInSamples(id);
      evaluations = [
        ...samples.valid.map((sample) => ({ name: sample.name, kind: 'valid' as const, evaluation: evaluate(loaded.definition, compiled, sample.answers, { today: SAMPLE_TODAY }) })),
        ...samples.invalid.map((sample) => ({ name: sample.name, kind: 'invalid' as const, evaluation: evaluate(loaded.definition, compiled, sample.answers, { today: SAMPLE_TODAY }) })),
      ];
    });

    it('loads strictly, warning only about the widgets core does not ship yet', () => {
      for (const warning of loaded.warnings) {
        assert.equal(warning.code, 'unknown-widget', `${warning.pointer}: ${warning.message.en}`);
        const field = unescapeSegment(warning.pointer.replace(/^\/ui\/fields\//, '').replace(/\/widget$/, ''));
        assert.ok(PENDING_WIDGETS.has(loaded.definition.ui.fields[field]?.widget ?? ''), `unexpected warning at ${warning.pointer}`);
      }
    });

    it('is bilingual with Swedish as default and has its reference prefix, statuses and handling time', () => {
      const { definition } = loaded;
      assert.deepEqual([...definition.languages], ['sv', 'en']);
      assert.equal(definition.defaultLanguage, 'sv');
      assert.equal(definition.referencePrefix, EXPECTED_PREFIX[id]);
      assert.ok(definition.handlingTime.workingDays > 0);
      assert.ok(definition.handlingTime.description, 'the handling-time promise is explained');
      assert.equal(definition.statuses[0]?.final, false, 'a new case is not final');
      assert.equal(definition.statuses[0]?.open311, 'open');
      assert.ok(definition.statuses.some((status) => status.final), 'some status ends the case');
      for (const status of definition.statuses) if (status.final) assert.equal(status.open311, 'closed', `${status.id} is final, so closed`);
    });

    it('has every schema field labelled, with an option label for every enum value', () => {
      // The loader checks this too; asserting it here keeps the promise visible.
      for (const field of listFields(loaded.definition.schema)) {
        const ui = loaded.definition.ui.fields[field.pointer];
        assert.ok(ui?.label.sv && ui.label.en, `${field.pointer} has an sv and en label`);
        const items = field.schema['items'] as SchemaObject | undefined;
        const choices = (field.schema['enum'] ?? items?.['enum'] ?? []) as unknown[];
        for (const choice of choices) {
          const option = ui.options?.[String(choice)];
          assert.ok(option?.sv && option.en, `${field.pointer} has an sv and en label for option ${String(choice)}`);
        }
      }
    });

    it('ships at least 15 valid and 15 invalid samples with unique names', () => {
      assert.ok(samples.valid.length >= 15, `${samples.valid.length} valid samples`);
      assert.ok(samples.invalid.length >= 15, `${samples.invalid.length} invalid samples`);
      const names = [...samples.valid, ...samples.invalid].map((sample) => sample.name);
      assert.equal(new Set(names).size, names.length, 'sample names are unique');
    });

    it('accepts every valid sample, pruning the hidden fields it carries', () => {
      for (const sample of samples.valid) {
        const evaluation = evaluate(loaded.definition, compiled, sample.answers, { today: SAMPLE_TODAY });
        assert.equal(evaluation.errors.length, 0, `${sample.name}: ${describeErrors(evaluation)}`);
        for (const pointer of sample.prunes ?? []) {
          assert.notEqual(getAtPointer(sample.answers, pointer), undefined, `${sample.name}: the answers carry ${pointer}`);
          assert.equal(getAtPointer(evaluation.pruned, pointer), undefined, `${sample.name}: ${pointer} is pruned`);
          assert.ok(evaluation.hiddenFields.includes(fieldKey(pointer)), `${sample.name}: ${pointer} is hidden`);
        }
      }
    });

    it('rejects every invalid sample at exactly its pointer, with its keyword', () => {
      for (const sample of samples.invalid) {
        const evaluation = evaluate(loaded.definition, compiled, sample.answers, { today: SAMPLE_TODAY });
        assert.deepEqual(errorPointers(evaluation), [sample.pointer], `${sample.name}: ${describeErrors(evaluation)}`);
        assert.ok(
          evaluation.errors.some((error) => error.keyword === sample.keyword),
          `${sample.name}: expected ${sample.keyword} at ${sample.pointer}, got ${describeErrors(evaluation)}`,
        );
        for (const error of evaluation.errors) assert.ok(error.message.sv && error.message.en, `${sample.name}: message in sv and en`);
      }
    });

    it('has an invalid sample for every validation keyword the schema uses', () => {
      const used = validationKeywords(loaded.definition.schema);
      const hit = new Set(samples.invalid.map((sample) => sample.keyword));
      const missing = [...used].filter((keyword) => !hit.has(keyword));
      assert.deepEqual(missing, [], `keywords without an invalid sample (used: ${[...used].sort().join(', ')})`);
    });

    it('has an invalid sample for every format, at a field with that format', () => {
      const byFormat = formatFields(loaded.definition.schema);
      assert.deepEqual([...allFormats(loaded.definition.schema)].sort(), [...byFormat.keys()].sort(), 'every format sits on a listed field');
      for (const [format, fields] of byFormat) {
        const hit = samples.invalid.some((sample) => sample.keyword === 'format' && fields.has(fieldKey(sample.pointer)));
        assert.ok(hit, `no invalid sample fails format "${format}" (fields: ${[...fields].join(', ')})`);
      }
      for (const sample of samples.invalid.filter((candidate) => candidate.keyword === 'format')) {
        assert.equal(typeof schemaAt(loaded.definition.schema, fieldKey(sample.pointer))?.['format'], 'string', `${sample.name}: ${sample.pointer} has a format`);
      }
    });

    it('has every rule active in some sample and inactive in another', () => {
      for (const rule of loaded.definition.ui.rules ?? []) {
        const active = evaluations.filter((entry) => entry.evaluation.activeRules.includes(rule.id));
        assert.ok(active.length > 0, `rule ${rule.id} never holds`);
        assert.ok(active.length < evaluations.length, `rule ${rule.id} always holds`);
      }
    });

    it('has a required error from every require rule, for each field it names', () => {
      for (const rule of (loaded.definition.ui.rules ?? []).filter((candidate) => candidate.effect === 'require')) {
        for (const field of rule.fields ?? []) {
          const hit = samples.invalid.some((sample, index) => {
            const evaluation = evaluations[samples.valid.length + index]!.evaluation;
            return sample.pointer === field && sample.keyword === 'required' && evaluation.activeRules.includes(rule.id);
          });
          assert.ok(hit, `no invalid sample shows rule ${rule.id} requiring ${field}`);
        }
      }
    });

    describe('precompiled validator', () => {
      let directory: string;
      let precompiled: CompiledDefinition;

      before(async () => {
        directory = mkdtempSync(join(tmpdir(), `es-services-${id}-`));
        const file = join(directory, `${id}.validator.mjs`);
        writeFileSync(file, precompileDefinition(loaded));
        const module = (await import(pathToFileURL(file).href)) as PrecompiledModule;
        const adapted = compiledFromModule(module, loaded.hash);
        assert.ok(adapted, 'the module carries the definition hash');
        precompiled = adapted;
      });
      after(() => rmSync(directory, { recursive: true, force: true }));

      it('agrees with runtime evaluation on every sample', () => {
        for (const sample of [...samples.valid, ...samples.invalid]) {
          const runtime = evaluate(loaded.definition, compiled, sample.answers, { today: SAMPLE_TODAY });
          const standalone = evaluate(loaded.definition, precompiled, sample.answers, { today: SAMPLE_TODAY });
          assert.deepEqual(standalone.visibleFields, runtime.visibleFields, `${sample.name}: visibleFields`);
          assert.deepEqual(standalone.requiredFields, runtime.requiredFields, `${sample.name}: requiredFields`);
          assert.deepEqual(standalone.pruned, runtime.pruned, `${sample.name}: pruned`);
          assert.deepEqual(standalone.errors, runtime.errors, `${sample.name}: errors`);
          assert.deepEqual(standalone, runtime, `${sample.name}: whole evaluation`);
        }
      });
    });
  });
}

describe('date rules are covered by the samples', () => {
  for (const id of BUILT_IN_SERVICE_IDS) {
    const { definition } = loadBuiltInDefinition(id);
    for (const rule of definition.dateRules ?? []) {
      it(`${id}: ${rule.id} rejects some invalid sample`, () => {
        const matchesField = (pointer: string) => fieldKey(pointer) === rule.field;
        const keywords = [rule.notBefore && 'dateNotBefore', rule.notAfter && 'dateNotAfter'].filter(Boolean);
        const hit = builtInSamples(id).invalid.some((sample) => matchesField(sample.pointer) && keywords.includes(sample.keyword));
        assert.ok(hit, `no invalid sample fails ${rule.id} (${keywords.join('/')} at ${rule.field})`);
      });
    }
  }
});
