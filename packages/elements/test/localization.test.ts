import { expect } from '@open-wc/testing';
import { normalizeLocale, resolveLocale, setupLocalization } from '../src/localization.js';

const page = (markup: string): Document => new DOMParser().parseFromString(markup, 'text/html');

describe('resolveLocale', () => {
  it('reads <html lang> and normalises region tags', () => {
    expect(resolveLocale(page('<html lang="sv-SE"><body></body></html>'))).to.equal('sv');
    expect(resolveLocale(page('<html lang="en-GB"><body></body></html>'))).to.equal('en');
    expect(resolveLocale(page('<html lang="EN"><body></body></html>'))).to.equal('en');
  });

  it('falls back to sv for unknown or missing languages', () => {
    expect(resolveLocale(page('<html lang="fi"><body></body></html>'))).to.equal('sv');
    expect(resolveLocale(page('<html><body></body></html>'))).to.equal('sv');
    expect(resolveLocale(page('<html lang=""><body></body></html>'))).to.equal('sv');
  });

  it('prefers the first es-* element with a lang attribute over <html lang>', () => {
    const doc = page(
      '<html lang="sv"><body><p lang="fi">x</p><es-message></es-message><es-service lang="en"></es-service><es-status lang="sv"></es-status></body></html>',
    );
    expect(resolveLocale(doc)).to.equal('en');
  });

  it('ignores lang on elements that are not es-*', () => {
    expect(resolveLocale(page('<html lang="en"><body><div lang="sv"></div></body></html>'))).to.equal('en');
  });
});

describe('normalizeLocale', () => {
  it('maps tags to supported locales or undefined', () => {
    expect(normalizeLocale('sv_FI')).to.equal('sv');
    expect(normalizeLocale(' en-US ')).to.equal('en');
    expect(normalizeLocale('nb')).to.equal(undefined);
    expect(normalizeLocale(null)).to.equal(undefined);
  });
});

describe('setupLocalization', () => {
  it('returns the same controller when called twice', async () => {
    const first = setupLocalization();
    const second = setupLocalization();
    expect(second).to.equal(first);
    expect(first.getLocale()).to.equal('en');
    await first.setLocale('sv');
    expect(second.getLocale()).to.equal('sv');
  });
});
