// Helpers for <es-service> browser tests: a real loopback server per test file, the
// element mounted the way a page would, and small waits on what the citizen sees.
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/components/es-service/es-service.js';
import type { EsService } from '../../src/components/es-service/es-service.component.js';

export interface ReceivedCase {
  readonly reference: string;
  readonly request: { answers: Record<string, unknown>; locale: string; definitionHash: string };
  readonly answers: Record<string, unknown>;
}

export interface LoopbackStart {
  services?: string[];
  definitions?: unknown[];
  serverErrors?: Record<string, unknown[]>;
  faults?: Record<string, boolean>;
  limits?: Record<string, number>;
}

export async function startLoopback(options: LoopbackStart = {}): Promise<string> {
  const { baseUrl } = (await executeServerCommand('es-loopback', { action: 'start', ...options })) as { baseUrl: string };
  return baseUrl;
}

export async function receivedCases(baseUrl: string): Promise<ReceivedCase[]> {
  return (await executeServerCommand('es-loopback', { action: 'cases', baseUrl })) as ReceivedCase[];
}

export async function receivedEvents(baseUrl: string): Promise<{ fillId: string; type: string; serviceId: string; step?: string }[]> {
  return (await executeServerCommand('es-loopback', { action: 'events', baseUrl })) as { fillId: string; type: string; serviceId: string; step?: string }[];
}

/** Polls until `check` returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 4000): Promise<T> {
  const started = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function mount(attributes: Record<string, string>, properties: Partial<EsService> = {}): EsService {
  const el = document.createElement('es-service');
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  Object.assign(el, properties);
  document.body.append(el);
  return el;
}

export const root = (el: EsService): ShadowRoot => el.shadowRoot!;
export const $ = <T extends Element = HTMLElement>(el: EsService, selector: string): T | null => root(el).querySelector<T>(selector);
export const $$ = <T extends Element = HTMLElement>(el: EsService, selector: string): T[] => [...root(el).querySelectorAll<T>(selector)];

/** The control labelled `label` (exact label text without "(optional)"). */
export function control<T extends HTMLElement = HTMLInputElement>(el: EsService, label: string): T {
  for (const candidate of $$<HTMLLabelElement>(el, 'label')) {
    const text = [...candidate.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim();
    if (text === label) return root(el).getElementById(candidate.htmlFor) as T;
  }
  throw new Error(`no control labelled "${label}"`);
}

export const primaryButton = (el: EsService) => $<HTMLButtonElement>(el, '[part~="button-primary"]')!;
export const screenHeading = (el: EsService) => $(el, '#es-screen-heading')?.textContent?.trim();

export async function definitionAndValidator(id: string): Promise<{ definition: unknown; validator: unknown }> {
  const definition = await (await fetch(`/packages/services/definitions/${id}.json`)).json();
  const validator = await import(/* @vite-ignore */ `/packages/services/validators/${id}.validator.js`);
  return { definition, validator };
}

/** The control focused inside the element. */
export const focused = (el: EsService): HTMLElement | null => root(el).activeElement as HTMLElement | null;

/** Presses Tab (real key events) until the control named `name` has focus. */
export async function tabTo(el: EsService, name: string, maxPresses = 60): Promise<HTMLElement> {
  const { sendKeys } = await import('@web/test-runner-commands');
  for (let i = 0; i < maxPresses; i++) {
    const current = focused(el);
    if (current && current.getAttribute('name') === name) return current;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached the control named ${name}`);
}

/** Presses Tab until the element's focused node matches `selector`. */
export async function tabToSelector(el: EsService, selector: string, maxPresses = 60): Promise<HTMLElement> {
  const { sendKeys } = await import('@web/test-runner-commands');
  for (let i = 0; i < maxPresses; i++) {
    const current = focused(el);
    if (current?.matches(selector)) return current;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Resolves with the detail of the next `type` event the element fires. */
export function nextEvent<T>(el: EsService, type: string): Promise<T> {
  return new Promise((resolve) => el.addEventListener(type, (event) => resolve((event as CustomEvent<T>).detail), { once: true }));
}
