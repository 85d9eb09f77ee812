import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compiledFromModule, evaluate } from '../src/index.js';
import { assertSelfContained, compileDefinition, precompileDefinition, PrecompileError } from '../src/compile/index.js';
import { importModuleSource, loadMinimal } from './support/fixture.js';

const loaded = loadMinimal();
const source = precompileDefinition(loaded);

describe('precompileDefinition', () => {
  it('emits one self-contained module', () => {
    assert.doesNotMatch(source, /\brequire\s*\(/);
    assert.doesNotMatch(source, /^\s*import\b/m);
    assert.doesNotMatch(source, /\beval\s*\(|new Function|\bFunction\s*\(/);
    assert.doesNotThrow(() => assertSelfContained(source));
  });

  it('exports the validator, one condition per rule, the hash and the version', async () => {
    const module = await importModuleSource(source);
    assert.equal(module.hash, loaded.hash);
    assert.equal(module.definitionId, 'test-reply');
    assert.equal(module.definitionVersion, '1.0.0');
    assert.deepEqual(Object.keys(module.conditions).sort(), ['contact-when-reply', 'email-when-reply']);
    assert.equal(typeof module.validate, 'function');
  });

  it('is refused for another definition version', async () => {
    const module = await importModuleSource(source);
    assert.equal(compiledFromModule(module, 'sha256-other'), undefined);
  });

  it('agrees with runtime ajv on generated answers', async () => {
    const precompiled = compiledFromModule(await importModuleSource(source), loaded.hash)!;
    const runtime = compileDefinition(loaded);
    const value = fc.oneof(fc.string(), fc.constantFrom('123 45', '12345', '023 45', 'a@b.se', '2026-02-29', '2024-02-29'), fc.boolean(), fc.integer(), fc.constant(null));
    const answers = fc.record(
      { message: value, wantsReply: fc.oneof(fc.boolean(), value), email: value, postcode: value, visitDate: value, name: value, extra: value },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(answers, (generated) => {
        const a = evaluate(loaded.definition, precompiled, generated);
        const b = evaluate(loaded.definition, runtime, generated);
        assert.deepEqual(a, b);
      }),
      { numRuns: 500 },
    );
  });

  it('rejects generated code that could load or evaluate code', () => {
    for (const code of ['const x = require("fs")', 'import x from "y"', 'const m = import("y")', 'export * from "y"', 'eval("1")', 'new Function("return 1")', 'globalThis.eval("1")', 'const u = import.meta.url']) {
      assert.throws(() => assertSelfContained(code), PrecompileError, code);
    }
  });

  it('accepts schema texts that only mention such words', () => {
    assert.doesNotThrow(() => assertSelfContained('const schema = {"description":"We import your data","enum":["Function (test)","eval(x)","require(y)"]};'));
  });
});
