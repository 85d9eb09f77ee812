import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, sendKeys } from '@web/test-runner-commands';
import { setupLocalization } from '../../localization.js';
import type { EsDismissEvent } from '../../events/es-dismiss.js';
import type { EsMessageLive, EsMessageVariant } from './es-message.component.js';
import './es-message.js';
import type { EsMessage } from './es-message.js';

const variants: EsMessageVariant[] = ['error', 'warning', 'info', 'success'];

/** The live-region role, or null when the message is not a live region. */
const liveRole = (el: EsMessage): string | null => {
  const regions = el.shadowRoot!.querySelectorAll('[role="alert"], [role="status"], [aria-live]');
  expect(regions.length, 'at most one live region').to.be.at.most(1);
  return regions[0]?.getAttribute('role') ?? null;
};

interface LiveSnapshot {
  node: Element;
  role: string | null;
  /** Child elements in the container (0: empty). */
  children: number;
  /** Its text at the time. */
  text: string;
  /** Animation frames since watching began. */
  frame: number;
}

/** Records the live container after every DOM change in the shadow root, with the frame it happened in. */
const watchLiveRegion = (el: EsMessage) => {
  const snapshots: LiveSnapshot[] = [];
  let frame = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    frame++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  const observer = new MutationObserver(() => {
    const node = el.shadowRoot!.querySelector('.content')!;
    snapshots.push({
      node,
      role: node.getAttribute('role'),
      children: node.childElementCount,
      text: node.textContent!.trim(),
      frame,
    });
  });
  observer.observe(el.shadowRoot!, { childList: true, subtree: true, attributes: true });
  return {
    snapshots,
    stop: () => {
      running = false;
      observer.disconnect();
    },
  };
};

/** The language a node is in: the nearest `lang` up the composed tree (slotted nodes follow their light-DOM parents). */
const langOf = (node: Node): string | null => {
  for (let current: Node | null = node; current; current = current instanceof ShadowRoot ? current.host : current.parentNode) {
    if (current instanceof Element && current.hasAttribute('lang')) return current.getAttribute('lang');
  }
  return null;
};

/**
 * The focused element, through shadow roots, as `tag#id` or `tag[part=x]`:
 * strings keep a failing assertion readable (and cheap to report).
 */
const focused = (): string => {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (!active) return 'nothing';
  const partName = active.getAttribute('part');
  return `${active.localName}${active.id ? `#${active.id}` : ''}${partName ? `[part=${partName}]` : ''}`;
};

/** The resolved value of a system colour such as CanvasText. */
const systemColor = (name: string): string => {
  const probe = document.createElement('span');
  probe.style.color = name;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
};

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
    it('by default announces errors assertively (alert), success politely (status), and leaves info and warning static', async () => {
      const expected: Record<EsMessageVariant, string | null> = { error: 'alert', success: 'status', info: null, warning: null };
      for (const variant of variants) {
        const el = await fixture<EsMessage>(html`<es-message variant=${variant}>Text</es-message>`);
        expect(liveRole(el), variant).to.equal(expected[variant]);
        expect(el.live).to.equal('auto');
      }
    });

    it('lets the live attribute override the default for every variant', async () => {
      const expected: Record<string, string | null> = { assertive: 'alert', polite: 'status', off: null };
      for (const live of ['assertive', 'polite', 'off'] as EsMessageLive[]) {
        for (const variant of variants) {
          const el = await fixture<EsMessage>(html`<es-message variant=${variant} live=${live}>Text</es-message>`);
          expect(liveRole(el), `${variant} live=${live}`).to.equal(expected[live]);
        }
      }
      const bogus = await fixture<EsMessage>(html`<es-message variant="error" live="loud">Text</es-message>`);
      expect(liveRole(bogus), 'unknown live value counts as auto').to.equal('alert');
    });

    for (const [variant, role] of [
      ['error', 'alert'],
      ['success', 'status'],
    ] as const) {
      it(`renders the ${role} region empty first and fills it after a frame (${variant})`, async () => {
        const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
        const el = document.createElement('es-message');
        el.variant = variant;
        el.heading = 'Heading';
        el.textContent = 'Body.';
        wrapper.append(el);
        const { snapshots, stop } = watchLiveRegion(el);
        await el.updateComplete;
        stop();

        const first = snapshots[0]!;
        expect(first.role).to.equal(role);
        expect(first.children, 'empty when created').to.equal(0);
        expect(first.text).to.equal('');
        expect(first.frame, 'created in the first render').to.equal(0);

        const filledAt = snapshots.findIndex((snapshot) => snapshot.children > 0);
        expect(filledAt, 'filled later').to.be.greaterThan(0);
        const filled = snapshots[filledAt]!;
        expect(filled.node === first.node, 'the same node is filled').to.equal(true);
        expect(filled.role).to.equal(role);
        expect(filled.frame, 'after a frame was rendered').to.be.at.least(1);
        expect(spokenText(el)).to.equal(`${variant === 'error' ? 'Error:' : 'Success:'} Heading Body.`);
      });
    }

    it('renders a static notice at once, without a live region', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div></div>`);
      const el = document.createElement('es-message');
      el.variant = 'info';
      el.textContent = 'Opening hours.';
      wrapper.append(el);
      const { snapshots, stop } = watchLiveRegion(el);
      await el.updateComplete;
      stop();
      expect(snapshots[0]!.children).to.be.greaterThan(0);
      expect(snapshots.every((snapshot) => snapshot.role === null)).to.equal(true);
    });

    it('starts a fresh, empty live node when the variant changes the role', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="error">Could not send.</es-message>`);
      const before = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(before.childElementCount).to.be.greaterThan(0);

      const { snapshots, stop } = watchLiveRegion(el);
      el.variant = 'success';
      await el.updateComplete;
      stop();

      expect(before.isConnected, 'the alert node is gone').to.equal(false);
      const first = snapshots[0]!;
      expect(first.node === before, 'a new node').to.equal(false);
      expect(first.role).to.equal('status');
      expect(first.children, 'the new node starts empty').to.equal(0);
      const last = snapshots.at(-1)!;
      expect(last.node === first.node, 'the new node is filled').to.equal(true);
      expect(last.children).to.be.greaterThan(0);
      expect(last.frame).to.be.at.least(1);
      expect(liveRole(el)).to.equal('status');
    });

    it('starts a fresh node when live changes the role, and keeps the node when the role stays', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="info" live="polite">Text</es-message>`);
      const status = el.shadowRoot!.querySelector('[role="status"]')!;
      el.variant = 'success';
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[role="status"]') === status, 'same role, same node').to.equal(true);
      el.live = 'assertive';
      await el.updateComplete;
      expect(status.isConnected).to.equal(false);
      expect(liveRole(el)).to.equal('alert');
    });

    it('empties the live region while hidden and fills it again after a frame when shown', async () => {
      const el = await fixture<EsMessage>(html`<es-message variant="error">Network error.</es-message>`);
      el.hidden = true;
      await el.updateComplete;
      const region = el.shadowRoot!.querySelector('[role="alert"]')!;
      expect(region.childElementCount, 'empty while hidden').to.equal(0);

      const { snapshots, stop } = watchLiveRegion(el);
      el.hidden = false;
      expect(region.childElementCount, 'still empty when shown').to.equal(0);
      await el.updateComplete;
      stop();
      const filled = snapshots.find((snapshot) => snapshot.children > 0)!;
      expect(filled.node === region, 'the same node').to.equal(true);
      expect(filled.frame).to.be.at.least(1);
    });

    it('announces again when moved to another place in the page', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><es-message variant="error">Text</es-message><div></div></div>`);
      const el = wrapper.querySelector('es-message')!;
      await el.updateComplete;
      const { snapshots, stop } = watchLiveRegion(el);
      wrapper.lastElementChild!.append(el);
      await el.updateComplete;
      stop();
      expect(snapshots[0]!.children, 'emptied on reconnection').to.equal(0);
      expect(snapshots.at(-1)!.children).to.be.greaterThan(0);
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
      expect(liveRole(el)).to.equal(null);
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

    it('marks its own UI strings with the UI language, and leaves slotted content in the page language', async () => {
      const { setLocale } = setupLocalization();
      await setLocale('sv');
      try {
        const wrapper = await fixture<HTMLDivElement>(html`
          <div lang="fi">
            <es-message variant="error" dismissible .details=${['Nimi']}><p>Lähetys epäonnistui.</p></es-message>
            <es-message variant="warning" heading="Huomio" heading-level="2">Tarkista tiedot.</es-message>
          </div>
        `);
        const [plain, withHeading] = [...wrapper.querySelectorAll('es-message')] as EsMessage[];
        await Promise.all([plain!.updateComplete, withHeading!.updateComplete]);
        const prefix = (el: EsMessage) => el.shadowRoot!.querySelector('.visually-hidden')!;

        expect(prefix(plain!).textContent!.trim()).to.equal('Fel:');
        expect(langOf(prefix(plain!).firstChild!), 'prefix "Fel:"').to.equal('sv');
        expect(langOf(part(plain!, 'dismiss')), 'dismiss button name').to.equal('sv');
        expect(langOf(plain!.querySelector('p')!.firstChild!), 'slotted text').to.equal('fi');
        expect(langOf(part(plain!, 'details').querySelector('li')!), 'details (author text)').to.equal('fi');
        expect(langOf(prefix(withHeading!)), 'prefix in a heading').to.equal('sv');
        for (const name of ['base', 'heading', 'body', 'details']) {
          const found = plain!.shadowRoot!.querySelector(`[part~="${name}"]`);
          if (found) expect(found.hasAttribute('lang'), `no lang on part ${name}`).to.equal(false);
        }
        expect(part(withHeading!, 'heading').hasAttribute('lang')).to.equal(false);

        await setLocale('en');
        await plain!.updateComplete;
        expect(langOf(prefix(plain!)), 'follows the UI locale').to.equal('en');
        expect(langOf(part(plain!, 'dismiss'))).to.equal('en');
      } finally {
        await setLocale('en');
      }
    });
  });

  describe('dismiss', () => {
    it('has no dismiss button unless dismissible', async () => {
      const el = await fixture<EsMessage>(html`<es-message>Text</es-message>`);
      expect(el.shadowRoot!.querySelector('button')).to.equal(null);
    });

    for (const key of ['Enter', 'Space']) {
      it(`fires es-dismiss, hides and moves focus to the next control on Tab + ${key}`, async () => {
        const wrapper = await fixture<HTMLDivElement>(html`
          <div>
            <button id="before">Before</button>
            <es-message variant="warning" dismissible>Text</es-message>
            <p>Not focusable.</p>
            <a id="after" href="#after">After</a>
          </div>
        `);
        const el = wrapper.querySelector('es-message')!;
        const events: EsDismissEvent[] = [];
        document.addEventListener('es-dismiss', (e) => events.push(e), { once: true });
        wrapper.querySelector<HTMLElement>('#before')!.focus();
        await sendKeys({ press: 'Tab' });
        expect(focused()).to.equal('button[part=dismiss]');
        await sendKeys({ press: key });
        expect(events).to.have.length(1);
        const event = events[0]!;
        expect(event.detail).to.deep.equal({ variant: 'warning' });
        expect(event.bubbles).to.equal(true);
        expect(event.composed).to.equal(true);
        expect(el.hidden).to.equal(true);
        expect(getComputedStyle(el).display).to.equal('none');
        expect(focused(), 'focus is not lost to <body>').to.equal('a#after');
        // And the keyboard user goes on from there.
        await sendKeys({ down: 'Shift' });
        await sendKeys({ press: 'Tab' });
        await sendKeys({ up: 'Shift' });
        expect(focused()).to.equal('button#before');
      });
    }

    it('moves focus to the previous control when nothing focusable follows', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div><a id="before" href="#before">Before</a><es-message dismissible>Text</es-message><p>The end.</p></div>
      `);
      const el = wrapper.querySelector('es-message')!;
      wrapper.querySelector<HTMLElement>('#before')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button[part=dismiss]');
      await sendKeys({ press: 'Enter' });
      expect(focused()).to.equal('a#before');
    });

    it('moves focus to a focusable container (tabindex="-1") when there is no other control', async () => {
      const wrapper = await fixture<HTMLElement>(html`
        <section id="messages" tabindex="-1" aria-label="Messages"><es-message dismissible>Text</es-message></section>
      `);
      const el = wrapper.querySelector('es-message')!;
      part(el, 'dismiss').focus();
      await sendKeys({ press: 'Space' });
      expect(el.hidden).to.equal(true);
      expect(focused()).to.equal('section#messages');
    });

    it('skips disabled, hidden and inert controls', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div>
          <es-message dismissible>Text</es-message>
          <button disabled>Disabled</button>
          <button hidden>Hidden</button>
          <span style="visibility: hidden"><a href="#x">Invisible</a></span>
          <div inert><button>Inert</button></div>
          <span tabindex="-1">Not in the tab order</span>
          <input id="target" aria-label="Target" />
        </div>
      `);
      const el = wrapper.querySelector('es-message')!;
      part(el, 'dismiss').focus();
      await sendKeys({ press: 'Enter' });
      expect(focused()).to.equal('input#target');
    });

    it('skips focusable content inside the message itself', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div>
          <es-message dismissible>Read <a href="#terms">the terms</a>.</es-message>
          <button id="next">Next</button>
        </div>
      `);
      const el = wrapper.querySelector('es-message')!;
      wrapper.querySelector<HTMLElement>('a')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button[part=dismiss]');
      await sendKeys({ press: 'Enter' });
      expect(focused()).to.equal('button#next');
    });

    it('finds the next control inside a shadow root (a message rendered by another element)', async () => {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      const root = host.attachShadow({ mode: 'open' });
      root.innerHTML = '<es-message dismissible>Text</es-message><label>Name <input id="name"></label>';
      const el = root.querySelector('es-message')!;
      await el.updateComplete;
      part(el, 'dismiss').focus();
      await sendKeys({ press: 'Enter' });
      expect(el.hidden).to.equal(true);
      expect(focused()).to.equal('input#name');
    });

    it('keeps focus where an es-dismiss listener put it', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`
        <div>
          <label>Name <input id="field" /></label>
          <es-message variant="error" dismissible>Enter your name.</es-message>
          <button id="next">Next</button>
        </div>
      `);
      const el = wrapper.querySelector('es-message')!;
      const field = wrapper.querySelector<HTMLInputElement>('#field')!;
      el.addEventListener('es-dismiss', () => field.focus());
      part(el, 'dismiss').focus();
      await sendKeys({ press: 'Enter' });
      expect(el.hidden).to.equal(true);
      expect(focused()).to.equal('input#field');
    });

    it('stays visible, with focus on its button, when es-dismiss is cancelled', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><es-message dismissible>Text</es-message><button>Next</button></div>`);
      const el = wrapper.querySelector('es-message')!;
      el.addEventListener('es-dismiss', (e) => e.preventDefault());
      part(el, 'dismiss').focus();
      setTimeout(() => void sendKeys({ press: 'Enter' }));
      const event = await oneEvent(el, 'es-dismiss');
      expect(event.defaultPrevented).to.equal(true);
      expect(el.hidden).to.equal(false);
      expect(focused()).to.equal('button[part=dismiss]');
    });

    it('does not take focus from elsewhere when clicked without focus inside', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><input id="other" aria-label="Other" /><es-message dismissible>Text</es-message><button>Next</button></div>`);
      const el = wrapper.querySelector('es-message')!;
      const other = wrapper.querySelector<HTMLInputElement>('#other')!;
      other.focus();
      part(el, 'dismiss').click();
      expect(el.hidden).to.equal(true);
      expect(focused()).to.equal('input#other');
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

  describe('forced colours (Windows high contrast)', () => {
    before(async () => {
      await executeServerCommand('es-forced-colors', { active: true });
    });
    after(async () => {
      await executeServerCommand('es-forced-colors', { active: false });
    });

    it('is emulated', () => {
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    });

    for (const variant of variants) {
      it(`keeps the border, icon and text of ${variant} visible in system colours`, async () => {
        const el = await fixture<EsMessage>(
          html`<es-message variant=${variant} heading="Heading" dismissible>Text</es-message>`,
        );
        const canvasText = systemColor('CanvasText');
        const canvas = systemColor('Canvas');
        expect(canvasText).not.to.equal(canvas);
        const base = getComputedStyle(part(el, 'base'));
        for (const side of ['Top', 'Right', 'Bottom', 'Left'] as const) {
          expect(base[`border${side}Color`], `border-${side.toLowerCase()}-color`).to.equal(canvasText);
          expect(parseFloat(base[`border${side}Width`]), `border-${side.toLowerCase()}-width`).to.be.greaterThan(0);
          expect(base[`border${side}Style`]).to.equal('solid');
        }
        expect(base.backgroundColor, 'background').to.equal(canvas);
        expect(getComputedStyle(part(el, 'body')).color, 'text').to.equal(canvasText);
        expect(getComputedStyle(part(el, 'body')).webkitTextFillColor, 'text fill').to.equal(canvasText);

        const icon = part(el, 'icon');
        expect(getComputedStyle(icon).color, 'icon').to.equal(canvasText);
        const strokes = [...icon.querySelectorAll('path, circle')].map((shape) => getComputedStyle(shape).stroke);
        expect(strokes.some((stroke) => stroke === canvasText), 'icon strokes').to.equal(true);
        expect(strokes.every((stroke) => stroke === canvasText || stroke === 'none')).to.equal(true);

        const dismiss = getComputedStyle(part(el, 'dismiss'));
        expect(dismiss.borderTopColor, 'dismiss button border').to.equal(systemColor('ButtonText'));
        expect(dismiss.color, 'dismiss button icon').to.equal(systemColor('ButtonText'));
      });
    }

    it('uses system colours over the dark theme too (theme="dark", .es-theme-dark, theme="auto")', async () => {
      await emulateMedia({ colorScheme: 'dark' });
      try {
        expect(matchMedia('(prefers-color-scheme: dark)').matches && matchMedia('(forced-colors: active)').matches).to.equal(true);
        const wrapper = await fixture<HTMLDivElement>(html`
          <div>
            <es-message variant="error" theme="dark">Text</es-message>
            <div class="es-theme-dark"><es-message variant="success">Text</es-message></div>
            <es-message variant="info" theme="auto">Text</es-message>
          </div>
        `);
        const canvasText = systemColor('CanvasText');
        const canvas = systemColor('Canvas');
        for (const el of wrapper.querySelectorAll('es-message')) {
          await el.updateComplete;
          const label = el.outerHTML.slice(0, 40);
          const base = getComputedStyle(part(el, 'base'));
          expect(base.borderTopColor, `${label} border`).to.equal(canvasText);
          expect(base.backgroundColor, `${label} background`).to.equal(canvas);
          const text = getComputedStyle(part(el, 'body'));
          expect(text.color, `${label} text`).to.equal(canvasText);
          // The specified colour, not only the one Chromium forces at paint
          // time: contrast checkers (axe) read -webkit-text-fill-color.
          expect(text.webkitTextFillColor, `${label} text fill`).to.equal(canvasText);
          expect(getComputedStyle(part(el, 'icon')).color, `${label} icon`).to.equal(canvasText);
        }
      } finally {
        await emulateMedia({ colorScheme: 'light' });
      }
    });

    it('shows the focus ring in the Highlight colour', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div><button>Before</button><es-message dismissible>Text</es-message></div>`);
      const el = wrapper.querySelector('es-message')!;
      wrapper.querySelector('button')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(focused()).to.equal('button[part=dismiss]');
      const style = getComputedStyle(part(el, 'dismiss'));
      expect(style.outlineStyle).to.equal('solid');
      expect(parseFloat(style.outlineWidth)).to.be.greaterThan(0);
      expect(style.outlineColor).to.equal(systemColor('Highlight'));
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
