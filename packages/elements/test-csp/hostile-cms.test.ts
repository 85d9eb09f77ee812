/**
 * Acceptance: <es-service> on a page that imitates a hostile CMS.
 *
 * The page sends `Content-Security-Policy: default-src 'self'` plus only the documented
 * additions, sets a 10px root font size (`html{font-size:62.5%} body{font-size:1.6rem}`) and
 * resets `*`, `input`, `button` and `label` (even `label{display:none}` and
 * `:focus{outline:none}`). On it, each built-in service is rendered, filled by keyboard
 * only with one of its valid samples, and sent to the loopback server, which must receive
 * exactly the sample with its hidden fields pruned. Checked on every screen: no CSP
 * violation, controls' text ≥ 16 px, labels, legends and buttons visible, a focus ring on
 * every focused control, targets ≥ 24 × 24 CSS px.
 *
 * Two deployments, each with its own policy:
 *
 * 1. "bundle on the page's origin": the CMS hosts dist/ (eservice-kit.js, chunks/) itself;
 *    the e-service server (the loopback, origin E) is elsewhere.
 *      Content-Security-Policy: default-src 'self'; script-src 'self' E; connect-src 'self' E
 * 2. "bundle on the e-service origin": the e-service server E serves both dist/ (with
 *    Access-Control-Allow-Origin, as module scripts need CORS) and the API.
 *      Content-Security-Policy: default-src 'self'; script-src 'self' E; connect-src 'self' E
 *
 * So the additions are the same in both cases, and only these:
 *   - `script-src 'self' E`: the definition's precompiled validator module is imported
 *     from E (`<api>/api/services/<id>/validator.js`), and in case 2 the bundle too;
 *   - `connect-src 'self' E`: the definition fetch and the case POST go to E.
 *   ('self' is repeated because a directive replaces default-src for its kind; no
 *   style-src, img-src, font-src, 'unsafe-inline' or 'unsafe-eval' is needed.)
 * E is an origin (scheme, host and port), e.g. https://etjanster.kommun.se.
 *
 * Negative controls show that the checks can fail: without the additions the element cannot
 * load (and the violation is seen), and a page that breaks focus rings, label visibility,
 * text size and target size through the element's public styling hooks is caught.
 *
 * The samples' date rules are relative to SAMPLE_TODAY, so the page sets the element's
 * `today` property (documented for previews and tests) from a same-origin module, and the
 * loopback server evaluates with the same day. Runs after `npm run build`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { chromiumArgs, chromiumPath } from '../../../scripts/chromium.mjs';
import { BUILT_IN_SERVICE_IDS, builtInDefinitionPath, builtInSamples, SAMPLE_TODAY, type BuiltInServiceId } from '@eservice-kit/services';
import { compileDefinition, precompileDefinition } from '../../core/src/compile/index.js';
import { evaluate } from '../../core/src/rules/evaluate.js';
import { loadFixture } from '../../core/test/contract/fixture.js';
import { startLoopbackServer, type LoopbackServer, type LoopbackService } from '../../core/test/contract/loopback-server.js';
import { fillByKeyboard, newReport, probeDateOrder, type DateOrder } from './keyboard-fill.js';
import { NAME_SHIM, type ScreenAudit } from './page-audit.js';

const root = new URL('../../../', import.meta.url);
const dist = new URL('dist/', root);
const BASE_PATH = '/kommun';

/**
 * Valid samples, rich ones (groups, repeatable items, conditional fields, dates, a select, a
 * checkbox group), none with upload ids. Every service runs on both deployments; the extra
 * samples run on one each, to keep the file under two minutes: civil-wedding with own
 * witnesses (items of a fixed-size list, consent boxes) and with three preferred dates
 * ("Add another" by keyboard), and a complaint that carries hidden answers ("prunes"): the
 * form never shows those fields, and the case must arrive without them.
 */
const CASES: readonly { readonly service: BuiltInServiceId; readonly sample: string; readonly only?: 'bundle-on-page-origin' | 'bundle-on-eservice-origin' }[] = [
  { service: 'fault-report', sample: 'both coordinates and an address' },
  { service: 'complaint', sample: 'reply by letter' },
  { service: 'complaint', sample: 'anonymous, but asks for a reply by e-mail: reply details are pruned', only: 'bundle-on-eservice-origin' },
  { service: 'civil-wedding', sample: 'own venue, own witnesses, interpreter, certificate applied', only: 'bundle-on-page-origin' },
  { service: 'civil-wedding', sample: 'three preferred dates, long text, officiant wish and a message', only: 'bundle-on-eservice-origin' },
  { service: 'accessibility-report', sample: 'screen reader user with version, OS and browser' },
];

/** The hostile CMS's stylesheet (a file: inline styles are blocked by the policy). */
const HOSTILE_CSS = `
html{font-size:62.5%}
body{font-size:1.6rem}
*{margin:0;padding:0;box-sizing:content-box;font:inherit;color:inherit;background:transparent;border:0;line-height:1;letter-spacing:.1em;text-transform:uppercase}
input,button{all:unset}
label{display:none}
button{background:red;font-size:10px}
:focus{outline:none}
`;

/** Same-origin classic script, first in <head>: records policy violations and the element's errors. */
const WATCH_JS = `
window.__violations = [];
window.__esErrors = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__violations.push(event.violatedDirective + ' ' + event.blockedURI + ' (' + event.sourceFile + ':' + event.lineNumber + ')');
});
document.addEventListener('es-error', (event) => window.__esErrors.push(JSON.stringify(event.detail)));
`;

/** Same-origin module: the day the samples were written for (see the header comment). */
const SAMPLE_DAY_JS = `for (const element of document.querySelectorAll('es-service')) element.today = ${JSON.stringify(SAMPLE_TODAY)};\n`;

/** Not hostile but destructive, through the element's public hooks: the audit must notice (negative control). */
const SABOTAGE_CSS = `
es-service{--es-focus-ring:0 none;font-size:12px}
es-service::part(label){display:none}
es-service::part(button){min-block-size:0;min-inline-size:0;padding:0;border:0}
`;

const PROBE_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>date probe</title></head>
<body><input type="date" id="d0"><input type="date" id="d1"><input type="date" id="d2"></body></html>`;

function cmsPage(options: { readonly service: string; readonly api: string; readonly bundle: string; readonly lang: string; readonly sabotage: boolean }): string {
  const attribute = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<html lang="${options.lang}"><head><meta charset="utf-8"><title>Kommunen</title>
<link rel="stylesheet" href="/assets/cms.css">${options.sabotage ? '\n<link rel="stylesheet" href="/assets/sabotage.css">' : ''}
<script src="/assets/watch.js"></script>
<script type="module" src="/assets/sample-day.js"></script>
<script type="module" src="${attribute(options.bundle)}"></script>
</head><body>
<header><a href="#main">Till innehållet</a> <nav><a href="/">Start</a> <a href="/kontakt">Kontakt</a></nav>
<form role="search" action="/sok"><label for="q">Sök</label><input id="q" name="q"><button>Sök</button></form></header>
<main id="main"><h1>Kommunens e-tjänster</h1><p>Fyll i formuläret nedan.</p>
<es-service service="${attribute(options.service)}" api="${attribute(options.api)}" lang="${options.lang}"></es-service>
</main><footer><p>Kommunen, Storgatan 1</p></footer></body></html>`;
}

/**
 * A built-in service as the loopback server serves and judges it (on the samples' day):
 * core's strict load, hash, precompiled module and evaluation. Built once per service.
 */
const prepared = new Map<BuiltInServiceId, { readonly service: LoopbackService; readonly expected: (answers: Record<string, unknown>) => Record<string, unknown> }>();
function builtIn(id: BuiltInServiceId) {
  let entry = prepared.get(id);
  if (entry === undefined) {
    const loaded = loadFixture(readFileSync(builtInDefinitionPath(id), 'utf8'));
    const compiled = compileDefinition(loaded);
    const judge = (answers: Readonly<Record<string, unknown>>) => evaluate(loaded.definition, compiled, answers, { today: SAMPLE_TODAY });
    entry = {
      service: {
        definition: loaded.definition,
        hash: loaded.hash,
        validatorSource: precompileDefinition(loaded),
        check(answers) {
          const { errors, pruned } = judge(answers);
          return { errors, pruned };
        },
      },
      // The sample's answers as the server must keep them: valid, hidden fields dropped.
      expected(answers) {
        const { errors, pruned } = judge(answers);
        assert.deepEqual(errors, [], `the ${id} sample is valid on ${SAMPLE_TODAY}`);
        return pruned;
      },
    };
    prepared.set(id, entry);
  }
  return entry;
}

const JS = 'text/javascript; charset=utf-8';

/** dist/eservice-kit.js and dist/chunks/*, or undefined. */
function bundleFile(path: string): Buffer | undefined {
  if (path !== '/eservice-kit.js' && !/^\/chunks\/[\w.-]+\.js$/.test(path)) return undefined;
  const file = new URL(`.${path}`, dist);
  return existsSync(file) ? readFileSync(file) : undefined;
}

/** Forwards a request to the loopback server as is (Origin included), and its answer back. */
function proxy(loopback: LoopbackServer, request: IncomingMessage, response: ServerResponse): void {
  const target = new URL(loopback.baseUrl);
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => response.destroy());
  request.pipe(upstream);
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Where things are, once the servers listen. */
interface Origins {
  /** The CMS. */
  readonly page: string;
  /** The e-service origin of deployment 2: dist/ and the API (proxied to its loopback server). */
  readonly eservice: string;
}

interface Deployment {
  readonly id: string;
  readonly title: string;
  readonly lang: string;
  /** URL of eservice-kit.js. */
  bundle(origins: Origins, loopback: LoopbackServer): string;
  /** The `api` attribute: the tenant base URL. */
  api(origins: Origins, loopback: LoopbackServer): string;
  /** The page's policy: default-src 'self' plus this deployment's documented additions. */
  csp(origins: Origins, loopback: LoopbackServer): string;
  /** Negative control: add SABOTAGE_CSS to the page. */
  readonly sabotage?: boolean;
}

/** The documented additions for an e-service origin E: `script-src 'self' E; connect-src 'self' E`. */
const policy = (eservice: string) => `default-src 'self'; script-src 'self' ${eservice}; connect-src 'self' ${eservice}`;
const loopbackOrigin = (loopback: LoopbackServer) => new URL(loopback.baseUrl).origin;

const DEPLOYMENTS: readonly Deployment[] = [
  {
    id: 'bundle-on-page-origin',
    title: "bundle on the page's origin, API on the e-service origin (lang sv)",
    lang: 'sv',
    bundle: (origins) => `${origins.page}/eservice-kit.js`,
    api: (_, loopback) => loopback.baseUrl,
    csp: (_, loopback) => policy(loopbackOrigin(loopback)),
  },
  {
    id: 'bundle-on-eservice-origin',
    title: 'bundle and API on the e-service origin (lang en)',
    lang: 'en',
    bundle: (origins) => `${origins.eservice}/eservice-kit.js`,
    api: (origins) => `${origins.eservice}${BASE_PATH}`,
    csp: (origins) => policy(origins.eservice),
  },
];

/** Negative controls, on deployment 1's servers: pages that must fail the checks. */
const CONTROLS = {
  noAdditions: { ...DEPLOYMENTS[0]!, id: 'no-additions', title: "default-src 'self' alone", csp: () => "default-src 'self'" },
  connectOnly: {
    ...DEPLOYMENTS[0]!,
    id: 'connect-src-only',
    title: 'connect-src added, script-src not',
    csp: (_: Origins, loopback: LoopbackServer) => `default-src 'self'; connect-src 'self' ${loopbackOrigin(loopback)}`,
  },
  sabotaged: { ...DEPLOYMENTS[0]!, id: 'sabotaged', title: 'sabotaged styling', sabotage: true },
} satisfies Record<string, Deployment>;

// The two deployments run side by side (one page each), each with its own loopback server.
describe('hostile CMS page: every built-in service, filled by keyboard, under a strict policy', { concurrency: true }, () => {
  let pageServer: Server;
  let eserviceServer: Server;
  const loopbacks = new Map<string, LoopbackServer>();
  let browser: Browser;
  let origins: Origins = { page: '', eservice: '' };
  let dateOrder: DateOrder = 'mdy';
  const loopbackOf = (deployment: Deployment) => loopbacks.get(deployment.id) ?? loopbacks.get(DEPLOYMENTS[0]!.id)!;
  const deploymentNamed = (id: string) => [...DEPLOYMENTS, ...Object.values(CONTROLS)].find((candidate) => candidate.id === id);

  before(async () => {
    assert.ok(existsSync(new URL('eservice-kit.js', dist)), 'dist/eservice-kit.js exists (run `npm run build` first)');
    // The CMS: its pages (each with its deployment's policy), its assets, and a copy of dist/.
    pageServer = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://cms');
      const send = (status: number, type: string, body: string | Buffer, csp = "default-src 'self'") =>
        response.writeHead(status, { 'Content-Type': type, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' }).end(body);
      const page = /^\/cms\/([\w-]+)\/([\w-]+)\/$/.exec(url.pathname);
      if (page) {
        const deployment = deploymentNamed(page[1]!);
        if (!deployment) return send(404, 'text/plain', 'no such deployment');
        const loopback = loopbackOf(deployment);
        const html = cmsPage({
          service: page[2]!,
          api: deployment.api(origins, loopback),
          bundle: deployment.bundle(origins, loopback),
          lang: deployment.lang,
          sabotage: deployment.sabotage === true,
        });
        return send(200, 'text/html; charset=utf-8', html, deployment.csp(origins, loopback));
      }
      if (url.pathname === '/probe/') return send(200, 'text/html; charset=utf-8', PROBE_HTML);
      if (url.pathname === '/assets/cms.css') return send(200, 'text/css; charset=utf-8', HOSTILE_CSS);
      if (url.pathname === '/assets/sabotage.css') return send(200, 'text/css; charset=utf-8', SABOTAGE_CSS);
      if (url.pathname === '/assets/watch.js') return send(200, JS, WATCH_JS);
      if (url.pathname === '/assets/sample-day.js') return send(200, JS, SAMPLE_DAY_JS);
      if (url.pathname === '/favicon.ico') return void response.writeHead(204).end();
      const file = bundleFile(url.pathname);
      if (file) return send(200, JS, file);
      return send(404, 'text/plain', 'not found');
    });
    const page = await listen(pageServer);
    for (const deployment of DEPLOYMENTS) {
      const services = BUILT_IN_SERVICE_IDS.map((id) => builtIn(id).service);
      loopbacks.set(deployment.id, await startLoopbackServer({ services, basePath: BASE_PATH, allowedOrigins: [page] }));
    }
    // The e-service origin of deployment 2: dist/ with CORS (module scripts are fetched in cors mode), and the API.
    const eserviceLoopback = loopbackOf(DEPLOYMENTS[1]!);
    eserviceServer = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://eservice').pathname;
      if (path.startsWith(`${BASE_PATH}/`)) return proxy(eserviceLoopback, request, response);
      const file = bundleFile(path);
      if (!file) return void response.writeHead(404).end();
      response.writeHead(200, { 'Content-Type': JS, 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'no-store' }).end(file);
    });
    origins = { page, eservice: await listen(eserviceServer) };
    browser = await puppeteer.launch({ executablePath: chromiumPath(), args: [...chromiumArgs], headless: true });
    const probe = await browser.newPage();
    dateOrder = await probeDateOrder(probe, `${page}/probe/`);
    await probe.close();
  });

  after(async () => {
    await browser?.close();
    for (const loopback of loopbacks.values()) await loopback.close();
    pageServer?.closeAllConnections();
    pageServer?.close();
    eserviceServer?.closeAllConnections();
    eserviceServer?.close();
  });

  for (const deployment of DEPLOYMENTS) {
    describe(deployment.title, { concurrency: 1 }, () => {
      for (const { service, sample: sampleName } of CASES.filter((candidate) => (candidate.only ?? deployment.id) === deployment.id)) {
        it(`${service}: "${sampleName}"`, async (t) => {
          const sample = builtInSamples(service).valid.find((candidate) => candidate.name === sampleName);
          assert.ok(sample, `${service} has a valid sample "${sampleName}"`);
          const expected = builtIn(service).expected(sample.answers);
          const run = await runPage(deployment, service, sample.answers);
          const { report } = run;
          const context = () => `\n  driver log:\n    ${report.log.join('\n    ')}`;
          const problems = (pick: (audit: ScreenAudit) => readonly string[]) => report.screens.flatMap(({ screen, audit }) => pick(audit).map((problem) => `${screen}: ${problem}`));

          await t.test('no CSP violation (no securitypolicyviolation event, no console message about the policy)', () => {
            assert.deepEqual(run.violations, [], 'securitypolicyviolation events');
            assert.deepEqual(run.cspConsole, [], 'console messages about the Content Security Policy');
          });
          await t.test('no uncaught error in the page, no es-error event', () => {
            assert.deepEqual(run.pageErrors, [], 'uncaught page errors');
            assert.deepEqual(run.esErrors, [], 'es-error events');
          });
          await t.test('controls ≥ 16 px on every screen', () => {
            assert.ok(report.screens.length > 0 && report.screens.every(({ audit }) => audit.counted.controls > 0), 'every screen has controls to check');
            assert.deepEqual(problems((audit) => audit.smallText), []);
          });
          await t.test('labels, legends and buttons visible on every screen', () => {
            assert.deepEqual(problems((audit) => audit.invisible), []);
          });
          await t.test('a visible focus ring on every control focused by keyboard', () => {
            assert.deepEqual(report.focusRings, []);
          });
          await t.test('targets ≥ 24 × 24 CSS px on every screen', () => {
            assert.deepEqual(problems((audit) => audit.smallTargets), []);
          });
          await t.test('filled by keyboard alone', () => {
            assert.deepEqual(report.keyboard, [], `keyboard problems${context()}`);
          });
          await t.test('the loopback server receives exactly the pruned sample', () => {
            assert.equal(report.failure, undefined, `the form was completed by keyboard${context()}`);
            assert.equal(run.cases.length, 1, `exactly one new case (got ${run.cases.length})`);
            const [received] = run.cases;
            assert.equal(received!.serviceId, service);
            assert.equal(received!.reference, report.reference, 'the receipt shows the case reference');
            assert.deepStrictEqual(received!.request.answers, expected);
            assert.equal(received!.request.locale, deployment.lang, 'the case is sent in the UI language');
          });
          await t.test("the page's text resets do not leak into the element", () => {
            for (const inherited of run.inherited) assert.match(inherited, /^text-transform none, letter-spacing normal, line-height (?!16px)/);
          });
          t.diagnostic(`${run.ms} ms; ${report.keys.presses} key presses, ${report.keys.characters} characters typed in ${report.keys.typingMs} ms`);
        });
      }
    });
  }

  describe('negative controls: the checks can fail', { concurrency: 1 }, () => {
    it("without script-src and connect-src for the e-service origin the form cannot load, and the violation is seen", async () => {
      for (const [control, directive, code] of [
        [CONTROLS.noAdditions, /^connect-src /, 'api-unreachable'],
        [CONTROLS.connectOnly, /^script-src(-elem)? .*\/validator\.js/, 'validator-missing'],
      ] as const) {
        const run = await runPage(control, 'fault-report', {}, 1);
        assert.match(run.report.failure ?? '', /shows a failure/, `${control.title}: the element shows a failure`);
        assert.ok(run.violations.some((violation) => directive.test(violation)), `${control.title}: violation ${directive} in ${JSON.stringify(run.violations)}`);
        assert.ok(run.esErrors.some((error) => JSON.parse(error).code === code), `${control.title}: es-error ${code} in ${JSON.stringify(run.esErrors)}`);
      }
    });
    it('a page that removes focus rings, hides labels, shrinks text and buttons is caught', async () => {
      const run = await runPage(CONTROLS.sabotaged, 'fault-report', {}, 2);
      const [, step] = run.report.screens;
      assert.ok(step, `the first step was audited (${run.report.failure ?? ''})`);
      assert.ok(step.audit.smallText.some((problem) => problem.includes('<button')), 'small button text is caught');
      assert.ok(step.audit.invisible.some((problem) => problem.includes('<label')), 'hidden labels are caught');
      assert.ok(step.audit.smallTargets.some((problem) => problem.includes('<button')), 'small buttons are caught');
      assert.ok(run.report.focusRings.length > 0, 'missing focus rings are caught');
    });
  });

  /**
   * Opens the CMS page in a fresh browser context, fills the form by keyboard (and sends it,
   * unless `screens` stops earlier), and collects what happened.
   */
  async function runPage(deployment: Deployment, service: BuiltInServiceId, answers: Record<string, unknown>, screens?: number) {
    const started = Date.now();
    const context = await browser.createBrowserContext();
    try {
      const page: Page = await context.newPage();
      await page.evaluateOnNewDocument(NAME_SHIM);
      const cdp = await page.createCDPSession();
      const cspConsole: string[] = [];
      const pageErrors: string[] = [];
      const isCsp = (text: string) => /content security policy|content-security-policy|refused to/i.test(text);
      cdp.on('Log.entryAdded', ({ entry }) => {
        if (entry.source === 'security' || isCsp(entry.text)) cspConsole.push(`${entry.level}: ${entry.text}`);
      });
      await cdp.send('Log.enable');
      page.on('console', (message) => {
        if (isCsp(message.text())) cspConsole.push(`${message.type()}: ${message.text()}`);
      });
      const report = newReport();
      page.on('pageerror', (error) => pageErrors.push(`${String(error)} (while ${report.doing})`));
      const loopback = loopbackOf(deployment);
      const known = new Set(loopback.cases.keys());
      await page.goto(`${origins.page}/cms/${deployment.id}/${service}/`);
      await page.bringToFront();
      await fillByKeyboard(page, answers, { dateOrder, report, ...(screens === undefined ? {} : { screens }) });
      const state = await page.evaluate(() => {
        const w = window as unknown as { __violations: string[]; __esErrors: string[] };
        return { violations: w.__violations, esErrors: w.__esErrors };
      });
      const inherited = [
        ...new Set(report.screens.map(({ audit }) => `text-transform ${audit.inherited.textTransform}, letter-spacing ${audit.inherited.letterSpacing}, line-height ${audit.inherited.lineHeight}`)),
      ];
      return {
        report,
        violations: state.violations,
        esErrors: state.esErrors,
        cspConsole,
        pageErrors,
        cases: [...loopback.cases.values()].filter((stored) => !known.has(stored.reference)),
        inherited,
        ms: Date.now() - started,
      };
    } finally {
      await context.close();
    }
  }
});
