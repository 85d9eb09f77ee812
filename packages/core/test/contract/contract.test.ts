import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { contractChecks, formatContractReport, runContractSuite, type ContractOptions, type ContractReport } from '../../src/contract/index.js';
import { invalidLampAnswers, lampDefinition, lampService, validLampAnswers } from './fixture.js';
import { startLoopbackServer, type LoopbackFaults, type LoopbackServer } from './loopback-server.js';

const ORIGIN = 'https://kommun.example';
const olderLamp = lampService({ ...lampDefinition, version: '0.9.0' });
const currentLamp = lampService();

function start(faults?: LoopbackFaults): Promise<LoopbackServer> {
  return startLoopbackServer({
    services: [olderLamp, currentLamp],
    surveys: ['after-submit'],
    basePath: '/kommun',
    allowedOrigins: [ORIGIN],
    ...(faults === undefined ? {} : { faults }),
  });
}

function suiteOptions(baseUrl: string): ContractOptions {
  return {
    baseUrl,
    serviceId: 'broken-lamp',
    validAnswers: validLampAnswers,
    invalidAnswers: invalidLampAnswers,
    invalidPointer: '/anonymous',
    origin: ORIGIN,
    surveyId: 'after-submit',
    surveyAnswers: { effectiveness: 'yes', ease: 4, improve: 'Nothing.' },
  };
}

const failing = (report: ContractReport) => report.results.filter((result) => result.outcome === 'fail').map((result) => result.id);

describe('the contract suite against the loopback server', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await start();
  });
  after(() => server.close());

  test('passes every check', async () => {
    const report = await runContractSuite(suiteOptions(server.baseUrl));
    assert.equal(report.failed, 0, formatContractReport(report));
    assert.equal(report.skipped, 0, formatContractReport(report));
    assert.equal(report.passed, contractChecks.length);
  });

  test('the server received exactly the answers that were sent', () => {
    const stored = [...server.cases.values()];
    // Runs before the next tests add their own cases.
    assert.equal(stored.length, 1, 'one case: the replay and the key reuse made none');
    assert.deepEqual(stored[0]!.request.answers, validLampAnswers);
  });

  test('reports submission checks as skipped, not passed, without sample answers', async () => {
    const { validAnswers: _valid, invalidAnswers: _invalid, ...rest } = suiteOptions(server.baseUrl);
    const report = await runContractSuite(rest);
    const skipped = report.results.filter((result) => result.outcome === 'skip').map((result) => result.id);
    assert.deepEqual(skipped, ['submit.invalid-answers', 'submit.created', 'submit.replay', 'submit.key-reuse', 'case.token', 'case.tracking-code', 'case.typed', 'case.not-found-alike']);
    assert.equal(report.failed, 0, formatContractReport(report));
    assert.ok(report.results.filter((result) => result.outcome === 'skip').every((result) => !result.ok && result.detail));
  });

  test('reports only the selected checks, still running the ones they build on', async () => {
    const report = await runContractSuite({ ...suiteOptions(server.baseUrl), only: ['case.'] });
    assert.deepEqual(report.results.map((result) => result.id), ['case.token', 'case.tracking-code', 'case.typed', 'case.not-found-alike', 'case.no-secret']);
    assert.equal(report.passed, 5, formatContractReport(report));
  });

  test('serves an older version\'s validator module by ?hash=', async () => {
    const response = await fetch(`${server.baseUrl}/api/services/broken-lamp/validator.js?hash=${olderLamp.hash}`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), new RegExp(olderLamp.hash));
    assert.match(response.headers.get('cache-control') ?? '', /immutable/);
  });
});

describe('the contract suite catches a broken server', () => {
  const cases: [string, LoopbackFaults, string[]][] = [
    ['200 instead of 409 on key reuse', { keyReuseSucceeds: true }, ['submit.key-reuse']],
    ['a stack trace as plain text for malformed JSON', { leakStack: true }, ['submit.malformed-json', 'errors.problem-json']],
    ['a 401 that tells a wrong secret from an unknown reference', { revealWrongSecret: true }, ['case.not-found-alike']],
    ['a preflight without Authorization', { corsWithoutAuthorization: true }, ['cors.preflight']],
  ];
  for (const [name, faults, expected] of cases) {
    test(name, async () => {
      const server = await start(faults);
      try {
        const report = await runContractSuite(suiteOptions(server.baseUrl));
        assert.deepEqual(failing(report), expected, formatContractReport(report));
        assert.equal(report.passed, contractChecks.length - expected.length);
      } finally {
        await server.close();
      }
    });
  }

  test('an unreachable server fails checks with the network error, never throws', async () => {
    const report = await runContractSuite({ ...suiteOptions('http://127.0.0.1:9/kommun'), timeoutMs: 2000 });
    assert.ok(report.failed > 0);
    assert.equal(report.passed, 0);
    assert.match(report.results[0]!.detail ?? '', /request failed/);
  });
});

describe('the loopback server itself', () => {
  test('rate-limits failed case look-ups with 429 and Retry-After, known reference or not', async () => {
    const server = await startLoopbackServer({ services: [currentLamp], limits: { lookupFailuresPerMinute: 2 } });
    try {
      const look = (reference: string) =>
        fetch(`${server.baseUrl}/api/cases/${reference}`, { headers: { authorization: 'Bearer 0000-0000-0000' } });
      assert.equal((await look('LMP-2026-000001')).status, 404);
      assert.equal((await look('LMP-2026-000002')).status, 404);
      const limited = await look('LMP-2026-000003');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '60');
      assert.equal(limited.headers.get('content-type'), 'application/problem+json; charset=utf-8');
    } finally {
      await server.close();
    }
  });
});
