/**
 * Fills an `<es-service>` form with a set of answers by keyboard only, as a citizen without a
 * mouse would: Tab to move, typing into text fields, Space for checkboxes,
 * arrow keys in radio groups and selects, Enter on buttons. Nothing is clicked, no value is
 * set by script. Every control's `name` is the JSON Pointer of its answer; radios and
 * checkboxes of groups carry the JSON of their choice as `value`, options of selects too.
 *
 * On the way it records what a keyboard user would run into: a focused control without a
 * visible focus ring, focus lost after an answer, a value that cannot be set by keyboard.
 */
import type { CDPSession, Page } from 'puppeteer-core';
import { auditScreen, describeFocus, screenState, type FocusedControl, type ScreenAudit, type ScreenState } from './page-audit.js';

/** The keys the driver presses besides text: their DOM `key`, `code` and Windows key code. */
const NAMED_KEYS = {
  Tab: { key: 'Tab', code: 'Tab', keyCode: 9 },
  Enter: { key: 'Enter', code: 'Enter', keyCode: 13, text: '\r' },
  ' ': { key: ' ', code: 'Space', keyCode: 32, text: ' ' },
  ArrowDown: { key: 'ArrowDown', code: 'ArrowDown', keyCode: 40 },
  ArrowUp: { key: 'ArrowUp', code: 'ArrowUp', keyCode: 38 },
  Backspace: { key: 'Backspace', code: 'Backspace', keyCode: 8 },
} as const;
export type NamedKey = keyof typeof NAMED_KEYS;

type KeyEvent = { readonly key: string; readonly code: string; readonly keyCode: number; readonly text?: string };

/**
 * Real key events (keydown, keypress/input, keyup, as puppeteer's keyboard sends them) through
 * CDP, but pipelined: all events of a string are sent at once and the browser handles them
 * in order, instead of one round trip per event (10× faster on a loaded machine). Characters
 * outside printable ASCII are inserted as text input, as puppeteer's `keyboard.type` does.
 */
export class Keys {
  constructor(private readonly cdp: CDPSession) {}

  static async for(page: Page): Promise<Keys> {
    return new Keys(await page.createCDPSession());
  }

  #events(event: KeyEvent): Promise<unknown>[] {
    const common = { key: event.key, code: event.code, windowsVirtualKeyCode: event.keyCode };
    return [
      this.cdp.send('Input.dispatchKeyEvent', event.text ? { type: 'keyDown', ...common, text: event.text, unmodifiedText: event.text } : { type: 'rawKeyDown', ...common }),
      this.cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...common }),
    ];
  }

  async press(key: NamedKey, times = 1): Promise<void> {
    const sent: Promise<unknown>[] = [];
    for (let i = 0; i < times; i++) sent.push(...this.#events(NAMED_KEYS[key]));
    await Promise.all(sent);
  }

  async type(text: string): Promise<void> {
    const sent: Promise<unknown>[] = [];
    for (const character of text) {
      if (/^[a-zA-Z]$/.test(character)) sent.push(...this.#events({ key: character, code: `Key${character.toUpperCase()}`, keyCode: character.toUpperCase().charCodeAt(0), text: character }));
      else if (/^[0-9]$/.test(character)) sent.push(...this.#events({ key: character, code: `Digit${character}`, keyCode: character.charCodeAt(0), text: character }));
      else if (character === ' ') sent.push(...this.#events(NAMED_KEYS[' ']));
      else if (/^[!-~]$/.test(character)) sent.push(...this.#events({ key: character, code: '', keyCode: 0, text: character }));
      else sent.push(this.cdp.send('Input.insertText', { text: character }));
    }
    await Promise.all(sent);
  }
}

/** The order in which Chromium's `<input type="date">` takes its segments, in this browser's locale. */
export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export interface FillReport {
  /** The layout audit of each screen, after it was filled. */
  readonly screens: { readonly screen: string; readonly audit: ScreenAudit }[];
  /** Focused controls without a visible focus ring. */
  readonly focusRings: string[];
  /** Keyboard problems: focus lost, a value that did not take, "Add another" not moving focus. */
  readonly keyboard: string[];
  /** What the driver did, for failure messages. */
  readonly log: string[];
  /** Keys pressed and characters typed, and the time spent typing text. */
  readonly keys: { presses: number; characters: number; typingMs: number };
  /** What the driver is doing now (for errors the page throws meanwhile). */
  doing: string;
  /** The case reference on the receipt ('' if the receipt was not reached). */
  reference: string;
  /** Why the form could not be completed, if it could not. */
  failure?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The answer at a JSON Pointer. */
export function answerAt(answers: unknown, pointer: string): unknown {
  let value = answers;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[token];
  }
  return value;
}

async function until<T>(page: Page, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await sleep(25);
  }
}

const focused = (page: Page) => page.evaluate(describeFocus);
const screen = (page: Page) => page.evaluate(screenState);
const signature = (state: ScreenState) => `${state.kind}|${state.progress}|${state.heading}`;

/**
 * Finds the order of the date segments by trial on a page with three empty date inputs
 * (`#d0`, `#d1`, `#d2`): the first order whose typing gives the intended date wins.
 */
export async function probeDateOrder(page: Page, url: string): Promise<DateOrder> {
  await page.goto(url);
  const keys = await Keys.for(page);
  const orders: DateOrder[] = ['mdy', 'dmy', 'ymd'];
  for (const [index, order] of orders.entries()) {
    await page.evaluate((id) => document.getElementById(id)?.focus(), `d${index}`);
    await keys.type(dateKeys('2003-11-22', order));
    const value = await page.evaluate((id) => (document.getElementById(id) as HTMLInputElement).value, `d${index}`);
    if (value === '2003-11-22') return order;
  }
  throw new Error('cannot find how this browser takes dates in <input type="date">');
}

function dateKeys(date: string, order: DateOrder): string {
  const [year, month, day] = date.split('-') as [string, string, string];
  return order === 'mdy' ? `${month}${day}${year}` : order === 'dmy' ? `${day}${month}${year}` : `${year}${month}${day}`;
}

function label(control: FocusedControl): string {
  if (control.name) return `${control.tag}${control.type ? `[${control.type}]` : ''} ${control.name}${control.type === 'radio' || control.type === 'checkbox' ? ` ${control.value}` : ''}`;
  return `${control.tag}${control.part ? ` part="${control.part}"` : ''} "${control.text}"`;
}

function hasRing(control: FocusedControl): boolean {
  return (control.ring.style !== 'none' && control.ring.width >= 2) || (control.ring.boxShadow !== 'none' && control.ring.boxShadow !== '');
}

interface Driver {
  readonly page: Page;
  readonly keys: Keys;
  readonly answers: Record<string, unknown>;
  readonly dateOrder: DateOrder;
  readonly report: FillReport;
  readonly ringsSeen: Set<string>;
}

async function press(driver: Driver, key: NamedKey, times = 1): Promise<void> {
  await driver.keys.press(key, times);
  driver.report.keys.presses += times;
}

async function type(driver: Driver, text: string): Promise<void> {
  const started = Date.now();
  await driver.keys.type(text);
  driver.report.keys.characters += text.length;
  driver.report.keys.typingMs += Date.now() - started;
}

/** Sets one control to its answer by keyboard; returns what it did ('' for nothing). */
async function setControl(driver: Driver, control: FocusedControl, target: unknown): Promise<string> {
  const { page } = driver;
  if (control.type === 'radio') {
    const radios = control.radios!;
    const wanted = radios.values.indexOf(JSON.stringify(target));
    if (wanted < 0) return `no radio for ${JSON.stringify(target)} among ${radios.values.join(', ')}`;
    if (radios.checked === wanted) return '';
    if (wanted === radios.focused) {
      await press(driver, ' ');
      return `space on ${radios.values[wanted]}`;
    }
    await press(driver, wanted > radios.focused ? 'ArrowDown' : 'ArrowUp', Math.abs(wanted - radios.focused));
    return `arrows to ${radios.values[wanted]}`;
  }
  if (control.type === 'checkbox') {
    const inGroup = control.value !== '';
    const wanted = inGroup ? Array.isArray(target) && target.some((value) => JSON.stringify(value) === control.value) : target === true;
    if (wanted === control.checked) return '';
    await press(driver, ' ');
    return 'space';
  }
  if (control.tag === 'select') {
    const options = control.options!;
    const wanted = options.values.indexOf(JSON.stringify(target));
    if (wanted < 0) return `no option for ${JSON.stringify(target)}`;
    if (wanted === options.selected) return '';
    await press(driver, wanted > options.selected ? 'ArrowDown' : 'ArrowUp', Math.abs(wanted - options.selected));
    return `arrows to option ${wanted}`;
  }
  if (control.type === 'date') {
    if (typeof target !== 'string') return `date answer is not a string: ${JSON.stringify(target)}`;
    if (control.value === target) return '';
    await type(driver, dateKeys(target, driver.dateOrder));
    return `typed date ${target}`;
  }
  const text = typeof target === 'number' ? String(target) : typeof target === 'string' ? target : undefined;
  if (text === undefined) return `cannot type ${JSON.stringify(target)}`;
  if (control.value === text) return '';
  if (control.value !== '') {
    await page.keyboard.down('Control');
    await page.keyboard.press('a');
    await page.keyboard.up('Control');
    await press(driver, 'Backspace');
  }
  await type(driver, text);
  return `typed ${JSON.stringify(text)}`;
}

/** Does the control now hold the answer? */
function holds(control: FocusedControl, target: unknown): boolean {
  if (control.type === 'radio') return control.radios!.checked >= 0 && control.radios!.values[control.radios!.checked] === JSON.stringify(target);
  if (control.type === 'checkbox') {
    return control.value !== '' ? control.checked === (Array.isArray(target) && target.some((value) => JSON.stringify(value) === control.value)) : control.checked === (target === true);
  }
  if (control.tag === 'select') return control.value === JSON.stringify(target);
  return control.value === (typeof target === 'number' ? String(target) : target);
}

function checkRing(driver: Driver, control: FocusedControl, where: string): void {
  if (!control.inside || !control.interactive) return;
  const key = `${where}|${label(control)}`;
  if (driver.ringsSeen.has(key)) return;
  driver.ringsSeen.add(key);
  if (!hasRing(control)) {
    driver.report.focusRings.push(`${where}: ${label(control)} has no visible focus ring (outline ${control.ring.style} ${control.ring.width}px, box-shadow ${control.ring.boxShadow})`);
  }
}

/**
 * Tabs from wherever focus is to the screen's primary button; on a step, sets every control
 * met on the way that has an answer, and adds list items the answers need.
 */
async function walkToPrimary(driver: Driver, where: string, fill: boolean): Promise<void> {
  const { page, report } = driver;
  const done = new Set<string>();
  for (let presses = 0; presses < 600; presses++) {
    const control = await focused(page);
    if (control === null) {
      await press(driver, 'Tab');
      continue;
    }
    checkRing(driver, control, where);
    if (control.own && /\bbutton-primary\b/.test(control.part)) return;
    if (fill && control.own && control.name.startsWith('/')) {
      const key = control.type === 'checkbox' && control.value !== '' ? `${control.name}|${control.value}` : control.name;
      if (!done.has(key)) {
        done.add(key);
        const target = answerAt(driver.answers, control.name);
        if (target !== undefined) {
          report.doing = `${where}: setting ${label(control)} to ${JSON.stringify(target)}`;
          const action = await setControl(driver, control, target);
          if (action !== '') report.log.push(`${where}: ${label(control)} ← ${action}`);
          const after = await focused(page);
          if (after === null || after.name !== control.name || !after.own) {
            report.keyboard.push(`${where}: focus left ${label(control)} after ${action} (now on ${after ? label(after) : 'nothing'})`);
          } else if (!holds(after, target)) {
            report.keyboard.push(`${where}: ${label(control)} should hold ${JSON.stringify(target)} after ${action}, holds ${JSON.stringify(after.type === 'radio' ? after.radios : after.value)}`);
          }
          if (after !== null) checkRing(driver, after, where);
        }
      }
    } else if (fill && control.own && /\bbutton-add\b/.test(control.part)) {
      const wanted = answerAt(driver.answers, control.dataPointer);
      const shown = control.items ?? 0;
      if (Array.isArray(wanted) && shown < wanted.length) {
        await press(driver, 'Enter');
        report.log.push(`${where}: "Add another" for ${control.dataPointer} (item ${shown + 1})`);
        const after = await until(page, () => focused(page), (value) => value !== null && value.name !== '', 2000, 'focus after "Add another"').catch(() => null);
        if (after === null || !after.name.startsWith(`${control.dataPointer}/${shown}/`)) {
          report.keyboard.push(`${where}: after "Add another" (${control.dataPointer}) focus is on ${after ? label(after) : 'nothing'}, not in the new item ${control.dataPointer}/${shown}`);
        } else {
          continue; // handle the new item's first control where focus now is
        }
      }
    }
    await press(driver, 'Tab');
  }
  throw new Error(`${where}: the primary button was never reached by Tab`);
}

export function newReport(): FillReport {
  return { screens: [], focusRings: [], keyboard: [], log: [], keys: { presses: 0, characters: 0, typingMs: 0 }, doing: 'loading', reference: '' };
}

/**
 * Goes through the whole form by keyboard: Start, every step (filled from `answers`),
 * "check your answers", Send, and waits for the receipt. Fills `report` as it goes.
 */
export async function fillByKeyboard(
  page: Page,
  answers: Record<string, unknown>,
  options: { readonly dateOrder: DateOrder; readonly report?: FillReport; /** Stop after auditing this many screens. */ readonly screens?: number },
): Promise<FillReport> {
  const { dateOrder, report = newReport(), screens: lastScreen = Infinity } = options;
  const driver: Driver = { page, keys: await Keys.for(page), answers, dateOrder, report, ringsSeen: new Set() };
  try {
    let state = await until(page, () => screen(page), (value) => value.kind !== 'loading' && value.kind !== 'missing', 20_000, 'the form to load');
    for (let screens = 0; screens < 40; screens++) {
      const where = state.kind === 'step' ? `step "${state.heading}"` : state.kind;
      if (state.kind === 'failed') throw new Error(`the element shows a failure: ${state.failure}`);
      if (state.kind === 'receipt') {
        report.screens.push({ screen: where, audit: await page.evaluate(auditScreen) });
        report.reference = state.reference;
        // Tab through the receipt too: its buttons and links need focus rings as well.
        for (let presses = 0; presses < 40; presses++) {
          await press(driver, 'Tab');
          const control = await focused(page);
          if (control === null || !control.inside) break;
          checkRing(driver, control, where);
        }
        return report;
      }
      if (state.errors.length > 0) throw new Error(`${where} shows errors: ${state.errors.join(' | ')}`);
      if (state.problem !== '') throw new Error(`${where} shows a problem: ${state.problem}`);
      await walkToPrimary(driver, where, state.kind === 'step');
      report.screens.push({ screen: where, audit: await page.evaluate(auditScreen) });
      if (report.screens.length >= lastScreen) return report;
      const before = signature(state);
      report.log.push(`${where}: Enter on the primary button`);
      report.doing = `${where}: Enter on the primary button`;
      await press(driver, 'Enter');
      state = await until(
        page,
        () => screen(page),
        (value) => signature(value) !== before || value.errors.length > 0 || value.problem !== '',
        state.kind === 'review' ? 15_000 : 5_000,
        `the screen after ${where}`,
      );
    }
    throw new Error('too many screens');
  } catch (error) {
    report.failure = error instanceof Error ? error.message : String(error);
    return report;
  }
}
