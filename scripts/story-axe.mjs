#!/usr/bin/env node
// Runs axe-core on every story of the static Storybook build, in headless
// Chromium, for each combination of the `locale` (sv/en) and `direction`
// (ltr/rtl) toolbar globals (passed as `&globals=locale:en;direction:rtl`),
// and once more in forced-colors mode (Windows high contrast, emulated
// through the DevTools protocol). The rule set is scripts/axe-options.mjs,
// shared with Storybook's a11y panel.
//
//   npm run build-storybook && node scripts/story-axe.mjs [storybook-static]
//
// Prints one line per story run and a last line `N passed, M failed`; exits 1
// if axe finds a violation, a story fails to render, or an `es-*` element in
// it never upgraded. STORY_AXE_TIMING=1 prints load/render/axe times to stderr.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { extname, join, normalize, resolve, sep } from 'node:path';
import puppeteer from 'puppeteer-core';
import { axeRunOptions } from './axe-options.mjs';
import { chromiumArgs, chromiumPath } from './chromium.mjs';

const root = resolve(process.argv[2] ?? 'storybook-static');
const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

const COMBINATIONS = [
  { locale: 'sv', direction: 'ltr', forcedColors: false },
  { locale: 'en', direction: 'ltr', forcedColors: false },
  { locale: 'sv', direction: 'rtl', forcedColors: false },
  { locale: 'en', direction: 'rtl', forcedColors: false },
  // Forced colours is a hard requirement: once per story. (Puppeteer's
  // emulateMediaFeatures() rejects `forced-colors`; see setForcedColors.)
  { locale: 'sv', direction: 'ltr', forcedColors: true },
];
const RENDER_TIMEOUT = 15000;
// axe-core is served next to the build (not inside it), cacheable.
const AXE_PATH = '/__story-axe__/axe.min.js';
const timing = process.env.STORY_AXE_TIMING === '1';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

/** Serves `dir` on 127.0.0.1 at a random port. */
async function serve(dir) {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      const cache = { 'cache-control': 'max-age=600' };
      if (path === AXE_PATH) {
        res.writeHead(200, { 'content-type': TYPES['.js'], ...cache }).end(axeSource);
        return;
      }
      let file = normalize(join(dir, path));
      if (file !== dir && !file.startsWith(dir + sep)) {
        res.writeHead(403).end();
        return;
      }
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      // Cacheable, so Chromium keeps compiled code between story pages.
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', ...cache }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Emulates `forced-colors: active` (or stops) through the DevTools protocol.
 * `cdp` is a session of the page kept open: emulation ends with the session.
 * It holds across navigations.
 */
async function setForcedColors(cdp, active) {
  await cdp.send('Emulation.setEmulatedMedia', {
    features: [{ name: 'forced-colors', value: active ? 'active' : '' }],
  });
}

/** Opens one story, waits for it to render, runs axe; returns {ok, line}. */
async function checkStory(page, cdp, origin, story, { locale, direction, forcedColors }) {
  const mode = forcedColors ? ' forced-colors' : '';
  const label = `${story.id} [${locale} ${direction}${mode}]`;
  const errors = [];
  const onError = (error) => errors.push(error.message.split('\n')[0]);
  page.on('pageerror', onError);
  try {
    // a11y.manual stops the a11y addon's own axe run after each story, which
    // would collide with ours ("Axe is already running").
    const globals = `locale:${locale};direction:${direction};a11y.manual:!true`;
    const url = `${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story&globals=${globals}`;
    await setForcedColors(cdp, forcedColors);
    const t0 = Date.now();
    await page.goto(url, { waitUntil: 'load', timeout: RENDER_TIMEOUT });
    const t1 = Date.now();
    // Storybook sets one of these body classes when the story has rendered
    // (sb-show-main) or failed (sb-show-errordisplay / sb-show-nopreview).
    await page.waitForFunction(
      () => /sb-show-(main|errordisplay|nopreview)/.test(document.body.className),
      { timeout: RENDER_TIMEOUT, polling: 50 },
    );
    const state = await page.evaluate(async () => {
      const rootEl = document.querySelector('#storybook-root');
      // Let elements finish their updates (locale switch included).
      await new Promise((r) => setTimeout(r, 50));
      const elements = [...document.querySelectorAll('*')].filter((el) => el.localName.startsWith('es-'));
      await Promise.all(elements.map((el) => el.updateComplete));
      // An element that never upgraded renders only its light DOM, and axe
      // would happily pass it: count that as a failed render.
      const notRendered = elements
        .filter((el) => !customElements.get(el.localName) || !el.shadowRoot || el.shadowRoot.childElementCount === 0)
        .map((el) => `<${el.localName}>`);
      return {
        notRendered: [...new Set(notRendered)],
        shown: document.body.classList.contains('sb-show-main'),
        hasContent: !!rootEl && rootEl.children.length > 0,
        error: document.querySelector('#error-message')?.textContent?.trim() ?? '',
        lang: document.documentElement.lang,
        dir: document.documentElement.dir,
        forcedColors: matchMedia('(forced-colors: active)').matches,
        elements: elements.length,
      };
    });
    if (state.forcedColors !== forcedColors) {
      return { ok: false, line: `✗ ${label} forced-colors emulation did not take effect` };
    }
    if (!state.shown || !state.hasContent) {
      return { ok: false, line: `✗ ${label} did not render${state.error ? `: ${state.error}` : ''}` };
    }
    if (state.notRendered.length > 0) {
      return { ok: false, line: `✗ ${label} not upgraded (undefined or empty shadow root): ${state.notRendered.join(', ')}` };
    }
    if (errors.length > 0) {
      return { ok: false, line: `✗ ${label} page error: ${errors.join(' | ')}` };
    }
    const t2 = Date.now();
    await page.addScriptTag({ url: AXE_PATH });
    const violations = await page.evaluate(async (options) => {
      const result = await window.axe.run('#storybook-root', { ...options, resultTypes: ['violations'] });
      return result.violations.map((v) => ({
        id: v.id,
        targets: v.nodes.map((n) => (Array.isArray(n.target) ? n.target.flat().join(' >>> ') : String(n.target))),
      }));
    }, axeRunOptions());
    // Globals set by the story itself win over the URL; say what was tested.
    const actual = state.lang === locale && state.dir === direction ? '' : ` (story sets lang=${state.lang} dir=${state.dir})`;
    const rendered = `${state.lang} ${state.dir}${mode}`;
    if (timing) console.error(`${label}: load ${t1 - t0} ms, render ${t2 - t1} ms, axe ${Date.now() - t2} ms`);
    if (violations.length > 0) {
      const detail = violations.map((v) => `${v.id}: ${v.targets.join(', ')}`).join('; ');
      return { ok: false, rendered, line: `✗ ${label}${actual} ${detail}` };
    }
    return { ok: true, rendered, line: `✓ ${label}${actual}` };
  } catch (error) {
    return { ok: false, line: `✗ ${label} did not render: ${String(error?.message ?? error).split('\n')[0]}` };
  } finally {
    page.off('pageerror', onError);
  }
}

async function main() {
  const index = JSON.parse(await readFile(join(root, 'index.json'), 'utf8'));
  const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');
  if (stories.length === 0) throw new Error(`no stories in ${join(root, 'index.json')}`);

  const { server, origin } = await serve(root);
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    args: [...chromiumArgs],
    headless: true,
  });
  let passed = 0;
  let failed = 0;
  // Two pages in parallel; each story's lines are printed in order.
  const queue = [...stories];
  const results = new Map();
  const worker = async () => {
    const page = await browser.newPage();
    const cdp = await page.createCDPSession();
    await page.setViewport({ width: 1024, height: 768 });
    for (let story = queue.shift(); story; story = queue.shift()) {
      const lines = [];
      const seen = new Set();
      for (const combination of COMBINATIONS) {
        const result = await checkStory(page, cdp, origin, story, combination);
        // A story that fixes its own globals (e.g. dir=rtl) renders the same
        // for several URL combinations; count each rendering once.
        if (result.rendered && seen.has(result.rendered)) continue;
        if (result.rendered) seen.add(result.rendered);
        lines.push(result);
      }
      results.set(story.id, lines);
    }
    await cdp.detach();
    await page.close();
  };
  try {
    await Promise.all([worker(), worker()]);
    for (const story of stories) {
      for (const { ok, line } of results.get(story.id) ?? []) {
        console.log(line);
        if (ok) passed++;
        else failed++;
      }
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed > 0 ? 1 : 0;
}

main().catch((error) => {
  console.error(`story-axe: ${error?.message ?? error}`);
  process.exitCode = 1;
});
