/**
 * The promise to web editors: the script-tag bundle and a precompiled validator work on a
 * page whose Content-Security-Policy is `default-src 'self'`, while compiling a schema at
 * run time (ajv) is blocked on the same page. Runs after `npm run build`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import puppeteer, { type Browser } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { SAMPLE_TODAY } from '@eservice-kit/services';

const root = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root));
const CSP = "default-src 'self'";

const pageHtml = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Strict CSP</title>
<script type="module" src="./page.js"></script></head>
<body><es-message variant="warning" heading="Loaded under a strict policy">The bundle runs.</es-message></body></html>`;

// The page's own module: nothing inline, everything from 'self'.
const pageScript = `
import { loadCore, compiledFromModule } from './eservice-kit.js';
const { loadDefinition, evaluate } = await loadCore();
const summarize = (result) => result.errors.map((error) => [error.pointer, error.keyword]);
// The samples' date rules are relative to the day they were written for (SAMPLE_TODAY).
const today = '${SAMPLE_TODAY}';
const [text, valid, invalid] = await Promise.all([
  fetch('./civil-wedding.json').then((r) => r.text()),
  fetch('./valid.json').then((r) => r.json()),
  fetch('./invalid.json').then((r) => r.json()),
]);
const loaded = loadDefinition(text);
const module = await import('./civil-wedding.validator.js');
const compiled = loaded.ok ? compiledFromModule(module, loaded.hash) : undefined;
window.__verdicts = {
  loaded: loaded.ok,
  compiled: Boolean(compiled),
  valid: valid.map((sample) => summarize(evaluate(loaded.definition, compiled, sample.answers, { today }))),
  invalid: invalid.map((sample) => summarize(evaluate(loaded.definition, compiled, sample.answers, { today }))),
};
window.__violationsBeforeControl = window.__violations.length;
const { compileAtRunTime } = await import('./ajv-runtime.js');
window.__negative = compileAtRunTime();
document.body.dataset.phase = 'done';
`;

const negativeControl = `
import Ajv from 'ajv/dist/2020.js';
export function compileAtRunTime() {
  try { new Ajv().compile({ type: 'string' }); return 'compiled'; }
  catch (error) { return 'blocked: ' + error.message; }
}`;

describe('strict Content-Security-Policy page', () => {
  let server: Server;
  let browser: Browser;
  let origin: string;
  const validSamples = JSON.parse(read('packages/services/samples/civil-wedding.valid.json').toString()) as { answers: unknown }[];
  const invalidSamples = JSON.parse(read('packages/services/samples/civil-wedding.invalid.json').toString()) as {
    answers: unknown;
    pointer: string;
    keyword: string;
  }[];

  before(async () => {
    const ajvBundle = await build({
      stdin: { contents: negativeControl, resolveDir: root.pathname, loader: 'js' },
      bundle: true,
      format: 'esm',
      write: false,
      platform: 'browser',
    });
    const files: Record<string, [string, Buffer | string]> = {
      '/': ['text/html', pageHtml],
      '/page.js': ['text/javascript', pageScript],
      '/eservice-kit.js': ['text/javascript', read('dist/eservice-kit.js')],
      '/civil-wedding.validator.js': ['text/javascript', read('dist/validators/civil-wedding.validator.js')],
      '/civil-wedding.json': ['application/json', read('packages/services/definitions/civil-wedding.json')],
      '/valid.json': ['application/json', JSON.stringify(validSamples)],
      '/invalid.json': ['application/json', JSON.stringify(invalidSamples)],
      '/ajv-runtime.js': ['text/javascript', Buffer.from(ajvBundle.outputFiles[0]!.contents)],
    };
    server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      const file = files[path] ?? (path.startsWith('/chunks/') ? (['text/javascript', read(`dist${path}`)] as [string, Buffer]) : undefined);
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': file[0], 'Content-Security-Policy': CSP }).end(file[1]);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await puppeteer.launch({ executablePath: chromiumPath(), args: [...chromiumArgs], headless: true });
  });

  after(async () => {
    await browser?.close();
    server?.close();
  });

  it('loads the bundle and the civil-wedding validator, gives the right verdicts, and blocks runtime ajv', async () => {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      const store = window as unknown as { __violations: string[] };
      store.__violations = [];
      document.addEventListener('securitypolicyviolation', (event) => store.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await page.goto(origin + '/');
    await page.waitForSelector('body[data-phase="done"]', { timeout: 20_000 });
    const state = await page.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const message = document.querySelector('es-message');
      return {
        verdicts: w['__verdicts'] as { loaded: boolean; compiled: boolean; valid: [string, string][][]; invalid: [string, string][][] },
        before: w['__violationsBeforeControl'] as number,
        violations: w['__violations'] as string[],
        negative: w['__negative'] as string,
        elementDefined: Boolean(customElements.get('es-message')),
        elementRendered: (message?.shadowRoot?.textContent ?? '').length > 0,
      };
    });
    assert.deepEqual(pageErrors, []);
    assert.equal(state.verdicts.loaded, true, 'definition loads without ajv');
    assert.equal(state.verdicts.compiled, true, 'validator module matches the definition hash');
    assert.equal(state.elementDefined && state.elementRendered, true, 'the bundle defines and renders its elements');
    state.verdicts.valid.forEach((errors, index) => assert.deepEqual(errors, [], `valid sample ${index} accepted`));
    state.verdicts.invalid.forEach((errors, index) => {
      const { pointer, keyword } = invalidSamples[index]!;
      assert.ok(errors.length > 0 && errors.every(([errorPointer]) => errorPointer === pointer), `invalid sample ${index} fails at ${pointer}`);
      assert.ok(errors.some(([, errorKeyword]) => errorKeyword === keyword), `invalid sample ${index} fails with ${keyword}`);
    });
    assert.equal(state.before, 0, `no violation before the control: ${state.violations.join('; ')}`);
    assert.match(state.negative, /^blocked/, 'runtime ajv is blocked (negative control)');
    assert.ok(state.violations.some((violation) => /eval/.test(violation)), 'the blocked eval is reported as a violation');

    // The shipped bundle follows <html lang> at run time, still under the policy.
    const text = () => page.evaluate(() => document.querySelector('es-message')?.shadowRoot?.textContent ?? '');
    assert.match(await text(), /Warning:/);
    await page.evaluate(() => document.documentElement.setAttribute('lang', 'sv'));
    await page.waitForFunction(() => /Varning:/.test(document.querySelector('es-message')?.shadowRoot?.textContent ?? ''), { timeout: 5000 });
    const violationsAfterSwitch = await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations.length);
    assert.equal(violationsAfterSwitch, state.violations.length, 'switching locale causes no new violation');
  });
});
