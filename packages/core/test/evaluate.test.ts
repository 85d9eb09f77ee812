import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate } from '../src/index.js';
import { compileDefinition } from '../src/compile/index.js';
import { loadMinimal } from './support/fixture.js';

const loaded = loadMinimal();
const compiled = compileDefinition(loaded);
const run = (answers: unknown) => evaluate(loaded.definition, compiled, answers);

describe('evaluate', () => {
  it('hides a step until its show rule holds, and prunes its fields', () => {
    const result = run({ message: 'Hello', wantsReply: false, email: 'not-an-email', name: 'A very long name' });
    assert.deepEqual(result.visibleSteps, ['message']);
    assert.ok(result.hiddenFields.includes('/email'));
    assert.deepEqual(result.pruned, { message: 'Hello', wantsReply: false });
    assert.deepEqual(result.errors, [], 'hidden fields are never a reason to reject');
    assert.equal(result.valid, true);
  });

  it('shows the step and requires e-mail when a reply is wanted', () => {
    const result = run({ message: 'Hello', wantsReply: true });
    assert.deepEqual(result.visibleSteps, ['message', 'contact']);
    assert.deepEqual(result.activeRules.sort(), ['contact-when-reply', 'email-when-reply']);
    assert.ok(result.requiredFields.includes('/email'));
    assert.deepEqual(
      result.errors.map((error) => [error.pointer, error.keyword]),
      [['/email', 'required']],
    );
  });

  it('treats an empty string as not answered for rule-required fields', () => {
    const result = run({ message: 'Hello', wantsReply: true, email: '' });
    assert.ok(result.errors.some((error) => error.pointer === '/email' && error.keyword === 'required'));
  });

  it('reports schema-required fields at the missing field, not its parent', () => {
    const result = run({});
    assert.deepEqual(result.errors.map((error) => error.pointer).sort(), ['/message', '/wantsReply']);
    assert.ok(result.errors.every((error) => error.keyword === 'required'));
  });

  it('uses the field override, then the keyword default, for messages', () => {
    const result = run({ message: 'Hi', wantsReply: true, email: 'x@y', postcode: '023 45' });
    const byPointer = Object.fromEntries(result.errors.map((error) => [error.pointer, error.message]));
    assert.deepEqual(byPointer['/message'], { sv: 'Skriv lite mer.', en: 'Write a little more.' });
    assert.match(byPointer['/postcode']!.sv, /postnumret/);
    assert.match(byPointer['/postcode']!.en, /postcode/);
  });

  it('does not mutate the answers it is given', () => {
    const answers = { message: 'Hello', wantsReply: false, email: 'a@b.se' };
    run(answers);
    assert.deepEqual(answers, { message: 'Hello', wantsReply: false, email: 'a@b.se' });
  });

  it('survives answers that are not an object', () => {
    for (const answers of [null, 42, 'text', [1, 2], undefined]) {
      const result = run(answers);
      assert.equal(result.valid, false);
      assert.ok(result.errors.length > 0);
    }
  });
});
