import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addCalendarMonths, evaluate } from '../src/index.js';
import { compileDefinition, loadDefinitionStrict } from '../src/compile/index.js';
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
    assert.deepEqual([...result.activeRules].sort(), ['contact-when-reply', 'email-when-reply']);
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

describe('evaluate: rule semantics beyond the fixture', () => {
  // A variant of the fixture with hide, require-on-step and a cascade of rules.
  const base = loadMinimal().definition;
  const cascade = (raw: typeof base) => {
    const result = loadDefinitionStrict(raw);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    return (answers: unknown) => evaluate(result.definition, compileDefinition(result), answers);
  };
  const wantsReply = { properties: { wantsReply: { const: true } }, required: ['wantsReply'] };

  it('a hide rule that holds wins over a show rule that holds', () => {
    const run = cascade({
      ...base,
      ui: { ...base.ui, rules: [...base.ui.rules!, { id: 'hide-name-when-short', when: { properties: { message: { maxLength: 4 } } }, effect: 'hide', fields: ['/name'] }] },
    });
    const result = run({ message: 'Hey', wantsReply: true, email: 'a@b.se', name: 'Bo' });
    assert.ok(result.visibleSteps.includes('contact'));
    assert.ok(result.hiddenFields.includes('/name'));
    assert.equal('name' in result.pruned, false);
    assert.ok(run({ message: 'Hello there', wantsReply: true, email: 'a@b.se', name: 'Bo' }).visibleFields.includes('/name'));
  });

  it('a require rule naming a step requires every field on it', () => {
    const run = cascade({
      ...base,
      ui: { ...base.ui, rules: [...base.ui.rules!, { id: 'all-contact', when: wantsReply, effect: 'require', steps: ['contact'] }] },
    });
    const result = run({ message: 'Hello', wantsReply: true });
    assert.deepEqual(
      result.errors.filter((error) => error.keyword === 'required').map((error) => error.pointer).sort(),
      ['/email', '/name', '/postcode'],
    );
    assert.deepEqual(run({ message: 'Hello', wantsReply: false }).errors, []);
  });

  it('settles cascades: a rule depending on a field another rule hides sees it as absent', () => {
    // "name" is shown only when a postcode is given; the postcode lives on the contact step.
    const run = cascade({
      ...base,
      ui: { ...base.ui, rules: [...base.ui.rules!, { id: 'name-with-postcode', when: { required: ['postcode'] }, effect: 'show', fields: ['/name'] }] },
    });
    const hidden = run({ message: 'Hello', wantsReply: false, postcode: '123 45', name: 'Bo' });
    assert.deepEqual(hidden.pruned, { message: 'Hello', wantsReply: false });
    assert.deepEqual(hidden.activeRules, []);
    const shown = run({ message: 'Hello', wantsReply: true, email: 'a@b.se', postcode: '123 45', name: 'Bo' });
    assert.ok(shown.activeRules.includes('name-with-postcode'));
    assert.equal(shown.pruned['name'], 'Bo');
  });

  it('drops an anyOf whose fields are all hidden, and keeps it while one is shown', () => {
    // "Give an e-mail or a postcode", but both live on the contact step, hidden without a reply.
    const run = cascade({ ...base, schema: { ...(base.schema as object), anyOf: [{ required: ['email'] }, { required: ['postcode'] }] } });
    assert.deepEqual(run({ message: 'Hello', wantsReply: false }).errors, []);
    const shown = run({ message: 'Hello', wantsReply: true, name: 'Bo' });
    assert.deepEqual(shown.errors.map((error) => [error.pointer, error.keyword]).sort(), [['', 'anyOf'], ['/email', 'required']]);
  });

  it('refuses answers nested too deeply, without throwing', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const result = evaluate(loaded.definition, compiled, { message: deep, wantsReply: true });
    assert.equal(result.valid, false);
    assert.equal(result.errors[0]!.keyword, 'too-deep');
    assert.ok(result.errors[0]!.message.sv && result.errors[0]!.message.en);
  });

  it('refuses a validator that does not answer true or false', () => {
    const asynchronous = Object.assign(() => Promise.resolve(true), { errors: null }) as unknown as typeof compiled.validate;
    const result = evaluate(loaded.definition, { ...compiled, validate: asynchronous }, { message: 'Hello', wantsReply: false });
    assert.equal(result.valid, false);
    assert.deepEqual(result.errors.map((error) => error.keyword), ['validator']);
  });

  it('lists errors in the order the fields appear', () => {
    const result = run({ message: 'Hi', wantsReply: true, visitDate: 'soon', postcode: '0', email: 'x' });
    assert.deepEqual(result.errors.map((error) => error.pointer), ['/message', '/visitDate', '/email', '/postcode']);
  });
});

describe('evaluate: date rules', () => {
  const base = loadMinimal().definition;
  const withRules = loadDefinitionStrict({
    ...base,
    dateRules: [
      { id: 'visit-soon-enough', field: '/visitDate', notBefore: { today: true, days: 14 }, notAfter: { today: true, months: 4 } },
    ],
  });
  if (!withRules.ok) throw new Error(JSON.stringify(withRules.errors));
  const compiledWithRules = compileDefinition(withRules);
  const check = (visitDate: string, today: string) =>
    evaluate(withRules.definition, compiledWithRules, { message: 'Hello', wantsReply: false, visitDate }, { today });

  it('adds calendar months, clamping to the end of the month', () => {
    assert.equal(addCalendarMonths('2026-01-31', 1), '2026-02-28');
    assert.equal(addCalendarMonths('2028-01-31', 1), '2028-02-29');
    assert.equal(addCalendarMonths('2026-04-02', 4), '2026-08-02');
    assert.equal(addCalendarMonths('2026-11-30', 3), '2027-02-28');
  });

  it('refuses a date before today + lead time, naming the earliest date', () => {
    const result = check('2026-05-14', '2026-05-01');
    assert.deepEqual(result.errors.map((error) => [error.pointer, error.keyword]), [['/visitDate', 'dateNotBefore']]);
    assert.match(result.errors[0]!.message.sv, /2026-05-15/);
    assert.match(result.errors[0]!.message.en, /on or after 2026-05-15/);
    assert.deepEqual(check('2026-05-15', '2026-05-01').errors, []);
  });

  it('judges the dates a date input passes through while a year is typed (years 0001–0999)', () => {
    for (const partial of ['0002-04-02', '0020-04-02', '0202-04-02']) {
      assert.deepEqual(check(partial, '2026-05-01').errors.map((error) => error.keyword), ['dateNotBefore'], partial);
    }
    assert.equal(addCalendarMonths('0020-01-31', 1), '0020-02-29');
  });

  it('refuses a date after the latest bound, and the bound moves with today', () => {
    assert.deepEqual(check('2026-09-02', '2026-05-01').errors.map((error) => error.keyword), ['dateNotAfter']);
    assert.deepEqual(check('2026-09-01', '2026-05-01').errors, []);
    assert.deepEqual(check('2026-09-02', '2026-05-02').errors, []);
  });

  it('leaves malformed dates to the schema and rules on hidden fields unchecked', () => {
    assert.deepEqual(check('not a date', '2026-05-01').errors.map((error) => error.keyword), ['format']);
    const hiding = loadDefinitionStrict({
      ...base,
      ui: { ...base.ui, rules: [...base.ui.rules!, { id: 'no-date-without-reply', when: { properties: { wantsReply: { const: false } } }, effect: 'hide', fields: ['/visitDate'] }] },
      dateRules: withRules.definition.dateRules,
    });
    assert.ok(hiding.ok);
    const hidden = evaluate(hiding.definition, compileDefinition(hiding), { message: 'Hello', wantsReply: false, visitDate: '1999-01-01' }, { today: '2026-05-01' });
    assert.deepEqual(hidden.errors, []);
  });
});
