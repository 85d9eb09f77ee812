import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILT_IN_SERVICE_IDS } from '@eservice-kit/services';
import { runContractSuite } from '@eservice-kit/core/contract';
import type { ServiceCatalog } from '../src/index.js';
import { startInProcess } from './support/test-server.js';

describe('service catalog over HTTP, one tenant at the root', () => {
  let server: Awaited<ReturnType<typeof startInProcess>>;
  let catalog: ServiceCatalog;
  let base: string;

  before(async () => {
    server = await startInProcess();
    catalog = server.tenants[0]!.catalog;
    base = server.url;
  });
  after(() => server.close());

  it('passes the contract suite\'s catalog, definition and validator checks', async () => {
    const catalogChecks = ['catalog.shape', 'definition.etag', 'definition.not-modified', 'definition.unknown-service', 'validator.module', 'validator.unknown-version'];
    const report = await runContractSuite({ baseUrl: base, serviceId: 'fault-report', only: catalogChecks });
    const failures = report.results.filter((result) => result.outcome !== 'pass');
    assert.deepEqual(failures, []);
    assert.equal(report.passed, catalogChecks.length);
  });

  it('lists every built-in service with its hash and handling time', async () => {
    const response = await fetch(`${base}/api/services`);
    assert.equal(response.status, 200);
    const body = (await response.json()) as { services: { id: string; hash: string; handlingTime: { workingDays: number } }[] };
    assert.deepEqual(body.services.map((service) => service.id), [...BUILT_IN_SERVICE_IDS].sort());
    for (const service of body.services) {
      assert.match(service.hash, /^sha256-[A-Za-z0-9_-]{43}$/);
      assert.ok(service.handlingTime.workingDays > 0);
    }
  });

  it('serves a definition with its hash as ETag and answers 304 to If-None-Match', async () => {
    const first = await fetch(`${base}/api/services/civil-wedding`);
    assert.equal(first.status, 200);
    const etag = first.headers.get('etag')!;
    assert.equal(etag, `"${catalog.get('civil-wedding')!.hash}"`);
    assert.equal(((await first.json()) as { id: string }).id, 'civil-wedding');
    const again = await fetch(`${base}/api/services/civil-wedding`, { headers: { 'If-None-Match': etag } });
    assert.equal(again.status, 304);
  });

  it('serves the precompiled validator as a self-contained module made for that hash', async () => {
    const response = await fetch(`${base}/api/services/fault-report/validator.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type')!, /^text\/javascript/);
    const source = await response.text();
    assert.doesNotMatch(source, /\brequire\(|^\s*import\b|\beval\(/m);
    const file = join(mkdtempSync(join(tmpdir(), 'es-catalog-')), 'fault-report.validator.js');
    writeFileSync(file, source);
    const module = (await import(pathToFileURL(file).href)) as { hash: string; definitionId: string };
    assert.equal(module.hash, catalog.get('fault-report')!.hash);
    assert.equal(module.definitionId, 'fault-report');
  });

  it('keeps an older version reachable by hash after a new version is added', async () => {
    const old = catalog.get('complaint')!;
    const next = { ...old.definition, version: '99.0.0' };
    const added = catalog.add(next);
    assert.ok(added.ok);
    assert.notEqual(added.version.hash, old.hash);
    const current = await fetch(`${base}/api/services/complaint`);
    assert.equal(((await current.json()) as { version: string }).version, '99.0.0');
    const byHash = await fetch(`${base}/api/services/complaint/validator.js?hash=${old.hash}`);
    assert.equal(byHash.status, 200);
    assert.equal(byHash.headers.get('etag'), catalog.getVersion('complaint', old.hash)!.validatorEtag);
    assert.match(await byHash.text(), new RegExp(old.hash.replace(/[-/]/g, '\\$&')));
  });

  it('answers unknown services and hashes with a problem body, and refuses broken definitions', async () => {
    for (const path of ['/api/services/no-such-service', '/api/services/fault-report/validator.js?hash=sha256-nope']) {
      const response = await fetch(base + path);
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
      const problem = (await response.json()) as { status: number; detail: string };
      assert.equal(problem.status, 404);
    }
    const broken = catalog.add({ id: 'x' });
    assert.equal(broken.ok, false);
    assert.equal(catalog.get('x'), undefined);
    // Loads, but two rule conditions claim one $id: refused with a reason, not thrown.
    const twoIds = structuredClone(catalog.get('fault-report')!.definition) as unknown as { ui: { rules: { when: Record<string, unknown> }[] } };
    twoIds.ui.rules[0]!.when['$id'] = 'https://example.org/same';
    twoIds.ui.rules[1]!.when['$id'] = 'https://example.org/same';
    const refused = catalog.add(twoIds);
    assert.equal(refused.ok, false);
    assert.ok(!refused.ok && refused.errors[0]!.pointer === '/schema');
  });
});
