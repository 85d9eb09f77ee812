// axe in the empty, filled, error and RTL states; the UI locale switched at run time;
// a vendor's own widget through registerWidget().
import { expect } from '@open-wc/testing';
import { html } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { setupLocalization } from '../../localization.js';
import { registerWidget } from './widgets/registry.js';
import { widgetDefinition } from '../../../test/support/widget-definition.js';
import type { EsService } from './es-service.component.js';
import { $, $$, mount, primaryButton, screenHeading, startLoopback, waitFor } from '../../../test/support/service-fixture.js';

const BUILT_IN = ['fault-report', 'complaint', 'civil-wedding', 'accessibility-report'];

describe('es-service accessibility and locale', () => {
  let api: string;
  let el: EsService;

  before(async function (this: MochaContext) {
    this.timeout(60000);
    await setupLocalization().setLocale('en');
    api = await startLoopback({ services: BUILT_IN, definitions: [widgetDefinition] });
  });
  afterEach(async () => {
    el?.remove();
    sessionStorage.clear();
    document.documentElement.dir = '';
    await setupLocalization().setLocale('en');
  });

  for (const service of BUILT_IN) {
    it(`${service}: no axe violations on the intro, every empty step, with errors, and in RTL`, async function (this: MochaContext) {
      this.timeout(30000);
      el = mount({ service, api });
      await waitFor(() => $(el, '[part~="button-primary"]'), 'the intro');
      await expect(el).to.be.accessible();
      primaryButton(el).click();
      await waitFor(() => screenHeading(el), 'the first step');
      await expect(el).to.be.accessible();
      primaryButton(el).click(); // errors and the summary
      await waitFor(() => $(el, '[part="error-summary"]'), 'the error summary');
      await expect(el).to.be.accessible();
      document.documentElement.dir = 'rtl';
      await expect(el).to.be.accessible();
      expect(getComputedStyle($(el, '.field')!).direction).to.equal('rtl');
    });
  }

  it('no axe violations on a filled step and on "check your answers"', async function (this: MochaContext) {
    this.timeout(20000);
    el = mount({ service: 'accessibility-report', api, 'no-intro': '' });
    await waitFor(() => $(el, '[name="/description"]'), 'the first step');
    $$<HTMLInputElement>(el, '[name="/reportType"]')[0]!.click();
    for (const [name, text] of [['/page', 'Startsidan'], ['/description', 'Knappen saknar text.']]) {
      const input = $<HTMLInputElement>(el, `[name="${name}"]`)!;
      input.value = text!;
      input.dispatchEvent(new Event('input'));
    }
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('shows the chosen option of a select when its step is shown again', async function (this: MochaContext) {
    this.timeout(20000);
    el = mount({ service: 'all-widgets', api, 'no-intro': '' });
    await waitFor(() => $(el, '[name="/name"]'), 'the first step');
    for (const [name, text] of [['/name', 'Anna'], ['/story', 'Hej']]) {
      const input = $<HTMLInputElement>(el, `[name="${name}"]`)!;
      input.value = text!;
      input.dispatchEvent(new Event('input'));
    }
    primaryButton(el).click();
    const colour = await waitFor(() => $<HTMLSelectElement>(el, '[name="/colour"]'), 'the choices step');
    colour.value = '"blue"';
    colour.dispatchEvent(new Event('change'));
    $<HTMLButtonElement>(el, '.actions .secondary')!.click();
    await waitFor(() => screenHeading(el) === 'Text', 'back on the first step');
    primaryButton(el).click();
    const shown = await waitFor(() => $<HTMLSelectElement>(el, '[name="/colour"]'), 'the choices step again');
    await el.updateComplete;
    expect(shown.selectedOptions[0]!.textContent).to.equal('Blue');
  });

  it('starts loading again when moved in the page while loading', async () => {
    el = mount({ service: 'complaint', api });
    const wrapper = document.createElement('div');
    document.body.append(wrapper);
    wrapper.append(el); // disconnect + connect, as a CMS tab script does
    await waitFor(() => $(el, '[part~="button-primary"]'), 'the intro after the move');
    wrapper.remove();
  });

  it('re-renders in Swedish when the UI locale changes at run time', async () => {
    el = mount({ service: 'complaint', api });
    await waitFor(() => $(el, '[part~="button-primary"]'), 'the intro');
    expect(primaryButton(el).textContent!.trim()).to.equal('Start');
    await setupLocalization().setLocale('sv');
    await el.updateComplete;
    expect(primaryButton(el).textContent!.trim()).to.equal('Starta');
    expect(el.shadowRoot!.textContent).to.include('Synpunkter och klagomål'); // the definition's texts follow too
    expect($(el, '.service')!.getAttribute('lang')).to.equal('sv');
  });

  it("uses a vendor's widget registered with registerWidget(), operated by keyboard", async () => {
    registerWidget({
      name: 'kommun-slider',
      // Outranks the built-in number widget (2) for small integer scales.
      rank: (schema) => (schema['type'] === 'integer' && typeof schema['maximum'] === 'number' && schema['maximum'] <= 10 ? 20 : 0),
      render: (context) => html`<div class="field" part="field">
        <label for=${context.id}>${context.label}</label>
        <input id=${context.id} name=${context.pointer} type="range" min="1" max="10" .value=${String(context.value ?? 1)}
          @input=${(event: Event) => context.set(Number((event.target as HTMLInputElement).value))} />
      </div>`,
    });
    el = mount({ service: 'all-widgets', api, 'no-intro': '' });
    const slider = await waitFor(() => $<HTMLInputElement>(el, 'input[type="range"][name="/count"]'), 'the vendor widget');
    slider.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(slider.value).to.equal('3');
    // The value lives in the form's answers: it survives leaving the step and coming back.
    for (const [name, text] of [['/name', 'Anna'], ['/story', 'Hej']]) {
      const input = $<HTMLInputElement>(el, `[name="${name}"]`)!;
      input.value = text!;
      input.dispatchEvent(new Event('input'));
    }
    primaryButton(el).click();
    await waitFor(() => screenHeading(el) === 'Choices', 'the next step');
    $<HTMLButtonElement>(el, '.actions .secondary')!.click();
    await waitFor(() => screenHeading(el) === 'Text', 'back on the first step');
    expect($<HTMLInputElement>(el, 'input[type="range"][name="/count"]')!.value).to.equal('3');
  });
});
