import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupLocalization } from '../../localization.js';
import type { EsService } from './es-service.component.js';
import { $, control, mount, primaryButton, receivedCases, screenHeading, startLoopback, waitFor } from '../../../test/support/service-fixture.js';

describe('es-service: loading and the flow', () => {
  let api: string;
  let el: EsService;

  before(async function () {
    this.timeout(60000);
    await setupLocalization().setLocale('en');
    api = await startLoopback({ services: ['fault-report', 'complaint', 'civil-wedding', 'accessibility-report'] });
  });
  afterEach(() => {
    el?.remove();
    sessionStorage.clear();
  });

  it('shows the intro of a service fetched from the API, then its first step', async () => {
    el = mount({ service: 'complaint', api });
    const start = await waitFor(() => $(el, '[part~="button-primary"]'), 'the start button');
    expect(el.shadowRoot!.textContent).to.include('Handling time');
    start.click();
    await waitFor(() => screenHeading(el), 'the first step');
    expect(document.activeElement).to.equal(el);
    expect(el.shadowRoot!.activeElement?.id).to.equal('es-screen-heading');
  });
});
