import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import type { Created, FeedbackRequest, Transport, TransportResult } from '@eservice-kit/core';
import { setupLocalization } from '../../localization.js';
import type { EsFeedbackEvent } from '../../events/es-feedback.js';
import type { EsMessage } from '../es-message/es-message.js';
import './es-feedback.js';
import type { EsFeedback, EsFeedbackWording } from './es-feedback.js';

type Result = TransportResult<Created>;

/** A real Transport that records feedback and answers with the next queued result (the last one repeats). */
class FakeTransport implements Transport {
  readonly sent: FeedbackRequest[] = [];
  readonly #results: (Result | Promise<Result>)[];

  constructor(...results: (Result | Promise<Result>)[]) {
    this.#results = results.length > 0 ? results : [{ ok: true, value: { id: 'fb-1' } }];
  }

  sendFeedback(feedback: FeedbackRequest): Promise<Result> {
    this.sent.push(feedback);
    const next = this.#results.length > 1 ? this.#results.shift()! : this.#results[0]!;
    return Promise.resolve(next);
  }

  // Not used by <es-feedback>.
  listServices = unused;
  getDefinition = unused;
  getValidatorModuleUrl = (): string => 'unused';
  uploadFile = unused;
  submitCase = unused;
  getCase = unused;
  sendSurveyResponse = unused;
  sendEvents = unused;
}

function unused(): Promise<never> {
  return Promise.reject(new Error('not used by es-feedback'));
}

/** A promise to resolve from the test, for a send that is still on its way. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

let counter = 0;
/** A case reference no other test (or earlier run in this tab) has answered. */
const newReference = () => `KS-2026-${Date.now().toString(36)}-${++counter}`;

const part = (el: EsFeedback, name: string): HTMLElement => {
  const found = el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};
const parts = (el: EsFeedback, name: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
const has = (el: EsFeedback, name: string) => el.shadowRoot!.querySelector(`[part~="${name}"]`) !== null;
const radios = (el: EsFeedback) => [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
const textarea = (el: EsFeedback) => el.shadowRoot!.querySelector('textarea')!;
const statusRegion = (el: EsFeedback) => el.shadowRoot!.querySelector('[role="status"]')!;
const failure = (el: EsFeedback) => el.shadowRoot!.querySelector<EsMessage>('es-message');
const text = (node: Element) => node.textContent!.replace(/\s+/g, ' ').trim();

/** The focused element through shadow roots, as `tag#id[part=x]` or `input[value=n]`. */
const focused = (): string => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return 'nothing';
  const partName = active.getAttribute('part');
  const value = active instanceof HTMLInputElement && active.type === 'radio' ? `[value=${active.value}]` : '';
  return `${active.localName}${active.id ? `#${active.id}` : ''}${partName ? `[part=${partName}]` : ''}${value}`;
};

/** The resolved value of a system colour such as Highlight. */
const systemColor = (name: string): string => {
  const probe = document.createElement('span');
  probe.style.color = name;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
};

/** Types into the focused field as the user would. */
const type = (value: string) => sendKeys({ type: value });

/** Puts `value` into the comment field the way a paste does (one input event). */
const paste = async (el: EsFeedback, value: string) => {
  const field = textarea(el);
  field.value = value;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
};

/** Chooses a rating and sends with the mouse; waits until the transport has the request. */
const rateAndSend = async (el: EsFeedback, transport: FakeTransport, rating = 4) => {
  const before = transport.sent.length;
  radios(el)[rating - 1]!.click();
  await el.updateComplete;
  part(el, 'send').click();
  await waitUntil(() => transport.sent.length > before, 'the transport was called');
};

const thanksShown = (el: EsFeedback) => has(el, 'thanks') && !has(el, 'send');

describe('es-feedback', () => {
  afterEach(async () => {
    await setupLocalization().setLocale('en');
  });

  describe('accessibility', () => {
    it('has no axe violations when empty (heading level, contact and accessibility links)', async () => {
      const el = await fixture<EsFeedback>(html`<es-feedback
        .transport=${new FakeTransport()}
        service-id="fault-report"
        reference=${newReference()}
        heading-level="2"
        contact-url="https://kommun.example/kontakt"
        accessibility-report-url="https://kommun.example/tillganglighet"
      ></es-feedback>`);
      await expect(el).to.be.accessible();
      const heading = part(el, 'heading');
      expect(heading.getAttribute('role')).to.equal('heading');
      expect(heading.getAttribute('aria-level')).to.equal('2');
    });

    it('has no axe violations with the rating error and the too-long error', async () => {
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      await paste(el, 'x'.repeat(1201));
      part(el, 'send').click();
      await waitUntil(() => parts(el, 'error').length === 2);
      await expect(el).to.be.accessible();
    });

    it('has no axe violations after a failed send and in the thank-you state', async () => {
      const transport = new FakeTransport({ ok: false, kind: 'network' }, { ok: true, value: { id: 'fb-2' } });
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      await rateAndSend(el, transport);
      await waitUntil(() => failure(el) !== null);
      await failure(el)!.updateComplete;
      await expect(el).to.be.accessible();
      part(el, 'send').click();
      await waitUntil(() => thanksShown(el));
      await expect(el).to.be.accessible();
    });

    it('has no axe violations right to left, and in the thumbs variant with its text field open', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div dir="rtl">
        <es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>
        <es-feedback .transport=${new FakeTransport()} variant="thumbs" topic="/avfall"></es-feedback>
      </div>`);
      const [rating, thumbs] = [...wrapper.querySelectorAll('es-feedback')] as EsFeedback[];
      await expect(rating!).to.be.accessible();
      parts(thumbs!, 'answer')[1]!.click();
      await thumbs!.updateComplete;
      await expect(thumbs!).to.be.accessible();
    });
  });

  describe('rating variant', () => {
    it('is answered, commented and sent with the keyboard alone (Space, arrows, Tab, typing, Enter)', async () => {
      const transport = new FakeTransport();
      const reference = newReference();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="before">Before</button>
        <es-feedback
          .transport=${transport}
          service-id="fault-report"
          definition-hash="sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
          reference=${reference}
        ></es-feedback>
      </div>`);
      const el = wrapper.querySelector('es-feedback')!;
      wrapper.querySelector<HTMLElement>('#before')!.focus();

      await sendKeys({ press: 'Tab' });
      expect(focused(), 'Tab enters the scale').to.equal('input[value=1]');
      await sendKeys({ press: 'Space' });
      expect(radios(el)[0]!.checked).to.equal(true);
      for (let i = 0; i < 3; i++) await sendKeys({ press: 'ArrowDown' });
      expect(focused()).to.equal('input[value=4]');
      expect(radios(el).map((r) => r.checked)).to.deep.equal([false, false, false, true, false]);

      await sendKeys({ press: 'Tab' });
      expect(focused(), 'Tab leaves the group for the text field').to.equal('textarea#comment[part=input]');
      await type('  Fler kategorier på kartan, tack.  ');
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button[part=send]');
      await sendKeys({ press: 'Enter' });

      await waitUntil(() => transport.sent.length === 1);
      expect(transport.sent[0]).to.deep.equal({
        serviceId: 'fault-report',
        definitionHash: 'sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
        reference,
        locale: 'en',
        rating: 4,
        comment: 'Fler kategorier på kartan, tack.',
      });
    });

    it('shows the five labelled options in a fieldset named by its legend', async () => {
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      const scale = part(el, 'scale');
      expect(scale.localName).to.equal('fieldset');
      expect(scale.getAttribute('role')).to.equal('radiogroup');
      expect(text(scale.querySelector('legend')!)).to.equal('Overall, how satisfied are you with this e-service?');
      expect(parts(el, 'option').map(text)).to.deep.equal([
        'Very dissatisfied',
        'Dissatisfied',
        'Neither satisfied nor dissatisfied',
        'Satisfied',
        'Very satisfied',
      ]);
      // Each radio is labelled by its visible text (the label wraps it).
      for (const radio of radios(el)) expect(radio.labels?.length).to.equal(1);
    });

    it('leaves the comment out when it is blank', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      await paste(el, '   \n  ');
      await rateAndSend(el, transport, 5);
      expect(transport.sent[0]).to.not.have.property('comment');
      expect(transport.sent[0]!.rating).to.equal(5);
    });

    it('requires a rating: the error is tied to the group, focus goes to the first option, nothing is sent', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      textarea(el).focus();
      await type('Kartan var svår');
      part(el, 'send').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused() === 'input[value=1]', 'focus moves to the first option');

      const scale = part(el, 'scale');
      const error = part(el, 'error');
      expect(scale.getAttribute('aria-invalid')).to.equal('true');
      expect(scale.getAttribute('aria-describedby')).to.equal(error.id);
      expect(scale.contains(error)).to.equal(true);
      expect(text(error)).to.equal('Error: Choose how satisfied you are');
      expect(radios(el)[0]!.checked, 'focus alone does not choose').to.equal(false);
      expect(transport.sent).to.have.length(0);
      expect(textarea(el).value, 'the text is kept').to.equal('Kartan var svår');

      // Choosing a point clears the error; sending then works.
      await sendKeys({ press: 'Space' });
      await el.updateComplete;
      expect(scale.getAttribute('aria-invalid')).to.equal('false');
      expect(has(el, 'error')).to.equal(false);
      part(el, 'send').focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => transport.sent.length === 1);
      expect(transport.sent[0]).to.include({ rating: 1, comment: 'Kartan var svår' });
    });
  });

  describe('thumbs variant', () => {
    it('asks "Was this page helpful?", then offers the text field and sends helpful with the keyboard', async () => {
      const transport = new FakeTransport();
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <button id="before">Before</button>
        <es-feedback .transport=${transport} variant="thumbs" topic="/avfall/sophamtning"></es-feedback>
      </div>`);
      const el = wrapper.querySelector('es-feedback')!;
      expect(text(part(el, 'question'))).to.equal('Was this page helpful?');
      expect(parts(el, 'answer').map(text)).to.deep.equal(['Yes', 'No']);
      expect(parts(el, 'answer').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'false']);
      expect(has(el, 'input') || has(el, 'send') || has(el, 'heading'), 'only the question at first').to.equal(false);

      wrapper.querySelector<HTMLElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button[part=answer]');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(parts(el, 'answer').map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['false', 'true']);
      expect(focused(), 'focus stays on the answer').to.equal('button[part=answer]');

      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('textarea#comment[part=input]');
      await type('Tiderna saknas');
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button[part=send]');
      await sendKeys({ press: 'Space' });
      await waitUntil(() => transport.sent.length === 1);
      expect(transport.sent[0]).to.deep.equal({
        topic: '/avfall/sophamtning',
        locale: 'en',
        helpful: false,
        comment: 'Tiderna saknas',
      });
      await waitUntil(() => focused() === 'p#thanks[part=heading]');
    });

    it('sends Yes without a comment', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} variant="thumbs" service-id="fault-report" topic="/felanmalan"></es-feedback>`,
      );
      parts(el, 'answer')[0]!.click();
      await el.updateComplete;
      part(el, 'send').click();
      await waitUntil(() => transport.sent.length === 1);
      expect(transport.sent[0]).to.deep.equal({ serviceId: 'fault-report', topic: '/felanmalan', locale: 'en', helpful: true });
    });
  });

  describe('sending and thanks', () => {
    it('moves focus to the thank-you heading and fires es-feedback (bubbles, composed) with what was sent', async () => {
      const transport = new FakeTransport({ ok: true, value: { id: 'fb-42' } });
      const reference = newReference();
      const el = await fixture<EsFeedback>(html`<es-feedback
        .transport=${transport}
        service-id="fault-report"
        reference=${reference}
        heading-level="3"
      ></es-feedback>`);
      const events: EsFeedbackEvent[] = [];
      const listener = (event: EsFeedbackEvent) => events.push(event);
      document.addEventListener('es-feedback', listener);
      try {
        radios(el)[1]!.focus();
        await sendKeys({ press: 'Space' });
        textarea(el).focus();
        await type('Bra');
        part(el, 'send').focus();
        await sendKeys({ press: 'Enter' });
        await waitUntil(() => focused() === 'p#thanks[part=heading]', 'focus moves to the thanks');
      } finally {
        document.removeEventListener('es-feedback', listener);
      }
      const thanks = part(el, 'heading');
      expect(text(thanks)).to.equal('Thank you – we read every answer.');
      expect(thanks.getAttribute('role')).to.equal('heading');
      expect(thanks.getAttribute('aria-level')).to.equal('3');
      expect(has(el, 'scale') || has(el, 'send')).to.equal(false);
      expect(text(statusRegion(el)), 'focus reads it; the live region stays quiet').to.equal('');

      expect(events).to.have.length(1);
      const event = events[0]!;
      expect(event.bubbles && event.composed).to.equal(true);
      expect(event.detail).to.deep.equal({
        id: 'fb-42',
        feedback: { serviceId: 'fault-report', reference, locale: 'en', rating: 2, comment: 'Bra' },
      });
    });

    it('announces the thanks instead of taking focus the citizen moved elsewhere while sending', async () => {
      const pending = deferred<Result>();
      const transport = new FakeTransport(pending.promise);
      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>
        <input id="elsewhere" aria-label="Search" />
      </div>`);
      const el = wrapper.querySelector('es-feedback')!;
      await rateAndSend(el, transport);
      wrapper.querySelector<HTMLElement>('#elsewhere')!.focus();
      pending.resolve({ ok: true, value: { id: 'fb-3' } });
      await waitUntil(() => text(statusRegion(el)) !== '');
      expect(text(statusRegion(el))).to.equal('Thank you – we read every answer.');
      expect(focused()).to.equal('input#elsewhere');
    });

    it('keeps the send button focusable but aria-disabled while sending, and sends only once', async () => {
      const pending = deferred<Result>();
      const transport = new FakeTransport(pending.promise);
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      radios(el)[2]!.click();
      await el.updateComplete;
      const send = part(el, 'send') as HTMLButtonElement;
      send.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(send.getAttribute('aria-disabled')).to.equal('true');
      expect(send.disabled).to.equal(false);
      expect(text(send)).to.equal('Sending…');
      expect(focused()).to.equal('button[part=send]');
      await sendKeys({ press: 'Enter' });
      send.click();
      await el.updateComplete;
      expect(transport.sent).to.have.length(1);

      pending.resolve({ ok: true, value: { id: 'fb-4' } });
      await waitUntil(() => thanksShown(el));
      expect(transport.sent).to.have.length(1);
    });

    it('sends through an HttpTransport built from the api attribute', async () => {
      const calls: { url: string; init: RequestInit | undefined }[] = [];
      const realFetch = window.fetch;
      window.fetch = async (input, init) => {
        calls.push({ url: String(input instanceof Request ? input.url : input), init });
        return new Response(JSON.stringify({ id: 'fb-http' }), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      };
      try {
        const reference = newReference();
        const el = await fixture<EsFeedback>(
          html`<es-feedback api="https://kommun.example/eservice/" service-id="fault-report" reference=${reference}></es-feedback>`,
        );
        expect(calls, 'nothing is fetched before sending').to.have.length(0);
        radios(el)[4]!.click();
        await el.updateComplete;
        part(el, 'send').click();
        await waitUntil(() => thanksShown(el));
        expect(calls).to.have.length(1);
        expect(calls[0]!.url).to.equal('https://kommun.example/eservice/api/feedback');
        expect(calls[0]!.init?.method).to.equal('POST');
        expect(JSON.parse(String(calls[0]!.init?.body))).to.deep.equal({
          serviceId: 'fault-report',
          reference,
          locale: 'en',
          rating: 5,
        });
      } finally {
        window.fetch = realFetch;
      }
    });

    it('lets the transport property win over api', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(html`<es-feedback
        api="https://unreachable.invalid/"
        .transport=${transport}
        service-id="fault-report"
        reference=${newReference()}
      ></es-feedback>`);
      await rateAndSend(el, transport);
      await waitUntil(() => thanksShown(el));
    });
  });

  describe('failures', () => {
    it('shows an error with "Try again" after a network failure, keeps the answer and text, and the retry works', async () => {
      const transport = new FakeTransport(
        { ok: false, kind: 'network', message: 'offline' },
        { ok: true, value: { id: 'fb-5' } },
      );
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      textarea(el).focus();
      await type('Gatlampan på Storgatan');
      await rateAndSend(el, transport, 2);
      await waitUntil(() => failure(el) !== null);
      const message = failure(el)!;
      await message.updateComplete;
      expect(message.variant).to.equal('error');
      expect(message.heading).to.equal('Your answer could not be sent');
      expect(text(message)).to.contain('Check your connection and try again. What you wrote is kept.');
      expect(textarea(el).value).to.equal('Gatlampan på Storgatan');
      expect(radios(el)[1]!.checked).to.equal(true);
      expect(part(el, 'send').hasAttribute('aria-disabled')).to.equal(false);

      const retry = message.querySelector<HTMLButtonElement>('button')!;
      expect(text(retry)).to.equal('Try again');
      retry.focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(() => focused() === 'p#thanks[part=heading]', 'focus ends on the thanks');
      expect(transport.sent).to.have.length(2);
      expect(transport.sent[1]).to.deep.equal(transport.sent[0]);
    });

    it('treats a transport that throws as a failure, not an uncaught error', async () => {
      const transport = new FakeTransport();
      transport.sendFeedback = () => {
        throw new Error('broken portal transport');
      };
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      const realError = console.error;
      console.error = () => undefined;
      try {
        radios(el)[0]!.click();
        await el.updateComplete;
        part(el, 'send').click();
        await waitUntil(() => failure(el) !== null);
      } finally {
        console.error = realError;
      }
      expect(has(el, 'send')).to.equal(true);
    });

    it('says the answer was not accepted after a 400, without "Try again", and keeps the text', async () => {
      const transport = new FakeTransport({ ok: false, kind: 'invalid', status: 400 });
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      await paste(el, 'Något');
      await rateAndSend(el, transport, 3);
      await waitUntil(() => failure(el) !== null);
      const message = failure(el)!;
      expect(text(message)).to.contain('The answer was not accepted. What you wrote is kept.');
      expect(message.querySelector('button')).to.equal(null);
      expect(textarea(el).value).to.equal('Något');
      expect(has(el, 'send')).to.equal(true);
    });

    it('passes a dark theme from an ancestor on to the failure message', async () => {
      const transport = new FakeTransport({ ok: false, kind: 'server', status: 503 });
      const wrapper = await fixture<HTMLDivElement>(html`<div class="es-theme-dark">
        <es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>
      </div>`);
      const el = wrapper.querySelector('es-feedback')!;
      await rateAndSend(el, transport);
      await waitUntil(() => failure(el) !== null);
      expect(failure(el)!.getAttribute('theme')).to.equal('dark');
    });

    it('shows a short error instead of the prompt without api/transport or without service-id/topic', async () => {
      const logged: unknown[][] = [];
      const realError = console.error;
      console.error = (...args: unknown[]) => logged.push(args);
      try {
        const noServer = await fixture<EsFeedback>(html`<es-feedback service-id="fault-report"></es-feedback>`);
        const noSubject = await fixture<EsFeedback>(html`<es-feedback .transport=${new FakeTransport()}></es-feedback>`);
        for (const el of [noServer, noSubject]) {
          expect(has(el, 'scale')).to.equal(false);
          const message = failure(el)!;
          expect(message.variant).to.equal('error');
          expect(message.live, 'part of the page, not an interruption').to.equal('off');
          expect(text(message)).to.equal('Feedback cannot be given here right now.');
        }
      } finally {
        console.error = realError;
      }
      expect(logged.map((args) => String(args[0]))).to.deep.equal([
        'eservice-kit: <es-feedback> needs the api attribute (the tenant base URL) or the transport property.',
        'eservice-kit: <es-feedback> needs a service-id or a topic attribute.',
      ]);
    });
  });

  describe('never asks twice', () => {
    it('shows the thanks instead of the prompt when re-created for the same case, and asks again for another', async () => {
      const transport = new FakeTransport();
      const reference = newReference();
      const first = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${reference}></es-feedback>`,
      );
      await rateAndSend(first, transport);
      await waitUntil(() => thanksShown(first));
      first.remove();

      const wrapper = await fixture<HTMLDivElement>(html`<div>
        <input id="search" aria-label="Search" />
        <es-feedback .transport=${transport} service-id="fault-report" reference=${reference}></es-feedback>
        <es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>
        <es-feedback .transport=${transport} service-id="complaint" reference=${reference}></es-feedback>
      </div>`);
      wrapper.querySelector<HTMLElement>('#search')!.focus();
      const [same, otherCase, otherService] = [...wrapper.querySelectorAll('es-feedback')] as EsFeedback[];
      expect(thanksShown(same!)).to.equal(true);
      expect(text(part(same!, 'heading'))).to.equal('Thank you – we read every answer.');
      expect(focused(), 'an already answered prompt takes no focus').to.equal('input#search');
      expect(text(statusRegion(same!)), 'nor is it announced').to.equal('');
      expect(has(otherCase!, 'scale')).to.equal(true);
      expect(has(otherService!, 'scale')).to.equal(true);
      expect(transport.sent).to.have.length(1);
    });

    it('remembers a standalone prompt by topic, and keeps nothing readable in sessionStorage', async () => {
      const transport = new FakeTransport();
      const topic = `/sida-${newReference()}`;
      const first = await fixture<EsFeedback>(html`<es-feedback .transport=${transport} variant="thumbs" topic=${topic}></es-feedback>`);
      parts(first, 'answer')[0]!.click();
      await first.updateComplete;
      part(first, 'send').click();
      await waitUntil(() => thanksShown(first));

      const again = await fixture<EsFeedback>(html`<es-feedback .transport=${transport} variant="thumbs" topic=${topic}></es-feedback>`);
      expect(thanksShown(again)).to.equal(true);
      const other = await fixture<EsFeedback>(html`<es-feedback .transport=${transport} variant="thumbs" topic="/annan-sida"></es-feedback>`);
      expect(has(other, 'answer')).to.equal(true);

      const stored = Object.keys(sessionStorage).map((key) => `${key}=${sessionStorage.getItem(key)}`);
      expect(stored.some((entry) => entry.includes(topic))).to.equal(false);
    });

    it('still never asks twice in this page when sessionStorage throws', async () => {
      const { getItem, setItem } = Storage.prototype;
      Storage.prototype.getItem = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      Storage.prototype.setItem = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      try {
        const transport = new FakeTransport();
        const reference = newReference();
        const first = await fixture<EsFeedback>(
          html`<es-feedback .transport=${transport} service-id="fault-report" reference=${reference}></es-feedback>`,
        );
        expect(has(first, 'scale')).to.equal(true);
        await rateAndSend(first, transport);
        await waitUntil(() => thanksShown(first));
        first.remove();
        const again = await fixture<EsFeedback>(
          html`<es-feedback .transport=${transport} service-id="fault-report" reference=${reference}></es-feedback>`,
        );
        expect(thanksShown(again)).to.equal(true);
      } finally {
        Storage.prototype.getItem = getItem;
        Storage.prototype.setItem = setItem;
      }
    });

    it('starts afresh when the element is pointed at another case', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      await rateAndSend(el, transport);
      await waitUntil(() => thanksShown(el));
      el.reference = newReference();
      await el.updateComplete;
      expect(has(el, 'scale')).to.equal(true);
      expect(radios(el).some((r) => r.checked)).to.equal(false);
    });
  });

  describe('comment length', () => {
    it('counts down from 1,200 and announces the count politely once typing pauses', async () => {
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      const count = part(el, 'count');
      expect(text(count)).to.equal('1,200 characters left');
      expect(textarea(el).getAttribute('aria-describedby')!.split(' ')).to.include.members(['hint', count.id]);
      expect(count.closest('[role], [aria-live]'), 'the visible count is not a live region').to.equal(null);

      textarea(el).focus();
      await type('abc');
      expect(text(count)).to.equal('1,197 characters left');
      expect(text(statusRegion(el)), 'not on every keystroke').to.equal('');
      await waitUntil(() => text(statusRegion(el)) !== '', 'announced after a pause', { timeout: 3000 });
      expect(text(statusRegion(el))).to.equal('1,197 characters left');
    });

    it('allows 1,200 characters (code points), marks more as too many and does not send them', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
      );
      radios(el)[3]!.click();
      // 1,199 letters and one emoji (two UTF-16 units): 1,200 characters.
      await paste(el, `${'a'.repeat(1199)}😀`);
      expect(text(part(el, 'count'))).to.equal('0 characters left');
      textarea(el).focus();
      await type('b');
      expect(text(part(el, 'count'))).to.equal('1 character too many');
      expect(part(el, 'count').classList.contains('over')).to.equal(true);

      part(el, 'send').click();
      await waitUntil(() => focused() === 'textarea#comment[part=input]', 'focus moves to the text field');
      expect(transport.sent).to.have.length(0);
      const field = textarea(el);
      expect(field.getAttribute('aria-invalid')).to.equal('true');
      const error = part(el, 'error');
      expect(text(error)).to.equal('Error: Shorten your text to 1,200 characters or fewer');
      expect(field.getAttribute('aria-describedby')!.split(' ')).to.include(error.id);

      await sendKeys({ press: 'Backspace' });
      await el.updateComplete;
      expect(has(el, 'error'), 'fixed: the error goes').to.equal(false);
      part(el, 'send').click();
      await waitUntil(() => transport.sent.length === 1);
      expect([...transport.sent[0]!.comment!].length).to.equal(1200);
    });
  });

  describe('texts', () => {
    it('has the English and Swedish default wording, and sends the UI locale', async () => {
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(html`<es-feedback
        .transport=${transport}
        service-id="fault-report"
        reference=${newReference()}
        contact-url="https://kommun.example/kontakt"
        accessibility-report-url="https://kommun.example/tillganglighet"
      ></es-feedback>`);
      const snapshot = () => ({
        lang: part(el, 'base').getAttribute('lang'),
        heading: text(part(el, 'heading')),
        question: text(part(el, 'question')),
        options: parts(el, 'option').map(text),
        label: text(part(el, 'label')),
        hint: text(part(el, 'help-text')),
        count: text(part(el, 'count')),
        send: text(part(el, 'send')),
        link: text(part(el, 'link')),
      });
      expect(snapshot()).to.deep.equal({
        lang: 'en',
        heading: 'Help us improve this e-service',
        question: 'Overall, how satisfied are you with this e-service?',
        options: ['Very dissatisfied', 'Dissatisfied', 'Neither satisfied nor dissatisfied', 'Satisfied', 'Very satisfied'],
        label: 'How could we improve it? (optional)',
        hint: 'No personal details, please. Questions about your case: contact us.',
        count: '1,200 characters left',
        send: 'Send',
        link: 'Report an accessibility problem',
      });
      expect(part(el, 'link').getAttribute('href')).to.equal('https://kommun.example/tillganglighet');
      expect(part(el, 'help-text').querySelector('a')!.getAttribute('href')).to.equal('https://kommun.example/kontakt');

      await setupLocalization().setLocale('sv');
      await el.updateComplete;
      expect(snapshot()).to.deep.equal({
        lang: 'sv',
        heading: 'Hjälp oss att förbättra e-tjänsten',
        question: 'Hur nöjd är du med e-tjänsten som helhet?',
        options: ['Mycket missnöjd', 'Missnöjd', 'Varken nöjd eller missnöjd', 'Nöjd', 'Mycket nöjd'],
        label: 'Vad kan vi göra bättre? (frivilligt)',
        hint: 'Skriv inga personuppgifter. Frågor om ditt ärende: kontakta oss.',
        count: '1 200 tecken kvar',
        send: 'Skicka',
        link: 'Rapportera brist i tillgänglighet',
      });

      // A no-break space groups the digits: the number never wraps.
      expect(part(el, 'count').textContent).to.contain('1\u00a0200');

      await rateAndSend(el, transport);
      expect(transport.sent[0]!.locale).to.equal('sv');
      await waitUntil(() => thanksShown(el));
      expect(text(part(el, 'heading'))).to.equal('Tack! Vi läser alla svar.');
    });

    it('has the thumbs wording in both languages', async () => {
      const el = await fixture<EsFeedback>(
        html`<es-feedback .transport=${new FakeTransport()} variant="thumbs" topic="/sida"></es-feedback>`,
      );
      const words = () => [text(part(el, 'question')), ...parts(el, 'answer').map(text)];
      expect(words()).to.deep.equal(['Was this page helpful?', 'Yes', 'No']);
      await setupLocalization().setLocale('sv');
      await el.updateComplete;
      expect(words()).to.deep.equal(['Fick du hjälp av sidan?', 'Ja', 'Nej']);
    });

    it('uses wording overrides per id and locale, and the default where an override is missing', async () => {
      const wording: EsFeedbackWording = {
        'es-feedback.heading': { sv: 'Tyck till om bygglovet', en: 'Tell us about the building permit' },
        'es-feedback.scale.3': { sv: 'Varken eller' },
        'es-feedback.thanks': { en: 'Thanks!' },
      };
      const transport = new FakeTransport();
      const el = await fixture<EsFeedback>(html`<es-feedback
        .transport=${transport}
        .wording=${{ ...wording, 'not-an-id': { en: 'ignored' } }}
        service-id="building-permit"
        reference=${newReference()}
      ></es-feedback>`);
      expect(text(part(el, 'heading'))).to.equal('Tell us about the building permit');
      expect(text(parts(el, 'option')[2]!)).to.equal('Neither satisfied nor dissatisfied');
      expect(el.shadowRoot!.textContent).to.not.contain('ignored');

      await setupLocalization().setLocale('sv');
      await el.updateComplete;
      expect(text(part(el, 'heading'))).to.equal('Tyck till om bygglovet');
      expect(text(parts(el, 'option')[2]!)).to.equal('Varken eller');

      await setupLocalization().setLocale('en');
      await rateAndSend(el, transport);
      await waitUntil(() => thanksShown(el));
      expect(text(part(el, 'heading'))).to.equal('Thanks!');
      await setupLocalization().setLocale('sv');
      await el.updateComplete;
      expect(text(part(el, 'heading')), 'no sv override: the default').to.equal('Tack! Vi läser alla svar.');
    });
  });

  describe('layout and contrast', () => {
    it('gives radios and buttons targets of at least 24×24 px on a 10 px page', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="font-size: 10px">
        <es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>
        <es-feedback .transport=${new FakeTransport()} variant="thumbs" topic="/sida"></es-feedback>
      </div>`);
      const [rating, thumbs] = [...wrapper.querySelectorAll('es-feedback')] as EsFeedback[];
      for (const target of [...radios(rating!), part(rating!, 'send'), ...parts(thumbs!, 'answer')]) {
        const rect = target.getBoundingClientRect();
        expect(rect.width, target.outerHTML.slice(0, 40)).to.be.at.least(24);
        expect(rect.height, target.outerHTML.slice(0, 40)).to.be.at.least(24);
      }
    });

    it('sets controls in the page font size (16 px on a 16 px page), in em', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="font: 16px Georgia, serif">
        <es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>
      </div>`);
      const el = wrapper.querySelector('es-feedback')!;
      for (const control of [textarea(el), part(el, 'send'), radios(el)[0]!.closest('label')!]) {
        expect(getComputedStyle(control).fontSize).to.equal('16px');
        expect(getComputedStyle(control).fontFamily).to.contain('Georgia');
      }
    });

    it('puts the radio buttons at the inline start, also right to left', async () => {
      const place = async (dir: 'ltr' | 'rtl') => {
        const wrapper = await fixture<HTMLDivElement>(html`<div dir=${dir}>
          <es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>
        </div>`);
        const el = wrapper.querySelector('es-feedback')!;
        const option = parts(el, 'option')[0]!;
        return { radio: option.querySelector('input')!.getBoundingClientRect(), label: option.querySelector('span')!.getBoundingClientRect() };
      };
      const ltr = await place('ltr');
      expect(ltr.radio.right).to.be.at.most(ltr.label.left);
      const rtl = await place('rtl');
      expect(rtl.radio.left).to.be.at.least(rtl.label.right);
    });

    describe('forced colours (Windows high contrast)', () => {
      before(async () => {
        await executeServerCommand('es-forced-colors', { active: true });
      });
      after(async () => {
        await executeServerCommand('es-forced-colors', { active: false });
      });

      it('keeps the native radio scale and a Highlight focus ring', async () => {
        expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
        const wrapper = await fixture<HTMLDivElement>(html`<div>
          <button id="before">Before</button>
          <es-feedback .transport=${new FakeTransport()} service-id="fault-report" reference=${newReference()}></es-feedback>
        </div>`);
        const el = wrapper.querySelector('es-feedback')!;
        for (const radio of radios(el)) {
          const style = getComputedStyle(radio);
          expect(style.appearance, 'drawn by the system').to.equal('auto');
          expect(style.forcedColorAdjust).to.equal('auto');
          expect(radio.getBoundingClientRect().width).to.be.at.least(24);
        }
        wrapper.querySelector<HTMLElement>('#before')!.focus();
        await sendKeys({ press: 'Tab' });
        expect(focused()).to.equal('input[value=1]');
        const ring = getComputedStyle(radios(el)[0]!);
        expect(ring.outlineStyle).to.equal('solid');
        expect(parseFloat(ring.outlineWidth)).to.be.greaterThan(0);
        expect(ring.outlineColor).to.equal(systemColor('Highlight'));
      });

      it('keeps the send button and its sending state visible', async () => {
        const pending = deferred<Result>();
        const transport = new FakeTransport(pending.promise);
        const el = await fixture<EsFeedback>(
          html`<es-feedback .transport=${transport} service-id="fault-report" reference=${newReference()}></es-feedback>`,
        );
        const send = part(el, 'send');
        expect(parseFloat(getComputedStyle(send).borderTopWidth)).to.be.greaterThan(0);
        await rateAndSend(el, transport);
        await el.updateComplete;
        const sending = getComputedStyle(send);
        expect(sending.borderTopStyle).to.equal('dashed');
        expect(sending.color).to.equal(systemColor('GrayText'));
        pending.resolve({ ok: true, value: { id: 'fb-6' } });
        await waitUntil(() => thanksShown(el));
      });
    });
  });
});
