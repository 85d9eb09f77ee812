/** Catalog, definition (ETag, 304) and validator module checks. */
import { isIdentifier } from '../case/identifier.js';
import { generateIdempotencyKey } from '../case/random.js';
import { DEFINITION_HASH_PATTERN, definitionHash } from '../definition/hash.js';
import { compiledFromModule, type PrecompiledModule } from '../rules/precompiled.js';
import {
  describe,
  expect,
  expectJsonObject,
  expectProblem,
  expectStatus,
  fail,
  isLocalizedText,
  isRecord,
  skip,
} from './assert.js';
import { currentDefinition, type Check, type SuiteContext } from './context.js';

function needService(context: SuiteContext): string {
  return context.serviceId ?? skip('no service to test: the catalog check found none');
}

/**
 * Imports a module's source as a browser would `import()` it. A data: URL resolves nothing
 * relative, so only a self-contained module loads. This runs the server's code in this
 * process: point the suite at servers you trust.
 */
async function importModule(source: string): Promise<Record<string, unknown>> {
  try {
    return (await import(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`)) as Record<string, unknown>;
  } catch (error) {
    return fail(`validator.js does not load as a self-contained ES module: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

function ruleIds(definition: Record<string, unknown> | undefined): string[] {
  const ui = definition?.ui;
  const rules = isRecord(ui) && Array.isArray(ui.rules) ? (ui.rules as unknown[]) : [];
  return rules.flatMap((rule) => (isRecord(rule) && typeof rule.id === 'string' ? [rule.id] : []));
}

function catalogEntryProblem(entry: unknown): string | undefined {
  if (!isRecord(entry)) return 'is not an object';
  if (!isIdentifier(entry.id)) return `has no valid id (${JSON.stringify(entry.id)}: a lower-case letter, then a-z 0-9 in groups joined by - or _, at most 64)`;
  if (typeof entry.version !== 'string' || entry.version === '') return 'has no version';
  if (typeof entry.hash !== 'string' || !DEFINITION_HASH_PATTERN.test(entry.hash)) return 'has no sha256-… hash';
  if (!isLocalizedText(entry.title) || !isLocalizedText(entry.description)) return 'lacks a localized title or description';
  if (typeof entry.category !== 'string') return 'has no category';
  const handling = entry.handlingTime;
  if (!isRecord(handling) || !Number.isInteger(handling.workingDays) || (handling.workingDays as number) < 0) {
    return 'has no handlingTime.workingDays';
  }
  return undefined;
}

export const serviceChecks: readonly Check[] = [
  {
    id: 'catalog.shape',
    provides: true,
    name: 'GET api/services lists services with id, version, hash, title, description, category, handlingTime',
    async run(context) {
      const response = await context.http.request('GET', 'api/services');
      expectStatus(response, 200);
      const body = expectJsonObject(response);
      const services = body.services;
      expect(Array.isArray(services) && services.length > 0, `expected a non-empty "services" array: ${describe(response)}`);
      services.forEach((entry: unknown, index: number) => {
        const problem = catalogEntryProblem(entry);
        if (problem !== undefined) fail(`services[${index}] ${problem}`);
      });
      const wanted = context.options.serviceId;
      const entry = (services as Record<string, unknown>[]).find((item) => wanted === undefined || item.id === wanted);
      if (entry === undefined) fail(`the catalog does not list "${wanted}"`);
      context.serviceId = entry.id as string;
      context.catalogHash = entry.hash as string;
      context.catalogVersion = entry.version as string;
    },
  },
  {
    id: 'definition.etag',
    provides: true,
    name: 'GET api/services/{id} returns the definition with ETag = the quoted catalog hash',
    async run(context) {
      const id = needService(context);
      const response = await context.http.request('GET', `api/services/${id}`);
      expectStatus(response, 200);
      const definition = expectJsonObject(response);
      expect(definition.id === id, `definition.id is ${JSON.stringify(definition.id)}, expected "${id}"`);
      const etag = response.headers.get('etag');
      expect(etag !== null && /^"sha256-[A-Za-z0-9_-]{43}"$/.test(etag), `expected ETag "sha256-…", got ${etag}`);
      context.definition = definition;
      context.etag = etag;
      if (context.catalogHash !== undefined) {
        expect(etag === `"${context.catalogHash}"`, `ETag ${etag} differs from the catalog hash ${context.catalogHash}`);
      }
      if (context.catalogVersion !== undefined) {
        expect(definition.version === context.catalogVersion, 'definition.version differs from the catalog version');
      }
    },
  },
  {
    id: 'definition.hash',
    name: "The ETag is core's definitionHash of the definition as served (what browsers check the validator module against)",
    async run(context) {
      const definition = context.definition ?? skip('needs the definition from definition.etag');
      const etag = context.etag ?? skip('no ETag to compare');
      const hash = definitionHash(definition);
      expect(etag === `"${hash}"`, `ETag ${etag} is not definitionHash of the served definition, "${hash}"`);
    },
  },
  {
    id: 'definition.not-modified',
    name: 'If-None-Match with the current ETag gives 304 with no body',
    async run(context) {
      const id = needService(context);
      const etag = context.etag ?? skip('no ETag to send');
      const response = await context.http.request('GET', `api/services/${id}`, { headers: { 'if-none-match': etag } });
      expectStatus(response, 304);
      expect(response.text === '', '304 must have no body');
      const stale = await context.http.request('GET', `api/services/${id}`, {
        headers: { 'if-none-match': `"sha256-${'A'.repeat(43)}"` },
      });
      expectStatus(stale, 200);
    },
  },
  {
    id: 'definition.unknown-service',
    name: 'An unknown service gives a 404 service-not-found problem',
    async run(context) {
      const response = await context.http.request('GET', 'api/services/no-such-service-contract');
      expectProblem(response, 404, 'service-not-found');
      const submit = await context.http.request('POST', 'api/services/no-such-service-contract/cases', {
        headers: { 'idempotency-key': generateIdempotencyKey() },
        body: { answers: {}, locale: context.locale, definitionVersion: '1.0.0', definitionHash: `sha256-${'A'.repeat(43)}` },
      });
      expectProblem(submit, 404, 'service-not-found');
    },
  },
  {
    id: 'validator.module',
    name: 'validator.js is a CSP-safe ES module served as text/javascript, also by ?hash=',
    async run(context) {
      const id = needService(context);
      const response = await context.http.request('GET', `api/services/${id}/validator.js`);
      expectStatus(response, 200);
      expect(response.mediaType === 'text/javascript', `expected text/javascript, got "${response.mediaType}"`);
      expect(/(^|[;\s])export\s/.test(response.text), 'the module has no export');
      expect(!/\beval\s*\(|\bnew\s+Function\s*\(|\brequire\s*\(/.test(response.text), 'the module uses eval, Function or require');
      expect(!/^\s*import[\s{*'"]/m.test(response.text) && !/\bimport\s*\(/.test(response.text), 'the module imports');
      const hash = context.etag?.replace(/^"|"$/g, '') ?? skip('no hash known for ?hash=');
      const pinned = await context.http.request('GET', `api/services/${id}/validator.js?hash=${encodeURIComponent(hash)}`);
      expectStatus(pinned, 200);
      expect(pinned.text === response.text, '?hash= of the current version serves another module');
    },
  },
  {
    id: 'validator.hash',
    provides: true,
    name: "validator.js imports as a module exporting validate, a condition per rule, and the definition's hash, id and version",
    async run(context) {
      const id = needService(context);
      const current = currentDefinition(context) ?? skip('the definition hash is unknown');
      const response = await context.http.request('GET', `api/services/${id}/validator.js`);
      expectStatus(response, 200);
      const module = await importModule(response.text);
      expect(module.hash === current.hash, `validator.js exports hash ${JSON.stringify(module.hash)}; the definition's is "${current.hash}"`);
      expect(module.definitionId === id, `validator.js exports definitionId ${JSON.stringify(module.definitionId)}, expected "${id}"`);
      expect(
        module.definitionVersion === current.version,
        `validator.js exports definitionVersion ${JSON.stringify(module.definitionVersion)}, expected "${current.version}"`,
      );
      // What a browser does with it: core refuses a module made for another version.
      const compiled = compiledFromModule(module as unknown as PrecompiledModule, current.hash);
      expect(compiled !== undefined, 'compiledFromModule refuses the module: it exports no validate function');
      const conditions = isRecord(module.conditions) ? module.conditions : {};
      const missing = ruleIds(context.definition).filter((rule) => typeof conditions[rule] !== 'function');
      expect(missing.length === 0, `validator.js exports no condition for rule ${missing.join(', ')}`);
      context.compiled = compiled;
    },
  },
  {
    id: 'validator.unknown-version',
    name: 'validator.js?hash= of an unknown version gives a 404 problem',
    async run(context) {
      const id = needService(context);
      const response = await context.http.request('GET', `api/services/${id}/validator.js?hash=sha256-${'A'.repeat(43)}`);
      expectProblem(response, 404);
    },
  },
];

