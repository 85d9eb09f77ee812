import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { setupLocalization } from '../../localization.js';
import type { EsDismissEvent } from '../../events/es-dismiss.js';
import type { EsMessageVariant } from './es-message.component.js';
import './es-message.js';
import type { EsMessage } from './es-message.js';

const variants: EsMessageVariant[] = ['error', 'warning', 'info', 'success'];

const part = (el: EsMessage, name: string): HTMLElement => {
  const found = el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
};

/** Text a screen reader gets from the shadow tree (slotted text included). */
const spokenText = (el: EsMessage): string => {
  const content = el.shadowRoot!.querySelector('.content')!;
  const walk = (node: Node): string => {
    if (node instanceof HTMLSlotElement) {
      const assigned = node.assignedNodes();
      return (assigned.length ? assigned : [...node.childNodes]).map(walk).join('');
    }
    if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
    if (node instanceof Element && (node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden'))) return '';
    return [...node.childNodes].map(walk).join('');
  };
  return walk(content).replace(/\s+/g, ' ').trim();
};

describe('es-message', () => {
  describe('accessibility', () => {
    for (const variant of variants) {
      it(`has no axe violations as ${variant} with heading, details and dismiss button`, async () => {
        const el = await fixture<EsMessage>(html`
          <es-message variant=${variant} heading="Heading" .details=${['First', 'Second']} dismissible>
            <p>Body text.</p>
          </es-message>
        `);
        await expect(el).to.be.accessible();
      });
    }

    it('has no axe violations with a real heading level', async () => {
      const el = await fixture<EsMessage>(html`<es-message heading="Saved" heading-level="2">Body</es-message>`);
      await expect(el).to.be.accessible();
      const heading = part(el, 'heading');
      expect(heading.getAttribute('role')).to.equal('heading');
      expect(heading.getAttribute('aria-level')).to.equal('2');
    });
  });

  describe('roles and announcements', () => {
    it('announces errors assertively (role=alert) and the rest politely (role=status)', async () => {
      for (const variant of variants) {
        const el = await fixture<EsMessage>(html`<es-message variant=${variant}>Text</es-message>`);
        const live = el.shadowRoot!.querySelector('.content')!;
        expect(live.getAttribute('role'), variant).to.equal(variant === 'error' ? 'alert' : 'status');
      }
    });

    it('keeps the dismiss button out of the live region', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="error" dismissible>Text</es-message>`);
      expect(el.shadowRoot!.querySelector('[role="alert"] button')).to.equal(null);
      expect(part(el, 'dismiss').closest('[role]')).to.equal(null);
    });

    it('speaks the variant before the text (English source strings)', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="error">Could not send.</es-message>`);
      expect(spokenText(el)).to.equal('Error: Could not send.');
    });

    it('puts the variant prefix in the heading when there is one', async () => {
      const el = await fixture<EsMessage>(
        html`<es-message variant="warning"><span slot="heading">Check your answers</span>Two fields need attention.</es-message>`,
      );
      expect(part(el, 'heading').hidden).to.equal(false);
      expect(part(el, 'heading').textContent).to.contain('Warning:');
      expect(spokenText(el)).to.equal('Warning: Check your answers Two fields need attention.');
    });

    it('hides the icon from assistive technology and hides an empty heading', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="success">Sent.</es-message>`);
      expect(part(el, 'icon').querySelector('svg')!.getAttribute('aria-hidden')).to.equal('true');
      expect(part(el, 'heading').hidden).to.equal(true);
    });

    it('treats an unknown variant as info', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="bogus">Text</es-message>`);
      expect(el.shadowRoot!.querySelector('.content')!.getAttribute('role')).to.equal('status');
      expect(spokenText(el)).to.equal('Information: Text');
    });

    it('lists details', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="error" .details=${['Name', 'E-mail']}>Fix:</es-message>`);
      const items = [...part(el, 'details').querySelectorAll('li')].map((li) => li.textContent);
      expect(items).to.deep.equal(['Name', 'E-mail']);
    });

    it('speaks Swedish once the locale is sv', async () => {
      const { setLocale } = setupLocalization();
      const el = await fixture<EsMessage>(html`<es-message variant="error" dismissible>Kunde inte skicka.</es-message>`);
      await setLocale('sv');
      await el.updateComplete;
      expect(spokenText(el)).to.equal('Fel: Kunde inte skicka.');
      expect(part(el, 'dismiss').getAttribute('aria-label')).to.equal('Stäng meddelandet');
      await setLocale('en');
      await el.updateComplete;
      expect(spokenText(el)).to.equal('Error: Kunde inte skicka.');
    });
  });

  describe('dismiss', () => {
    it('has no dismiss button unless dismissible', async () => {
      const el = await fixture<EsMessage>(html`<es-message>Text</es-message>`);
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    });

    for (const key of ['Enter', 'Space']) {
      it(`fires es-dismiss and hides on Tab + ${key}`, async () => {
        const el = await fixture<EsMessage>(html`<es-message variant="warning" dismissible>Text</es-message>`);
        const events: EsDismissEvent[] = [];
        document.addEventListener('es-dismiss', (e) => events.push(e), { once: true });
        await sendKeys({ press: 'Tab' });
        expect(el.shadowRoot!.activeElement).to.equal(part(el, 'dismiss'));
        await sendKeys({ press: key });
        expect(events).to.have.length(1);
        const event = events[0]!;
        expect(event.detail).to.deep.equal({ variant: 'warning' });
        expect(event.bubbles).to.equal(true);
        expect(event.composed).to.equal(true);
        expect(el.hidden).to.equal(true);
        expect(getComputedStyle(el).display).to.equal('none');
      });
    }

    it('stays visible when es-dismiss is cancelled', async () => {
      const el = await fixture<EsMessage>(html`<es-message dismissible>Text</es-message>`);
      el.addEventListener('es-dismiss', (e) => e.preventDefault());
      setTimeout(() => part(el, 'dismiss').click());
      const event = await oneEvent(el, 'es-dismiss');
      expect(event.defaultPrevented).to.equal(true);
      expect(el.hidden).to.equal(false);
    });

    it('does not fire es-dismiss on programmatic changes', async () => {
      const el = await fixture<EsMessage>(html`<es-message dismissible>Text</es-message>`);
      let fired = 0;
      el.addEventListener('es-dismiss', () => fired++);
      el.dismissible = false;
      el.hidden = true;
      await el.updateComplete;
      expect(fired).to.equal(0);
    });
  });

  describe('layout', () => {
    const iconAndText = async (dir: 'ltr' | 'rtl') => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div dir=${dir} style="inline-size: 30em"><es-message heading="Rubrik" dismissible>Text</es-message></div>`,
      );
      const el = wrapper.querySelector('es-message')!;
      await el.updateComplete;
      return {
        icon: part(el, 'icon').getBoundingClientRect(),
        body: part(el, 'body').getBoundingClientRect(),
        dismiss: part(el, 'dismiss').getBoundingClientRect(),
      };
    };

    it('puts the icon at the inline start and the dismiss button at the inline end', async () => {
      const ltr = await iconAndText('ltr');
      expect(ltr.icon.right).to.be.at.most(ltr.body.left);
      expect(ltr.dismiss.left).to.be.at.least(ltr.body.right);

      const rtl = await iconAndText('rtl');
      expect(rtl.icon.left).to.be.at.least(rtl.body.right);
      expect(rtl.dismiss.right).to.be.at.most(rtl.body.left);
    });

    it('inherits font family and size from the page but resets other text properties', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div style="font: 20px/3 Georgia, serif; letter-spacing: 3px; text-transform: uppercase">
          <es-message>Text</es-message>
        </div>
      `);
      const el = wrapper.querySelector('es-message')!;
      const style = getComputedStyle(part(el, 'body'));
      expect(style.fontFamily).to.contain('Georgia');
      expect(style.fontSize).to.equal('20px');
      expect(style.letterSpacing).to.equal('normal');
      expect(style.textTransform).to.equal('none');
      expect(style.lineHeight).to.equal('30px');
    });

    it('gives the dismiss button a target of at least 24×24 px', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div style="font-size: 10px"><es-message dismissible>Text</es-message></div>`,
      );
      const rect = part(wrapper.querySelector('es-message')!, 'dismiss').getBoundingClientRect();
      expect(rect.width).to.be.at.least(24);
      expect(rect.height).to.be.at.least(24);
    });

    it('switches to dark tokens with theme="dark" or a .es-theme-dark ancestor', async () => {
      const light = await fixture<EsMessage>(html`<es-message variant="info">Text</es-message>`);
      const dark = await fixture<EsMessage>(html`<es-message variant="info" theme="dark">Text</es-message>`);
      const wrapper = await fixture<HTMLDivElement>(
        html`<div class="es-theme-dark"><es-message variant="info">Text</es-message></div>`,
      );
      const bg = (el: EsMessage) => getComputedStyle(part(el, 'base')).backgroundColor;
      expect(bg(dark)).not.to.equal(bg(light));
      expect(bg(wrapper.querySelector('es-message')!)).to.equal(bg(dark));
    });
  });
});
