/** Catalog, definition (ETag, 304) and validator module checks. */
import { generateIdempotencyKey } from '../case/random.js';
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
import type { Check, SuiteContext } from './context.js';

const HASH = /^sha256-[A-Za-z0-9_-]{43}$/;
const SERVICE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function needService(context: SuiteContext): string {
  return context.serviceId ?? skip('no service to test: the catalog check found none');
}

function catalogEntryProblem(entry: unknown): string | undefined {
  if (!isRecord(entry)) return 'is not an object';
  if (typeof entry.id !== 'string' || !SERVICE_ID.test(entry.id)) return 'has no kebab-case id';
  if (typeof entry.version !== 'string' || entry.version === '') return 'has no version';
  if (typeof entry.hash !== 'string' || !HASH.test(entry.hash)) return 'has no sha256-… hash';
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
    id: 'validator.unknown-version',
    name: 'validator.js?hash= of an unknown version gives a 404 problem',
    async run(context) {
      const id = needService(context);
      const response = await context.http.request('GET', `api/services/${id}/validator.js?hash=sha256-${'A'.repeat(43)}`);
      expectProblem(response, 404);
    },
  },
];

