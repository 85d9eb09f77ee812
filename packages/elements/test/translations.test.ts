// Every message in the XLIFF has a Swedish translation, and the generated
// locale module matches the XLIFF (run `npm run localize:build` after
// editing translations). New msg() ids reach the XLIFF through
// `npm run localize:extract`; CI checks that with `git diff --exit-code`.
import { expect } from '@open-wc/testing';
import { templates } from '../src/generated/locales/sv.js';

describe('translations (sv)', () => {
  let units: { id: string; source: string; target: string | undefined }[];

  before(async () => {
    const response = await fetch(new URL('../xliff/sv.xlf', import.meta.url));
    expect(response.ok, 'xliff/sv.xlf is served').to.equal(true);
    const doc = new DOMParser().parseFromString(await response.text(), 'application/xml');
    units = [...doc.getElementsByTagName('trans-unit')].map((unit) => ({
      id: unit.getAttribute('id') ?? '',
      source: unit.getElementsByTagName('source')[0]?.textContent ?? '',
      target: unit.getElementsByTagName('target')[0]?.textContent ?? undefined,
    }));
  });

  it('has a non-empty target for every trans-unit', () => {
    expect(units.length).to.be.greaterThan(0);
    const missing = units.filter((u) => !u.target?.trim()).map((u) => u.id);
    expect(missing, 'trans-units without <target>').to.deep.equal([]);
  });

  it('uses stable ids (es-<element>.<name>), not generated hashes', () => {
    for (const { id } of units) expect(id).to.match(/^es-[a-z-]+\.[a-z0-9.-]+$/);
  });

  it('matches the generated locale module', () => {
    expect(Object.keys(templates).sort()).to.deep.equal(units.map((u) => u.id).sort());
    // A message with placeholders is a str`` template: its literal parts, joined, are the
    // target's text (the <x/> placeholders have no text of their own).
    const text = (template: unknown) =>
      typeof template === 'object' && template !== null && 'strings' in template ? (template as { strings: readonly string[] }).strings.join('') : template;
    for (const { id, target } of units) expect(text(templates[id as keyof typeof templates]), id).to.equal(target);
  });
});
