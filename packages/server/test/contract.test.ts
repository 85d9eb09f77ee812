import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { stockholmDate } from '@eservice-kit/core';
import { contractChecks, formatContractReport, runContractSuite } from '@eservice-kit/core/contract';
import { lampSuiteOptions, validLampAnswers } from './support/lamp.js';
import { TWO_TENANTS, startInProcess } from './support/test-server.js';

describe('core\'s contract suite against the reference server, for two tenants', () => {
  let server: Awaited<ReturnType<typeof startInProcess>>;
  before(async () => {
    server = await startInProcess({ tenants: TWO_TENANTS });
  });
  after(() => server.close());

  for (const [tenant, origin] of [['ostra', 'https://www.ostra.example'], ['vastra', 'https://www.vastra.example']] as const) {
    test(`passes every check for /${tenant}`, async () => {
      const report = await runContractSuite(lampSuiteOptions(`${server.url}/${tenant}`, origin));
      assert.equal(report.failed, 0, formatContractReport(report));
      assert.equal(report.skipped, 0, formatContractReport(report));
      assert.equal(report.passed, contractChecks.length);
    });
  }

  test('numbers references per tenant: the same number in both, and neither can read the other\'s case', async () => {
    const submit = async (tenant: string) => {
      const response = await fetch(`${server.url}/${tenant}/api/services/broken-lamp/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `cross-tenant-${tenant}` },
        body: JSON.stringify({ answers: validLampAnswers, locale: 'sv', definitionVersion: '1.0.0', definitionHash: server.tenants[0]!.catalog.get('broken-lamp')!.hash }),
      });
      assert.equal(response.status, 201);
      return (await response.json()) as { reference: string; token: string; trackingCode: string };
    };
    // Both tenants have had the same submissions so far (the suite's, or none), so they number alike.
    const ostra = await submit('ostra');
    const vastra = await submit('vastra');
    assert.equal(ostra.reference, vastra.reference);
    assert.match(ostra.reference, new RegExp(`^LMP-${stockholmDate(new Date()).slice(0, 4)}-\\d{6}$`));
    assert.deepEqual((await server.storage.getCase('ostra', ostra.reference))?.answers, validLampAnswers);
    for (const secret of [ostra.token, ostra.trackingCode]) {
      const own = await fetch(`${server.url}/ostra/api/cases/${ostra.reference}`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(own.status, 200);
      const other = await fetch(`${server.url}/vastra/api/cases/${ostra.reference}`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal(other.status, 404, 'the same reference in the other tenant is another case, closed to this secret');
    }
  });

  test('answers CORS only for the tenant\'s own origins', async () => {
    const foreign = await fetch(`${server.url}/ostra/api/services`, { headers: { origin: 'https://www.vastra.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const own = await fetch(`${server.url}/ostra/eservice-kit.js`, { headers: { origin: 'https://www.ostra.example' } });
    assert.equal(own.headers.get('access-control-allow-origin'), 'https://www.ostra.example');
  });

  test('refuses a path that names no tenant', async () => {
    const response = await fetch(`${server.url}/norra/api/services`);
    assert.equal(response.status, 404);
    assert.equal(response.headers.get('content-type'), 'application/problem+json; charset=utf-8');
  });
});
