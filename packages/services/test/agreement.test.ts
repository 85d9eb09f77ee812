/**
 * Precompiled and runtime evaluation must agree not only on the curated samples but on
 * answers nobody wrote by hand: fast-check mutates the valid samples of every built-in
 * service (replacing, deleting or adding values anywhere) and both verdicts are compared.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { compiledFromModule, evaluate, listFields, type PrecompiledModule } from '@eservice-kit/core';
import { compileDefinition, precompileDefinition } from '@eservice-kit/core/compile';
import { BUILT_IN_SERVICE_IDS, builtInSamples, loadBuiltInDefinition, SAMPLE_TODAY } from '../src/index.js';

async function importSource(source: string, id: string): Promise<PrecompiledModule> {
  const file = join(mkdtempSync(join(tmpdir(), 'es-agreement-')), `${id}.validator.js`);
  writeFileSync(file, source);
  return (await import(pathToFileURL(file).href)) as PrecompiledModule;
}

/** A JSON value likely to hit format, type and length boundaries. */
const interestingValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '640823-3234', '640823-3233', '19701063-2391', '123 45', '023 45', '070-123 45 67', 'a@b.se', 'not-an-email', '2026-02-29', '2028-02-29', 'https://kommun.se/sida', 'x'.repeat(4001), true, false, 0, -1, 16, 1e9),
);

function setAt(target: unknown, segments: readonly string[], value: unknown): void {
  let current = target as Record<string, unknown>;
  for (const [index, segment] of segments.entries()) {
    const last = index === segments.length - 1;
    if (last) {
      if (value === undefined) delete current[segment];
      else current[segment] = value;
      return;
    }
    const next = current[segment];
    if (typeof next !== 'object' || next === null) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
}

describe('precompiled and runtime evaluation agree on generated answers', () => {
  for (const id of BUILT_IN_SERVICE_IDS) {
    it(id, async () => {
      const loaded = loadBuiltInDefinition(id);
      const runtime = compileDefinition(loaded);
      const precompiled = compiledFromModule(await importSource(precompileDefinition(loaded), id), loaded.hash)!;
      const samples = builtInSamples(id).valid.map((sample) => sample.answers);
      // Concrete paths (array items as index 0 or 1) where mutations land.
      const paths = listFields(loaded.definition.schema).map((field) =>
        field.pointer.slice(1).split('/').map((segment) => (segment === '*' ? '0' : segment.replace(/~1/g, '/').replace(/~0/g, '~'))),
      );
      const mutation = fc.record({ path: fc.constantFrom(...paths), value: fc.option(interestingValue, { nil: undefined }) });
      const answers = fc.tuple(fc.constantFrom(...samples), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([sample, mutations]) => {
        const copy = structuredClone(sample) as Record<string, unknown>;
        for (const { path, value } of mutations) setAt(copy, path, value);
        return copy;
      });
      let invalid = 0;
      fc.assert(
        fc.property(answers, (generated) => {
          const a = evaluate(loaded.definition, precompiled, generated, { today: SAMPLE_TODAY });
          const b = evaluate(loaded.definition, runtime, generated, { today: SAMPLE_TODAY });
          assert.deepEqual(a, b);
          if (!a.valid) invalid += 1;
        }),
        { numRuns: 300 },
      );
      // The generator must reach both verdicts, or the agreement would prove little.
      assert.ok(invalid > 30 && invalid < 300, `${invalid} of 300 generated answers invalid`);
    });
  }
});
