// <es-service> against the loopback implementation of the HTTP contract: the flow,
// validation UX, hidden fields, submission failures and "never blank".
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupLocalization } from '../../localization.js';
import { HttpTransport } from '../../transport/http-transport.js';
import type { EsService } from './es-service.component.js';
import type { EsErrorEventDetail } from '../../events/es-service-events.js';
import { $, $$, definitionAndValidator, mount, nextEvent, primaryButton, receivedCases, screenHeading, startLoopback, waitFor } from '../../../test/support/service-fixture.js';

const BUILT_IN = ['fault-report', 'complaint', 'civil-wedding', 'accessibility-report'];

async function choose(el: EsService, name: string, choice: unknown): Promise<void> {
  const radio = $$<HTMLInputElement>(el, `[name="${name}"]`).find((candidate) => candidate.value === JSON.stringify(choice))!;
  radio.click();
  await el.updateComplete;
}

async function type(el: EsService, name: string, text: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `[name="${name}"]`)!;
  input.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('es-service', () => {
  let api: string;
  let el: EsService;

  before(async function (this: MochaContext) {
    this.timeout(60000);
    await setupLocalization().setLocale('en');
    api = await startLoopback({ services: BUILT_IN });
  });
  afterEach(() => {
    el?.remove();
    sessionStorage.clear();
  });

  it('shows the intro with handling time and privacy notice, then the first step with focus on its heading', async () => {
    el = mount({ service: 'complaint', api });
    const start = await waitFor(() => $<HTMLButtonElement>(el, '[part~="button-primary"]'), 'the start button');
    expect(el.shadowRoot!.textContent).to.include('Handling time').and.include('5 working days');
    expect($(el, 'details[part="privacy"] summary')!.textContent).to.include('personal data');
    start.click();
    await waitFor(() => screenHeading(el), 'the first step');
    expect(el.shadowRoot!.activeElement?.id).to.equal('es-screen-heading');
    expect($(el, '[part="progress"]')!.textContent).to.include('Step 1 of 4');
  });

  it('on "Continue" with errors shows a focused error summary whose links focus each field', async () => {
    el = mount({ service: 'complaint', api, 'no-intro': '' });
    await waitFor(() => screenHeading(el), 'the first step');
    primaryButton(el).click();
    const summary = await waitFor(() => $(el, '[part="error-summary"]'), 'the error summary');
    await el.updateComplete;
    expect(el.shadowRoot!.activeElement).to.equal(summary);
    const links = [...summary.querySelectorAll('a')];
    expect(links.length).to.be.greaterThan(0);
    for (const link of links) {
      link.click();
      await el.updateComplete;
      const target = el.shadowRoot!.activeElement as HTMLInputElement;
      expect(target.matches('input, select, textarea'), link.textContent!).to.equal(true);
      expect(target.getAttribute('aria-invalid')).to.equal('true');
      // Single controls carry aria-describedby; radio and checkbox groups carry it on their fieldset.
      const described = target.getAttribute('aria-describedby') ?? target.closest('fieldset')!.getAttribute('aria-describedby')!;
      const inline = el.shadowRoot!.getElementById(described.split(' ').at(-1)!)!;
      expect(link.textContent).to.include(inline.textContent!.replace('Error:', '').trim());
    }
  });

  it('neither validates nor sends fields that rules hide', async function (this: MochaContext) {
    this.timeout(20000);
    el = mount({ service: 'fault-report', api, 'no-intro': '' });
    await waitFor(() => screenHeading(el), 'the first step');
    const select = $<HTMLSelectElement>(el, '[name="/service_code"]')!;
    select.value = JSON.stringify('gata-belaggning');
    select.dispatchEvent(new Event('change'));
    primaryButton(el).click();
    await waitFor(() => $(el, '[name="/location/address_string"]'), 'the place step');
    await type(el, '/location/address_string', 'Storgatan 1');
    primaryButton(el).click();
    await waitFor(() => $(el, '[name="/description"]'), 'the details step');
    await type(el, '/description', 'Ett djupt hål i gatan.');
    primaryButton(el).click();
    await waitFor(() => $(el, '[name="/anonymous"]'), 'the contact step');
    // Typed while not anonymous, then hidden by choosing anonymous: never sent, never an error.
    await choose(el, '/anonymous', false);
    await choose(el, '/wantsFeedback', true);
    await type(el, '/email', 'not an address');
    await choose(el, '/anonymous', true);
    expect($(el, '[name="/email"]')).to.equal(null);
    primaryButton(el).click();
    await waitFor(() => screenHeading(el)?.startsWith('Check your answers'), 'the review');
    expect($(el, '[part="error-summary"]')).to.equal(null);
    const submitting = nextEvent<{ answers: Record<string, unknown> }>(el, 'es-submit');
    primaryButton(el).click();
    const { answers } = await submitting;
    expect(answers).to.not.have.property('email');
    expect(answers).to.not.have.property('wantsFeedback');
    await waitFor(() => $(el, '[part="reference"]'), 'the receipt');
    const stored = (await receivedCases(api)).find((received) => received.reference === $(el, '[part="reference"]')!.textContent);
    expect(stored!.request.answers).to.deep.equal({ service_code: 'gata-belaggning', location: { address_string: 'Storgatan 1' }, description: 'Ett djupt hål i gatan.', anonymous: true });
  });

  it('es-submit can be cancelled: nothing is sent', async () => {
    const loaded = await definitionAndValidator('complaint');
    el = mount({ 'no-intro': '' }, { ...loaded, api } as Partial<EsService>);
    let requests = 0;
    el.transport = new HttpTransport({ api, fetch: (input, init) => (requests++, fetch(input, init)) });
    await waitFor(() => screenHeading(el), 'the first step');
    // Straight to the review with valid answers from a draft-free start: fill the minimum.
    await choose(el, '/type', 'suggestion');
    const area = $<HTMLSelectElement>(el, '[name="/area"]')!;
    area.value = area.options[1]!.value;
    area.dispatchEvent(new Event('change'));
    primaryButton(el).click();
    await waitFor(() => $(el, '[name="/subject"]'), 'the message step');
    await type(el, '/subject', 'Fler bänkar');
    await type(el, '/description', 'Fler bänkar i parken, tack.');
    primaryButton(el).click();
    await waitFor(() => $(el, '[name="/anonymous"]'), 'the reply step');
    await choose(el, '/anonymous', true);
    primaryButton(el).click();
    await waitFor(() => screenHeading(el)?.startsWith('Check your answers'), 'the review');
    el.addEventListener('es-submit', (event) => event.preventDefault(), { once: true });
    const before = requests;
    primaryButton(el).click();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(requests).to.equal(before);
    expect($(el, '[part="reference"]')).to.equal(null);
  });
});

describe('es-service never blank', () => {
  let el: EsService;
  let api: string;
  before(async function (this: MochaContext) {
    this.timeout(30000);
    await setupLocalization().setLocale('en');
    api = await startLoopback({ services: ['complaint'] });
  });
  afterEach(() => el?.remove());

  async function expectFailure(attributes: Record<string, string>, properties: Partial<EsService>, code: string): Promise<EsErrorEventDetail> {
    el = document.createElement('es-service');
    const failed = nextEvent<EsErrorEventDetail>(el, 'es-error');
    for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
    Object.assign(el, properties);
    document.body.append(el);
    const detail = await failed;
    expect(detail.code).to.equal(code);
    expect(detail.message).to.be.a('string').and.not.equal('');
    await el.updateComplete;
    const message = $(el, 'es-message[variant="error"]')!;
    expect(message.getAttribute('heading')).to.equal('The e-service cannot be shown right now');
    expect(message.textContent!.trim()).to.not.equal('');
    return detail;
  }

  it('unknown service', async () => {
    await expectFailure({ service: 'no-such-service', api }, {}, 'service-not-found');
  });

  it('unreachable API', async () => {
    await expectFailure({ service: 'complaint', api: 'http://127.0.0.1:9/kommun' }, {}, 'api-unreachable');
  });

  it('broken definition, with the issues in the details', async () => {
    const { definition, validator } = await definitionAndValidator('complaint');
    const broken = { ...(definition as object), ui: { steps: [{ id: 'x', title: { sv: 'X', en: 'X' }, fields: ['/nope'] }], fields: {} } };
    const detail = await expectFailure({}, { definition: broken, validator } as Partial<EsService>, 'definition-invalid');
    expect(JSON.stringify(detail.details['errors'])).to.include('/nope');
  });

  it('missing validator', async () => {
    const { definition } = await definitionAndValidator('complaint');
    await expectFailure({}, { definition } as Partial<EsService>, 'validator-missing');
  });

  it('a validator made for another definition', async () => {
    const { definition } = await definitionAndValidator('complaint');
    const { validator } = await definitionAndValidator('fault-report');
    await expectFailure({}, { definition, validator } as Partial<EsService>, 'validator-mismatch');
  });

  it('a definition changed after its validator was made (one title edited)', async () => {
    const { definition, validator } = await definitionAndValidator('complaint');
    const edited = { ...(definition as object), title: { sv: 'Synpunkter', en: 'Comments' } };
    await expectFailure({}, { definition: edited, validator } as Partial<EsService>, 'validator-mismatch');
  });

  it('a definition file without a validator beside it', async () => {
    await expectFailure({ src: '/packages/services/definitions/complaint.json' }, {}, 'validator-missing');
  });

  it('nothing to show', async () => {
    await expectFailure({}, {}, 'missing-configuration');
  });
});

