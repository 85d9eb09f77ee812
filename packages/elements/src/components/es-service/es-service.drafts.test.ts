// Drafts survive a real reload (the page in an iframe is reloaded; its sessionStorage is
// this origin's), never hold the personnummer, and "Start over" forgets them.
import { expect } from '@open-wc/testing';
import type { EsService } from './es-service.component.js';
import { $, mount, startLoopback, waitFor } from '../../../test/support/service-fixture.js';
import { widgetDefinition } from '../../../test/support/widget-definition.js';

const PERSONNUMMER = '19640823-3234';

describe('es-service drafts', () => {
  let api: string;
  let frame: HTMLIFrameElement;

  before(async function (this: MochaContext) {
    this.timeout(30000);
    api = await startLoopback({ definitions: [widgetDefinition] });
  });
  after(() => {
    frame?.remove();
    sessionStorage.clear();
  });

  const element = () => frame.contentDocument?.querySelector('es-service') as EsService | null;
  const control = (name: string) => element()?.shadowRoot?.querySelector<HTMLInputElement>(`[name="${name}"]`) ?? null;

  async function type(name: string, text: string): Promise<void> {
    const input = control(name)!;
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new FocusEvent('blur'));
    await element()!.updateComplete;
  }

  it('restores answers after location.reload(), without the sensitive field, and forgets them on "Start over"', async function (this: MochaContext) {
    this.timeout(20000);
    frame = document.createElement('iframe');
    frame.src = `/packages/elements/test/support/draft-page.html?service=all-widgets&api=${encodeURIComponent(api)}`;
    document.body.append(frame);
    await waitFor(() => control('/name'), 'the form in the frame', 10000);
    await type('/name', 'Anna Andersson');
    await type('/personalId', PERSONNUMMER);

    const raw = () => Object.keys(sessionStorage).map((key) => `${key}=${sessionStorage.getItem(key)}`).join('\n');
    await waitFor(() => raw().includes('Anna Andersson'), 'the draft saved');
    expect(raw()).to.not.include(PERSONNUMMER);
    expect(raw()).to.not.include(PERSONNUMMER.replace('-', ''));
    expect(raw()).to.not.include('640823');

    const reloaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.contentWindow!.location.reload();
    await reloaded;
    await waitFor(() => control('/name')?.value === 'Anna Andersson', 'the restored answer', 10000);
    expect(control('/personalId')!.value).to.equal('');
    const notice = element()!.shadowRoot!.querySelector('es-message[variant="info"]')!;
    expect(notice.textContent).to.include('We restored the answers');

    notice.querySelector('button')!.click();
    await waitFor(() => control('/name')?.value === '', 'the answers forgotten');
    expect(raw()).to.not.include('Anna Andersson');
  });

  it('moves a draft made for an older version field by field, and says so', async function (this: MochaContext) {
    this.timeout(20000);
    sessionStorage.setItem(
      `eservice-kit:draft:${location.pathname}:all-widgets`,
      JSON.stringify({
        format: 1,
        serviceId: 'all-widgets',
        hash: 'sha256-an-older-version-of-the-definition-000000000',
        savedAt: '2026-05-01T10:00:00.000Z',
        // name still fits; size "xl" is no longer an option; nickname no longer exists.
        answers: { name: 'Anna', size: 'xl', nickname: 'Ann' },
        step: 'text',
      }),
    );
    const el = mount({ service: 'all-widgets', api });
    try {
      const notice = await waitFor(() => el.shadowRoot!.querySelector('es-message[variant="info"]'), 'the notice');
      expect(notice.textContent).to.include('We kept 1 of your answers').and.include('2 no longer fit');
      expect($<HTMLInputElement>(el, '[name="/name"]')!.value).to.equal('Anna');
      await waitFor(() => !(sessionStorage.getItem(`eservice-kit:draft:${location.pathname}:all-widgets`) ?? '').includes('nickname'), 'the draft rewritten');
    } finally {
      el.remove();
    }
  });
});
