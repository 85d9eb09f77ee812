// Every built-in widget operated with real key events, as a keyboard-only citizen would.
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupLocalization } from '../../localization.js';
import type { EsService } from './es-service.component.js';
import { $, $$, focused, mount, nextEvent, primaryButton, receivedCases, screenHeading, startLoopback, tabTo, tabToSelector, waitFor } from '../../../test/support/service-fixture.js';
import { widgetDefinition } from '../../../test/support/widget-definition.js';

const value = (el: EsService, name: string) => ($<HTMLInputElement>(el, `[name="${name}"]`)!).value;

describe('es-service widgets by keyboard', () => {
  let api: string;
  let el: EsService;

  before(async function (this: MochaContext) {
    this.timeout(60000);
    await setupLocalization().setLocale('en');
    api = await startLoopback({ definitions: [widgetDefinition] });
  });
  after(() => el?.remove());

  it('fills every widget with the keyboard alone and sends exactly what was typed', async function (this: MochaContext) {
    this.timeout(60000);
    el = mount({ service: 'all-widgets', api, 'no-intro': '' });
    await waitFor(() => screenHeading(el) === 'Text', 'the first step');

    // Text: validated when left, error wired to the control, cleared once fixed.
    const name = await tabTo(el, '/name');
    await sendKeys({ type: 'A' });
    await sendKeys({ press: 'Tab' });
    await el.updateComplete;
    expect(name.getAttribute('aria-invalid')).to.equal('true');
    const errorId = name.getAttribute('aria-describedby')!.split(' ').find((id) => id.endsWith('-error'))!;
    expect(el.shadowRoot!.getElementById(errorId)!.textContent).to.match(/at least 2/);
    name.focus();
    await sendKeys({ type: 'nna' });
    await el.updateComplete;
    expect(name.hasAttribute('aria-invalid')).to.equal(false);

    await tabTo(el, '/story');
    await sendKeys({ type: 'Hello' });
    await el.updateComplete;
    expect($(el, '.count')!.textContent).to.include('295 characters remaining');

    await tabTo(el, '/email');
    await sendKeys({ type: 'anna@example.org' });
    await tabTo(el, '/phone');
    await sendKeys({ type: '070-123 45 67' });
    await tabTo(el, '/count');
    await sendKeys({ type: '3' });
    await tabTo(el, '/weight');
    await sendKeys({ type: '2,5' });
    await el.updateComplete;
    expect(value(el, '/weight')).to.equal('2,5'); // kept as typed, sent as 2.5
    await tabTo(el, '/day');
    await sendKeys({ type: '05012026' });
    await el.updateComplete;
    expect(value(el, '/day')).to.equal('2026-05-01');
    await tabTo(el, '/personalId');
    await sendKeys({ type: '196408233234' });
    await el.updateComplete;
    expect(value(el, '/personalId')).to.equal('19640823-3234');
    await sendKeys({ press: 'Enter' }); // Enter submits the step, like any form
    await waitFor(() => screenHeading(el) === 'Choices', 'the second step');

    // Radio group: arrow keys move and select; Tab leaves the group.
    await tabTo(el, '/size');
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(($$<HTMLInputElement>(el, '[name="/size"]').find((radio) => radio.checked))!.value).to.equal('"m"');
    // Select: arrow keys change a closed select.
    await tabTo(el, '/colour');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await el.updateComplete;
    expect(value(el, '/colour')).to.equal('"green"');
    // Yes/no: arrow to "No".
    await tabTo(el, '/urgent');
    await sendKeys({ press: 'ArrowDown' });
    await tabTo(el, '/newsletter');
    await sendKeys({ press: 'Space' });
    // Checkbox group: Space ticks, Tab moves to the next box.
    await tabTo(el, '/topics');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => screenHeading(el) === 'Groups', 'the third step');

    await tabTo(el, '/address/street');
    await sendKeys({ type: 'Storgatan 1' });
    await tabTo(el, '/address/postalCode');
    await sendKeys({ type: '12345' });
    await el.updateComplete;
    expect(value(el, '/address/postalCode')).to.equal('123 45');

    // Repeatable: one item shown, "Add another" adds one and focuses it; "Remove" removes.
    await tabTo(el, '/guests/0/guestName');
    await sendKeys({ type: 'Bo' });
    await tabToSelector(el, '[part~="button-add"]');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(el)?.getAttribute('name') === '/guests/1/guestName', 'focus on the new item');
    await sendKeys({ type: 'Cy' });
    await tabToSelector(el, '[part~="button-add"]');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(el)?.getAttribute('name') === '/guests/2/guestName', 'focus on the third item');
    expect($(el, '[part~="button-add"]')).to.equal(null); // maxItems 3 reached
    await tabToSelector(el, '[part~="button-remove"][data-pointer="/guests/2"]');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => $$(el, '[name^="/guests/"]').length === 2, 'the item removed');
    await waitFor(() => el.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('removed'), 'the removal announced');

    await tabTo(el, '/agree');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => screenHeading(el) === 'Check your answers before sending', 'the review');
    expect(el.shadowRoot!.textContent).to.include('Medium').and.include('Roads, Water').and.include('1 May 2026');

    const submitted = nextEvent<{ reference: string }>(el, 'es-submitted');
    primaryButton(el).focus();
    await sendKeys({ press: 'Enter' });
    const { reference } = await submitted;
    const [received] = (await receivedCases(api)).filter((stored) => stored.reference === reference);
    expect(received!.request.answers).to.deep.equal({
      name: 'Anna',
      story: 'Hello',
      email: 'anna@example.org',
      phone: '070-123 45 67',
      count: 3,
      weight: 2.5,
      day: '2026-05-01',
      personalId: '19640823-3234',
      size: 'm',
      colour: 'green',
      urgent: false,
      newsletter: true,
      topics: ['roads', 'water'],
      address: { street: 'Storgatan 1', postalCode: '123 45' },
      guests: [{ guestName: 'Bo' }, { guestName: 'Cy' }],
      agree: true,
    });
  });
});
