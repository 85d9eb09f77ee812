// Page-level test: the markup is in the page before the tags are defined,
// the way a CMS page with the script-tag bundle works. This catches what
// fixture()-based tests miss, e.g. `@localized()` placed above
// `@customElement` (elements upgraded at define time then never re-render).
import { expect } from '@open-wc/testing';
import type { EsMessage } from '../src/index.js';

const spoken = (el: EsMessage) => el.shadowRoot!.querySelector('.visually-hidden')!.textContent!.trim();
const dismissLabel = (el: EsMessage) => el.shadowRoot!.querySelector('button')!.getAttribute('aria-label');

const localeReady = (locale: string) =>
  new Promise<void>((resolve) => {
    const onStatus = (event: Event) => {
      const { detail } = event as CustomEvent<{ status: string; readyLocale?: string }>;
      if (detail.status === 'ready' && detail.readyLocale === locale) {
        window.removeEventListener('lit-localize-status', onStatus);
        resolve();
      }
    };
    window.addEventListener('lit-localize-status', onStatus);
  });

describe('page locale (script-tag bundle)', () => {
  let el: EsMessage;

  before(async () => {
    document.documentElement.lang = 'sv-SE';
    const host = document.createElement('div');
    host.innerHTML = '<es-message variant="error" dismissible>Något gick fel.</es-message>';
    document.body.append(host);
    el = host.querySelector('es-message') as EsMessage;
    expect(customElements.get('es-message')).to.equal(undefined);

    await import('../src/bundle.js');
    await customElements.whenDefined('es-message');
    // The Swedish templates are bundled, so sv is ready within microtasks.
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
  });

  it('upgrades markup that was in the page before the tag was defined, in Swedish', () => {
    expect(el.shadowRoot).to.not.equal(null);
    expect(spoken(el)).to.equal('Fel:');
    expect(dismissLabel(el)).to.equal('Stäng meddelandet');
  });

  it('switches to English when <html lang> changes to en at run time', async () => {
    const ready = localeReady('en');
    document.documentElement.lang = 'en';
    await ready;
    await el.updateComplete;
    expect(spoken(el)).to.equal('Error:');
    expect(dismissLabel(el)).to.equal('Dismiss message');
  });

  it('switches back to Swedish on lang="sv"', async () => {
    const ready = localeReady('sv');
    document.documentElement.lang = 'sv';
    await ready;
    await el.updateComplete;
    expect(spoken(el)).to.equal('Fel:');
  });

  it('marks the Swedish UI strings lang="sv" on a page in a language without a UI locale (fi)', async () => {
    // The UI is Swedish already (previous test); fi keeps it Swedish.
    document.documentElement.lang = 'fi';
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    const prefix = el.shadowRoot!.querySelector('.visually-hidden')!;
    expect(prefix.textContent!.trim()).to.equal('Fel:');
    expect(prefix.getAttribute('lang')).to.equal('sv');
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('lang')).to.equal('sv');
    // The host's own text stays in the page's language.
    expect(el.closest('[lang]')!.getAttribute('lang')).to.equal('fi');
    document.documentElement.lang = 'sv';
  });

  it('tolerates the bundle entry running twice', async () => {
    // A second evaluation of bundle.ts (a new module instance through a query
    // string; its imports are shared) calls setupLocalization() again and must
    // neither throw nor add a second observer. A second define() of the tag is
    // covered in define-element.test.ts.
    // @ts-expect-error -- a query string makes a second module instance
    await import('../src/bundle.js?copy=2');
    const ready = localeReady('en');
    document.documentElement.lang = 'en-GB';
    await ready;
    await el.updateComplete;
    expect(spoken(el)).to.equal('Error:');
  });
});
