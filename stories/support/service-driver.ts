// Puts an <es-service> into a given state before a story shows it: the element is made,
// loaded and driven (typing, choosing, pressing its buttons, as a citizen would) in a
// story loader, and the story renders that very element. Everything asynchronous is
// over before the story renders, so what Storybook shows, and what scripts/story-axe.mjs
// checks, is the finished state, never a half-way one.
//
// Stories run one after another in one tab, and the element keeps drafts (and
// <es-feedback> its "already answered" marks) in sessionStorage: every preparation
// starts from clean storage and cleans up after itself, so no story sees another's draft.
import type { Transport } from '@eservice-kit/core';
import '../../packages/elements/src/components/es-service/es-service.js';
import type { EsService } from '../../packages/elements/src/components/es-service/es-service.component.js';
import { setupLocalization } from '../../packages/elements/src/localization.js';
import type { UiLocale } from '../../packages/elements/src/localization.js';

/** The day every story pretends it is (date rules, expected dates). */
export const STORY_TODAY = '2026-05-01';

export interface ServiceSetup {
  /** Attributes as a page would write them: `service`, `no-intro`, `heading-level`, `theme`, `events`… */
  readonly attributes?: Readonly<Record<string, string | boolean | number | undefined>>;
  readonly definition?: unknown;
  readonly validator?: unknown;
  readonly transport?: Transport;
  /** Default {@link STORY_TODAY}. */
  readonly today?: string;
  /** Called with the element once it has loaded (or failed to): brings it into the state to show. */
  readonly drive?: (element: EsService) => Promise<void>;
  /** Called before the element is connected, e.g. to listen to its events from the start. */
  readonly beforeConnect?: (element: EsService) => void;
  /**
   * An earlier visit: an element like this one is driven by it and then removed (as a
   * reload would), keeping its draft, before the element shown is made.
   */
  readonly earlierVisit?: (element: EsService) => Promise<void>;
}

const STORAGE_PREFIX = 'eservice-kit';

/** Removes eservice-kit's drafts and feedback marks from both Web Storages. */
export function clearStoredState(): void {
  for (const storage of [globalThis.sessionStorage, globalThis.localStorage]) {
    try {
      for (const key of Object.keys(storage)) if (key.startsWith(STORAGE_PREFIX)) storage.removeItem(key);
    } catch {
      // Storage blocked: nothing was kept either.
    }
  }
}

/** Polls until `check` returns something truthy; throws after `timeoutMs` naming `what`. */
export async function until<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`es-service story: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const shadow = (element: EsService): ShadowRoot => {
  if (!element.shadowRoot) throw new Error('es-service story: the element has no shadow root');
  return element.shadowRoot;
};

/**
 * Waits for the element to finish rendering, and the elements it rendered too. Not
 * <es-message>: its `updateComplete` waits for an animation frame (it fills its live
 * region a frame late), and a page in the background gets none.
 */
export async function settle(element: EsService): Promise<void> {
  await element.updateComplete;
  const nested = [...shadow(element).querySelectorAll('*')].filter((node) => node.localName.startsWith('es-') && node.localName !== 'es-message') as unknown as {
    updateComplete?: Promise<unknown>;
  }[];
  await Promise.all(nested.map((node) => node.updateComplete));
  await element.updateComplete;
}

/** The control(s) of a field, found by the answer's JSON Pointer (their `name`). */
function controls(element: EsService, pointer: string): HTMLElement[] {
  const found = [...shadow(element).querySelectorAll<HTMLElement>(`[name="${CSS.escape(pointer)}"]`)];
  if (found.length === 0) throw new Error(`es-service story: no control for ${pointer}`);
  return found;
}

/** Types `text` into a text field (as one input event) and, unless `leave` is false, leaves it. */
export async function type(element: EsService, pointer: string, text: string, { leave = true } = {}): Promise<void> {
  const field = controls(element, pointer)[0] as HTMLInputElement | HTMLTextAreaElement;
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  if (leave) field.dispatchEvent(new FocusEvent('blur'));
  await settle(element);
}

/**
 * Chooses an answer: the radio button or option whose value is `value`, ticks a checkbox
 * (`true`), or ticks each of a list of values in a checkbox group.
 */
export async function choose(element: EsService, pointer: string, value: unknown): Promise<void> {
  const found = controls(element, pointer);
  const first = found[0]!;
  if (first instanceof HTMLSelectElement) {
    first.value = JSON.stringify(value);
    first.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
  } else if (first instanceof HTMLInputElement && first.type === 'checkbox' && found.length === 1 && typeof value === 'boolean') {
    if (first.checked !== value) first.click();
  } else {
    for (const wanted of Array.isArray(value) ? value : [value]) {
      const input = found.find((candidate) => (candidate as HTMLInputElement).value === JSON.stringify(wanted)) as HTMLInputElement | undefined;
      if (!input) throw new Error(`es-service story: no choice ${JSON.stringify(wanted)} for ${pointer}`);
      if (!input.checked) input.click();
    }
  }
  await settle(element);
}

/** Presses a button of the element: the primary one (Start, Continue, Send) unless a selector is given. */
export async function press(element: EsService, selector = '[part~="button-primary"]'): Promise<void> {
  const button = await until(() => shadow(element).querySelector<HTMLElement>(selector), `a button ${selector}`);
  button.click();
  await settle(element);
}

/** Whether the element shows `selector` (in its shadow root). */
export const has = (element: EsService, selector: string): boolean => shadow(element).querySelector(selector) !== null;

/** Waits until the element shows `selector` (in its shadow root). */
export async function shows(element: EsService, selector: string): Promise<void> {
  await until(() => has(element, selector), `${selector} to appear`);
  await settle(element);
}

/** The nested <es-feedback> of a receipt, its shadow root ready. */
export async function feedbackPrompt(element: EsService): Promise<HTMLElement & { updateComplete: Promise<unknown> }> {
  const prompt = await until(() => shadow(element).querySelector('es-feedback') as (HTMLElement & { updateComplete: Promise<unknown> }) | null, 'the feedback prompt');
  await prompt.updateComplete;
  return prompt;
}

// What had focus when the element was prepared, to give it back once shown (play).
const focusWithin = new WeakMap<EsService, string>();

/** Gives focus back to what had it while the element was prepared (story `play`). */
export function restoreFocus(element: EsService | undefined): void {
  const id = element ? focusWithin.get(element) : undefined;
  if (!element || !id) return;
  shadow(element).getElementById(id)?.focus({ preventScroll: true });
}

// Preparations run one at a time (a docs page renders every story at once), so one
// element's draft is never restored by another.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Makes an <es-service> as the setup says, in `locale`, waits until it has loaded, drives
 * it, and returns it detached, ready for a story to render.
 */
export function prepareService(setup: ServiceSetup, locale: UiLocale): Promise<EsService> {
  const run = queue.then(() => prepare(setup, locale));
  queue = run.catch(() => undefined);
  return run;
}

async function prepare(setup: ServiceSetup, locale: UiLocale): Promise<EsService> {
  // The story about to be replaced: take its element away first (it saves its draft
  // as it goes), so the storage cleaned below stays clean.
  for (const old of document.querySelectorAll('#storybook-root es-service')) old.remove();
  clearStoredState();
  await setupLocalization().setLocale(locale);
  try {
    if (setup.earlierVisit) {
      const earlier = await load(setup);
      try {
        await setup.earlierVisit(earlier);
        await settle(earlier);
      } finally {
        detach(earlier); // keeps its draft, as closing the tab would
      }
    }
    const element = await load(setup);
    try {
      await setup.drive?.(element);
      await settle(element);
      const focused = element.shadowRoot?.activeElement?.id;
      if (focused) focusWithin.set(element, focused);
    } finally {
      detach(element);
    }
    return element;
  } finally {
    clearStoredState(); // whatever the elements saved on their way out
  }
}

/** Makes the element, connects it in an unseen holder and waits until it has loaded (or failed). */
async function load(setup: ServiceSetup): Promise<EsService> {
  const element = document.createElement('es-service');
  for (const [name, value] of Object.entries(setup.attributes ?? {})) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.today = setup.today ?? STORY_TODAY;
  if (setup.transport) element.transport = setup.transport;
  if (setup.definition !== undefined) element.definition = setup.definition;
  if (setup.validator !== undefined) element.validator = setup.validator;
  setup.beforeConnect?.(element);

  // A holder in the viewport (so nothing scrolls), unseen, while the element is driven.
  const holder = document.createElement('div');
  holder.style.cssText = 'position: fixed; inset-block-start: 0; inset-inline-start: 0; inline-size: 40em; opacity: 0; pointer-events: none; z-index: -1';
  holder.append(element);
  document.body.append(holder);
  try {
    await until(() => element.shadowRoot && element.shadowRoot.childElementCount > 0 && !element.shadowRoot.querySelector('.loading'), 'the e-service to load');
    await settle(element);
  } catch (error) {
    detach(element);
    throw error;
  }
  return element;
}

/** Takes the element out of its holder (it saves its draft, as on leaving a page). */
function detach(element: EsService): void {
  const holder = element.parentElement;
  element.remove();
  holder?.remove();
}
