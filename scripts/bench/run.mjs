#!/usr/bin/env node
// npm run bench (after npm run build): how much <es-service> costs a citizen's browser
// compared with a hand-written plain-Lit form (the "floor", scripts/bench/floor/), for the
// fault report's first step and a generated 200-field step. In headless Chromium, each page
// loaded fresh N times under `Content-Security-Policy: default-src 'self'`:
//   render        navigation start → all controls of the step painted
//   validate-all  click on the primary button of the empty form → error summary and inline errors painted
//   keystroke     a real key press (CDP) in the first text field → frame painted after the element's update
//   keystroke (update) the same key press → the element's update complete (its own work, without frame timing)
// plus the bytes each page downloads. Markdown to stdout, JSON to .bench/bench-results.json.
// Exits 1 when a measurement failed (the others are still reported).
//   node scripts/bench/run.mjs [--runs 15] [--cpu 4] [--only floor|es-service]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { loadavg } from 'node:os';
import { extname, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer from 'puppeteer-core';
import { rollup } from 'rollup';
import { compiledFromModule, evaluate, loadDefinition } from '@eservice-kit/core';
import { chromiumArgs, chromiumPath } from '../chromium.mjs';
import { FIELD_COUNT, generateDefinition } from './generate-definition.mjs';
import { probe } from './probe.mjs';
import floorConfigs from './rollup.floor.mjs';
import { measure, total } from './sizes.mjs';

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? process.argv[index + 1] : fallback;
};
const RUNS = Number(option('runs', 15));
const CPU_SLOWDOWN = Number(option('cpu', 1));
const IMPLEMENTATIONS = ['es-service', 'floor'].filter((impl) => [impl, undefined].includes(option('only')));
if (!IMPLEMENTATIONS.length || !(RUNS > 0) || !(CPU_SLOWDOWN >= 1)) {
  console.error('usage: node scripts/bench/run.mjs [--runs 15] [--cpu 4] [--only floor|es-service]');
  process.exit(2);
}
const OUT = '.bench';
const CSP = "default-src 'self'";

if (!existsSync('dist/eservice-kit.js')) {
  console.error('No dist/eservice-kit.js: run `npm run build` first (or `npm run bench`).');
  process.exit(1);
}

// ── 1. Inputs: a snapshot of dist/ (served and measured, so a rebuild during the run cannot
// mix versions), the generated definition and its validator, the floor bundles, the page modules.
const DIST = `${OUT}/dist`;
rmSync(DIST, { recursive: true, force: true });
cpSync('dist', DIST, { recursive: true, filter: (source) => !source.endsWith('.map') });
mkdirSync(`${OUT}/forms`, { recursive: true });
mkdirSync(`${OUT}/pages`, { recursive: true });
const generatedFile = `${OUT}/forms/generated-${FIELD_COUNT}.json`;
writeFileSync(generatedFile, JSON.stringify(generateDefinition(), null, 2) + '\n');
// The public CLI: loads the definition strictly (exits 1 if it is invalid) and precompiles it.
execFileSync(process.execPath, ['scripts/precompile-validator.mjs', generatedFile, '-o', `${OUT}/forms/generated-${FIELD_COUNT}.validator.js`], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (const config of floorConfigs) {
  const bundle = await rollup({ ...config, onwarn: (warning, warn) => warning.code !== 'THIS_IS_UNDEFINED' && warn(warning) });
  await bundle.write(config.output);
  await bundle.close();
}

const FORMS = [
  {
    id: 'fault-report',
    title: 'Fault report, step 1',
    definition: 'packages/services/definitions/fault-report.json',
    validator: `${DIST}/validators/fault-report.validator.js`,
    floor: { tag: 'floor-fault-report', script: `${OUT}/floor/fault-report-floor.js` },
    // Step 1 has no text field until a category with lamp questions is chosen.
    reveal: { value: 'gatubelysning', label: 'Gatubelysning' },
  },
  {
    id: `generated-${FIELD_COUNT}`,
    title: `Generated, ${FIELD_COUNT} fields on one step`,
    definition: generatedFile,
    validator: `${OUT}/forms/generated-${FIELD_COUNT}.validator.js`,
    floor: { tag: 'floor-generated', script: `${OUT}/floor/generated-floor.js` },
  },
];

/** What the first step shows on an empty form, from core's evaluate(): native controls and errors on submit. */
async function expectations(form) {
  const text = readFileSync(form.definition, 'utf8');
  const loaded = loadDefinition(text);
  if (!loaded.ok) throw new Error(`${form.definition}: ${loaded.errors[0].message.en}`);
  const { definition } = loaded;
  const compiled = compiledFromModule(await import(pathToFileURL(resolve(form.validator)).href), loaded.hash);
  if (!compiled) throw new Error(`${form.validator} was not made for this version of ${form.definition}`);
  const result = evaluate(definition, compiled, {});
  const onStep = (pointer) => definition.ui.steps[0].fields.some((field) => pointer === field || pointer.startsWith(`${field}/`));
  const schemaAt = (pointer) => pointer.split('/').slice(1).reduce((schema, key) => schema.properties[key], definition.schema);
  let controls = 0;
  for (const pointer of result.visibleFields.filter(onStep)) {
    const schema = schemaAt(pointer);
    const widget = definition.ui.fields[pointer]?.widget;
    if (schema.type === 'object') continue; // its visible fields are counted themselves
    if (widget === 'radio') controls += schema.enum.length;
    else if (widget === 'yes-no') controls += 2;
    else if (widget === 'checkbox-group') controls += schema.items.enum.length;
    else controls += 1;
  }
  const errors = new Set(result.errors.map((error) => error.pointer).filter(onStep)).size;
  return { json: JSON.stringify(JSON.parse(text)), controls, errors };
}

// ── 2. A static server for .bench/ (dist/ snapshot included) plus the two page kinds, under a strict CSP.
const TYPES = { '.js': 'text/javascript', '.json': 'application/json', '.html': 'text/html' };
const html = (body, head = '') =>
  `<!doctype html>\n<html lang="sv"><head><meta charset="utf-8"><title>bench</title>${head}</head>\n<body>${body}</body></html>\n`;
const pages = new Map();
for (const form of FORMS) {
  const expected = await expectations(form);
  Object.assign(form, expected);
  const pageModule = `${OUT}/pages/${form.id}.page.js`;
  // What an integrator writes: the definition as data, the validator module imported.
  writeFileSync(
    pageModule,
    `// Generated by scripts/bench/run.mjs: hands <es-service> its definition and precompiled validator.\n` +
      `import * as validator from '/${form.validator}';\n` +
      `const element = document.querySelector('es-service');\n` +
      `element.definition = JSON.parse(${JSON.stringify(expected.json)});\n` +
      `element.validator = validator;\n`,
  );
  pages.set(
    `/es-service/${form.id}`,
    html(`<es-service no-intro lang="sv"></es-service>\n<script type="module" src="/${pageModule}"></script>`, `<script type="module" src="/${DIST}/eservice-kit.js"></script>`),
  );
  pages.set(`/floor/${form.id}`, html(`<${form.floor.tag}></${form.floor.tag}>`, `<script type="module" src="/${form.floor.script}"></script>`));
}

let served = []; // files of the current page load, for its byte count
const rootDir = resolve('.');
const server = createServer((request, response) => {
  const path = decodeURIComponent(new URL(request.url, 'http://localhost').pathname);
  const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
  if (path === '/favicon.ico') return response.writeHead(204, headers).end();
  if (pages.has(path)) {
    served.push({ file: `${path}.html`, content: pages.get(path) });
    return response.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(pages.get(path));
  }
  const file = resolve(rootDir, `.${path}`);
  if (!file.startsWith(`${rootDir}${sep}${OUT}${sep}`) || !existsSync(file) || !statSync(file).isFile()) return response.writeHead(404, headers).end();
  served.push({ file: relative(rootDir, file).replace(`${DIST}/`, 'dist/'), content: readFileSync(file) });
  response.writeHead(200, { ...headers, 'content-type': `${TYPES[extname(file)] ?? 'application/octet-stream'}; charset=utf-8` });
  response.end(served.at(-1).content);
});
await new Promise((done) => server.listen(0, '127.0.0.1', done));
const origin = `http://127.0.0.1:${server.address().port}`;

// ── 3. Measure: a fresh browser context (empty cache) per run, runs interleaved across pages.
const LOAD_AT_START = loadavg()[0];
const browser = await puppeteer.launch({ executablePath: chromiumPath(), args: [...chromiumArgs], defaultViewport: { width: 1280, height: 900 } });

async function measureOnce(form, impl) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  try {
    if (CPU_SLOWDOWN > 1) await page.emulateCPUThrottling(CPU_SLOWDOWN);
    const tag = impl === 'es-service' ? 'es-service' : form.floor.tag;
    await page.evaluateOnNewDocument(probe, { tag, controls: form.controls, errors: form.errors });
    served = [];
    await page.goto(`${origin}/${impl}/${form.id}`, { waitUntil: 'load' });
    const files = served;
    const render = await page.evaluate(() => window.__bench.render);
    const validateAll = await page.evaluate(() => window.__bench.validateAll());
    if (form.reveal) await page.evaluate((value) => window.__bench.reveal(value), form.reveal);
    await page.evaluate(() => window.__bench.armKeystroke());
    await page.keyboard.press('a');
    const { painted: keystroke, updated: keystrokeUpdate } = await page.evaluate(() => window.__bench.keystroke);
    const violations = await page.evaluate(() => window.__bench.violations);
    if (violations.length) throw new Error(`CSP violations: ${violations.join(', ')}`);
    return { times: { render, validateAll, keystroke, keystrokeUpdate }, files };
  } catch (error) {
    const message = String(error.message).replace(/^Error: /, '').split('\n')[0];
    throw new Error(message + (problems.length ? ` [page errors: ${problems.slice(0, 3).join(' | ')}]` : ''));
  } finally {
    await context.close();
  }
}

const METRICS = ['render', 'validateAll', 'keystroke', 'keystrokeUpdate'];
const results = {};
for (const form of FORMS) for (const impl of IMPLEMENTATIONS) results[`${form.id}/${impl}`] = { samples: Object.fromEntries(METRICS.map((metric) => [metric, []])) };
console.log(`\nbench: ${RUNS} runs (+1 warm-up) of ${Object.keys(results).join(', ')} …`);
for (let run = -1; run < RUNS; run += 1) {
  for (const form of FORMS) {
    for (const impl of IMPLEMENTATIONS) {
      const result = results[`${form.id}/${impl}`];
      if (result.error) continue; // failed once: reported, not retried for every run
      try {
        const { times, files } = await measureOnce(form, impl);
        if (run < 0) result.bytes = files.map(({ file, content }) => measure(file, content));
        else for (const metric of METRICS) result.samples[metric].push(times[metric]);
      } catch (error) {
        result.error = error.message;
        console.error(`  ${form.id} / ${impl}: ${error.message}`);
      }
    }
  }
}
const version = await browser.version();
await browser.close();
server.close();

// ── 4. Report.
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] : undefined;
};
const round = (value) => (value === undefined ? undefined : Math.round(value * 10) / 10);
for (const result of Object.values(results)) {
  // A pair that failed part-way keeps its samples in the JSON but gets no figures.
  const samples = (metric) => (result.error ? [] : result.samples[metric]);
  result.stats = Object.fromEntries(
    METRICS.map((metric) => [metric, { median: round(percentile(samples(metric), 0.5)), p90: round(percentile(samples(metric), 0.9)) }]),
  );
  if (result.bytes) result.bytesTotal = total(result.bytes);
}
const ratio = (a, b) => (a !== undefined && b ? Math.round((a / b) * 100) / 100 : undefined);

const bundleFiles = [
  `${DIST}/eservice-kit.js`,
  ...(existsSync(`${DIST}/chunks`) ? readdirSync(`${DIST}/chunks`).filter((name) => name.endsWith('.js')).sort().map((name) => `${DIST}/chunks/${name}`) : []),
  ...FORMS.map((form) => form.validator),
  ...FORMS.map((form) => form.floor.script),
].map((file) => ({ ...measure(file), file: file.replace(`${DIST}/`, 'dist/') }));

const json = {
  date: new Date().toISOString(),
  chromium: version,
  node: process.version,
  runs: RUNS,
  cpuSlowdown: CPU_SLOWDOWN,
  loadAverageAtStart: LOAD_AT_START,
  csp: CSP,
  files: bundleFiles,
  forms: FORMS.map((form) => ({
    id: form.id,
    title: form.title,
    controls: form.controls,
    errorsOnEmptySubmit: form.errors,
    results: Object.fromEntries(IMPLEMENTATIONS.map((impl) => [impl, results[`${form.id}/${impl}`]])),
    ratio: Object.fromEntries(
      METRICS.map((metric) => {
        const [es, floor] = ['es-service', 'floor'].map((impl) => results[`${form.id}/${impl}`]?.stats[metric]);
        return [metric, { median: ratio(es?.median, floor?.median), p90: ratio(es?.p90, floor?.p90) }];
      }),
    ),
  })),
};
writeFileSync(`${OUT}/bench-results.json`, JSON.stringify(json, null, 2) + '\n');

const kb = (bytes) => (bytes / 1024).toFixed(1);
const ms = (value) => (value === undefined ? '–' : value.toFixed(1));
const x = (value) => (value === undefined ? '–' : `${value.toFixed(2)}×`);
const lines = [
  `\n## Bench: <es-service> vs hand-written Lit floor`,
  `\n${RUNS} runs each, median / p90 in ms, fresh page per run, ${CSP}; ${version}, CPU slowdown ${CPU_SLOWDOWN}×, load average ${LOAD_AT_START.toFixed(1)} at start.`,
  'render: navigation start → every control of the step painted. validate-all: click on the primary button of the',
  'empty form → error summary and inline errors painted. keystroke: key press in the first text field (after',
  'validate-all, so it clears an error where the field is required) → frame painted after the update; keystroke (update):',
  'the same key press → the element\'s update complete, before frame timing. ratio = es-service / floor.',
];
const LABELS = { render: 'render', validateAll: 'validate-all', keystroke: 'keystroke (painted)', keystrokeUpdate: 'keystroke (update)' };
for (const form of json.forms) {
  const es = form.results['es-service'];
  const floor = form.results.floor;
  lines.push(`\n### ${form.title} (${form.controls} controls, ${form.errorsOnEmptySubmit} errors on empty submit)\n`);
  lines.push('| metric | es-service median | es-service p90 | floor median | floor p90 | ratio median | ratio p90 |', '|---|---:|---:|---:|---:|---:|---:|');
  for (const metric of METRICS) {
    const cell = (result, key) => ms(result?.stats[metric][key]);
    lines.push(`| ${LABELS[metric]} | ${cell(es, 'median')} | ${cell(es, 'p90')} | ${cell(floor, 'median')} | ${cell(floor, 'p90')} | ${x(form.ratio[metric].median)} | ${x(form.ratio[metric].p90)} |`);
  }
  for (const [impl, result] of Object.entries(form.results)) if (result?.error) lines.push(`\n**${impl} failed:** ${result.error}`);
}
lines.push('\n### Bytes each page downloads (each file compressed on its own)\n', '| page | files | raw kB | gzip kB | brotli kB |', '|---|---|---:|---:|---:|');
for (const form of json.forms) {
  for (const [impl, result] of Object.entries(form.results)) {
    if (!result?.bytesTotal) continue;
    const names = result.bytes.map((row) => row.file.split('/').pop()).join(', ');
    lines.push(`| ${form.id} / ${impl} | ${names} | ${kb(result.bytesTotal.raw)} | ${kb(result.bytesTotal.gzip)} | ${kb(result.bytesTotal.brotli)} |`);
  }
}
lines.push('\n### Files\n', '| file | raw kB | gzip kB | brotli kB |', '|---|---:|---:|---:|');
for (const row of bundleFiles) lines.push(`| ${row.file} | ${kb(row.raw)} | ${kb(row.gzip)} | ${kb(row.brotli)} |`);
lines.push(`\nJSON: ${OUT}/bench-results.json`);
console.log(lines.join('\n'));

const failed = Object.entries(results).filter(([, result]) => result.error);
if (failed.length) {
  console.error(`\n${failed.length} measurement(s) failed: ${failed.map(([key]) => key).join(', ')}`);
  process.exit(1);
}
