// The npm entry points must not act behind a vendor's back: index.js
// registers nothing and configures nothing; define.js registers the tags
// but leaves @lit/localize to the app.
import { expect } from '@open-wc/testing';

const controllerKey = Symbol.for('@eservice-kit/elements.localization');
const localizationConfigured = () => (globalThis as Record<symbol, unknown>)[controllerKey] !== undefined;

describe('npm entry points', () => {
  it('index.js exports the classes without defining tags or configuring localization', async () => {
    const entry = await import('../src/index.js');
    expect(entry.EsMessage).to.be.a('function');
    expect(customElements.get('es-message')).to.equal(undefined);
    expect(localizationConfigured()).to.equal(false);
  });

  it('define.js defines the tags without configuring localization', async () => {
    await import('../src/define.js');
    const { EsMessage } = await import('../src/index.js');
    expect(customElements.get('es-message')).to.equal(EsMessage);
    expect(localizationConfigured()).to.equal(false);
  });

  it('elements render the English source strings until the app sets a locale', async () => {
    const el = document.createElement('es-message');
    el.variant = 'error';
    document.body.append(el);
    await el.updateComplete;
    const prefix = el.shadowRoot!.querySelector('.visually-hidden')!;
    expect(prefix.textContent!.trim()).to.equal('Error:');
    // Marked as English, whatever the page's language (WCAG 3.1.2).
    expect(prefix.getAttribute('lang')).to.equal('en');
    el.remove();
  });
});
