// Submission failures: offline then back online, double clicks, the server's own field
// errors, a draft that survives a real page reload without the personnummer.
import { expect } from '@open-wc/testing';
import { setupLocalization } from '../../localization.js';
import { HttpTransport } from '../../transport/http-transport.js';
import type { EsService } from './es-service.component.js';
import { $, $$, mount, primaryButton, receivedCases, receivedEvents, screenHeading, startLoopback, waitFor } from '../../../test/support/service-fixture.js';
import { widgetDefinition } from '../../../test/support/widget-definition.js';

async function typeInto(el: EsService, name: string, text: string): Promise<void> {
  const input = $<HTMLInputElement>(el, `[name="${name}"]`)!;
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await el.updateComplete;
}

/** Fills the all-widgets form's required fields and goes to the review. */
async function fillToReview(el: EsService): Promise<void> {
  await waitFor(() => $(el, '[name="/name"]'), 'the first step');
  await typeInto(el, '/name', 'Anna');
  await typeInto(el, '/story', 'Hej');
  await typeInto(el, '/personalId', '19640823-3234');
  primaryButton(el).click();
  await el.updateComplete;
  await waitFor(() => $(el, '[name="/size"]'), `the choices step (${$(el, '[part="error-summary"]')?.textContent?.replace(/\s+/g, ' ')})`);
  $$<HTMLInputElement>(el, '[name="/size"]')[0]!.click();
  const colour = $<HTMLSelectElement>(el, '[name="/colour"]')!;
  colour.value = '"blue"';
  colour.dispatchEvent(new Event('change'));
  await el.updateComplete;
  primaryButton(el).click();
  await waitFor(() => $(el, '[name="/agree"]'), 'the groups step');
  await typeInto(el, '/address/street', 'Storgatan 1');
  await typeInto(el, '/address/postalCode', '123 45');
  await typeInto(el, '/guests/0/guestName', 'Bo');
  $<HTMLInputElement>(el, '[name="/agree"]')!.click();
  await el.updateComplete;
  primaryButton(el).click();
  await waitFor(() => screenHeading(el)?.startsWith('Check your answers'), 'the review');
}

/** The usage events received once the submitted event has arrived (they are batched). */
async function waitForEvents(baseUrl: string): Promise<Awaited<ReturnType<typeof receivedEvents>>> {
  const started = performance.now();
  for (;;) {
    const events = await receivedEvents(baseUrl);
    if (events.some((event) => event.type === 'submitted') || performance.now() - started > 5000) return events;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('es-service submission', () => {
  let api: string;
  let el: EsService;
  const keys: string[] = [];

  before(async function (this: MochaContext) {
    this.timeout(30000);
    await setupLocalization().setLocale('en');
    api = await startLoopback({ definitions: [widgetDefinition, { ...widgetDefinition, id: 'server-says-no' }], serverErrors: { 'server-says-no': [{ pointer: '/name', keyword: 'duplicate', message: { sv: 'Du har redan skickat ett ärende.', en: 'You have already sent a case.' } }] } });
  });
  let offline = false;
  afterEach(() => {
    el?.remove();
    sessionStorage.clear();
    offline = false;
  });

  // The browser's fetch, failing the way it does without a network while `offline`
  // (DevTools' offline mode would also cut the test runner's own connection).
  function withCountingTransport(element: EsService): void {
    element.transport = new HttpTransport({
      api,
      fetch: (input, init) => {
        if (init?.method === 'POST') keys.push(new Headers(init.headers).get('idempotency-key') ?? '');
        return offline ? Promise.reject(new TypeError('Failed to fetch')) : fetch(input, init);
      },
    });
  }

  it('offline: keeps the answers, says so, and sends with the same key once back online', async function (this: MochaContext) {
    this.timeout(20000);
    keys.length = 0;
    el = mount({ service: 'all-widgets', 'no-intro': '' });
    withCountingTransport(el);
    await fillToReview(el);
    offline = true;
    primaryButton(el).click();
    const problem = await waitFor(() => $(el, '#es-submit-problem'), 'the offline message');
    expect(problem.textContent).to.include('no connection');
    expect(el.shadowRoot!.activeElement).to.equal(problem);
    expect(el.shadowRoot!.textContent).to.include('Anna'); // answers still on the review page
    offline = false;
    window.dispatchEvent(new Event('online'));
    const reference = await waitFor(() => $(el, '[part="reference"]')?.textContent, 'the receipt');
    expect(keys.length).to.equal(2);
    expect(keys[0]).to.equal(keys[1]);
    const cases = (await receivedCases(api)).filter((stored) => stored.reference === reference);
    expect(cases).to.have.length(1);
  });

  it('a response lost on the way back: "Try again" resends the same request and gets the one case', async function (this: MochaContext) {
    this.timeout(20000);
    let posts = 0;
    el = mount({ service: 'all-widgets', 'no-intro': '', events: 'on' });
    el.transport = new HttpTransport({
      api,
      fetch: async (input, init) => {
        if (init?.method !== 'POST' || !String(input).includes('/cases')) return fetch(input, init);
        posts++;
        const response = await fetch(input, init);
        if (posts === 1) throw new TypeError('Failed to fetch'); // the case was stored; the answer never arrived
        return response;
      },
    });
    await fillToReview(el);
    const before = (await receivedCases(api)).length;
    primaryButton(el).click();
    await waitFor(() => $(el, '#es-submit-problem'), 'the offline message');
    await new Promise((resolve) => setTimeout(resolve, 50)); // time passes: durationMs must not change the body
    $<HTMLButtonElement>(el, '#es-submit-problem button')!.click();
    const reference = await waitFor(() => $(el, '[part="reference"]')?.textContent, 'the receipt');
    expect(posts).to.equal(2);
    const after = await receivedCases(api);
    expect(after.length).to.equal(before + 1);
    expect(after.some((stored) => stored.reference === reference)).to.equal(true);
  });

  it('usage events only with events="on": started, steps and submitted, with no answers in them', async function (this: MochaContext) {
    this.timeout(30000);
    const quiet = await startLoopback({ definitions: [widgetDefinition] });
    el = mount({ service: 'all-widgets', api: quiet, 'no-intro': '' });
    await fillToReview(el);
    primaryButton(el).click();
    await waitFor(() => $(el, '[part="reference"]'), 'the receipt');
    await new Promise((resolve) => setTimeout(resolve, 2500)); // past the batching delay
    expect(await receivedEvents(quiet)).to.deep.equal([]);
    el.remove();

    el = mount({ service: 'all-widgets', api: quiet, 'no-intro': '', events: 'on' });
    await fillToReview(el);
    primaryButton(el).click();
    await waitFor(() => $(el, '[part="reference"]'), 'the receipt');
    const events = await waitForEvents(quiet);
    const types = events.map((event) => event.type);
    expect(types[0]).to.equal('step');
    expect(types).to.include('started').and.include('submitted');
    expect(events.filter((event) => event.type === 'step').map((event) => event.step)).to.deep.equal(['text', 'choices', 'groups', 'review']);
    expect(new Set(events.map((event) => event.fillId)).size).to.equal(1);
    expect(JSON.stringify(events)).to.not.include('Anna').and.not.include('3234');
  });

  it('a double click sends one request', async function (this: MochaContext) {
    this.timeout(20000);
    keys.length = 0;
    el = mount({ service: 'all-widgets', 'no-intro': '' });
    withCountingTransport(el);
    await fillToReview(el);
    const before = (await receivedCases(api)).length;
    primaryButton(el).click();
    primaryButton(el).click();
    await waitFor(() => $(el, '[part="reference"]'), 'the receipt');
    expect(keys).to.have.length(1);
    expect((await receivedCases(api)).length).to.equal(before + 1);
  });

  it("maps the server's field errors onto the fields", async function (this: MochaContext) {
    this.timeout(20000);
    el = mount({ service: 'server-says-no', api, 'no-intro': '' });
    await fillToReview(el);
    primaryButton(el).click();
    const summary = await waitFor(() => $(el, '[part="error-summary"]'), 'the error summary');
    expect(summary.textContent).to.include('You have already sent a case.');
    summary.querySelector('a')!.click();
    await waitFor(() => $(el, '[name="/name"]')?.getAttribute('aria-invalid') === 'true', 'the field marked');
    expect(el.shadowRoot!.activeElement!.getAttribute('name')).to.equal('/name');
    expect(el.shadowRoot!.textContent).to.include('You have already sent a case.');
  });
});
