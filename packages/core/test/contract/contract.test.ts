import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { contractChecks, formatContractReport, runContractSuite, type ContractOptions, type ContractReport } from '../../src/contract/index.js';
import { precompileDefinition } from '../../src/compile/index.js';
import { hiddenFieldLampAnswers, invalidLampAnswers, lampDefinition, lampService, validLampAnswers } from './fixture.js';
import { startLoopbackServer, type LoopbackFaults, type LoopbackServer, type LoopbackService } from './loopback-server.js';

const ORIGIN = 'https://kommun.example';
const olderLamp = lampService({ ...lampDefinition, version: '0.9.0' });
const currentLamp = lampService();

function start(faults?: LoopbackFaults, services: readonly LoopbackService[] = [olderLamp, currentLamp]): Promise<LoopbackServer> {
  return startLoopbackServer({
    services,
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
    hiddenFieldAnswers: hiddenFieldLampAnswers,
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

  test('the server received exactly the answers that were sent, and kept them without hidden fields', () => {
    const stored = [...server.cases.values()];
    // Runs before the next tests add their own cases.
    assert.equal(stored.length, 2, 'submit.created and submit.hidden-fields: the replay and the key reuse made none');
    assert.deepEqual(stored[0]!.request.answers, validLampAnswers);
    assert.deepEqual(stored[0]!.answers, validLampAnswers);
    assert.deepEqual(stored[1]!.request.answers, hiddenFieldLampAnswers);
    const { email: _hidden, ...pruned } = hiddenFieldLampAnswers;
    assert.deepEqual(stored[1]!.answers, pruned, 'the e-mail of an anonymous report is dropped');
  });

  test('reports submission checks as skipped, not passed, without sample answers', async () => {
    const { validAnswers: _valid, invalidAnswers: _invalid, hiddenFieldAnswers: _hidden, ...rest } = suiteOptions(server.baseUrl);
    const report = await runContractSuite(rest);
    const skipped = report.results.filter((result) => result.outcome === 'skip').map((result) => result.id);
    assert.deepEqual(skipped, [
      'submit.invalid-answers',
      'submit.created',
      'submit.replay',
      'submit.key-reuse',
      'submit.hidden-fields',
      'case.token',
      'case.tracking-code',
      'case.typed',
      'case.not-found-alike',
    ]);
    assert.match(report.results.find((result) => result.id === 'submit.hidden-fields')!.detail!, /no hiddenFieldAnswers given/);
    assert.equal(report.failed, 0, formatContractReport(report));
    assert.ok(report.results.filter((result) => result.outcome === 'skip').every((result) => !result.ok && result.detail));
  });

  test('reports only the selected checks, still running the ones they build on', async () => {
    const report = await runContractSuite({ ...suiteOptions(server.baseUrl), only: ['case.'] });
    assert.deepEqual(report.results.map((result) => result.id), ['case.token', 'case.tracking-code', 'case.typed', 'case.not-found-alike', 'case.no-secret']);
    assert.equal(report.passed, 5, formatContractReport(report));
  });

  test('skips the hidden-field check, with the reason, for answers that hide nothing or stay invalid', async () => {
    for (const [answers, reason] of [
      [validLampAnswers, /set no field that the rules hide/],
      [{ anonymous: true, email: 'anna@example.org' }, /invalid even with \/email dropped \(\/description required\)/],
    ] as const) {
      const report = await runContractSuite({ ...suiteOptions(server.baseUrl), hiddenFieldAnswers: answers, only: ['submit.hidden-fields'] });
      const [result] = report.results;
      assert.equal(result?.outcome, 'skip', formatContractReport(report));
      assert.match(result.detail ?? '', reason);
    }
  });

  test('serves an older version\'s validator module by ?hash=', async () => {
    const response = await fetch(`${server.baseUrl}/api/services/broken-lamp/validator.js?hash=${olderLamp.hash}`);
    assert.equal(response.status, 200);
    assert.equal(await response.text(), olderLamp.validatorSource);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${server.baseUrl}/api/services/broken-lamp/validator.js?hash=${olderLamp.hash}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });
});

describe('the contract suite catches a broken server', () => {
  const cases: [string, LoopbackFaults, string[]][] = [
    ['200 instead of 409 on key reuse', { keyReuseSucceeds: true }, ['submit.key-reuse']],
    ['a stack trace as plain text for malformed JSON', { leakStack: true }, ['submit.malformed-json', 'errors.problem-json']],
    ['a 401 that tells a wrong secret from an unknown reference', { revealWrongSecret: true }, ['case.not-found-alike']],
    ['a preflight without Authorization', { corsWithoutAuthorization: true }, ['cors.preflight']],
    ['a preflight for POST on cases that allows only GET', { corsOnlyGet: true }, ['cors.preflight']],
    ['a 422 for an answer to a field the rules hide', { rejectHiddenAnswers: true }, ['submit.hidden-fields']],
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

  // Each serves the lamp under a hash or module browsers would refuse.
  const lampHashByJsonText = `sha256-${createHash('sha256').update(JSON.stringify(lampDefinition)).digest('base64url')}`;
  const brokenServices: [string, LoopbackService, string[], RegExp][] = [
    [
      'an ETag that is not core\'s definitionHash (its module agrees with it)',
      lampService(lampDefinition, {
        hash: lampHashByJsonText,
        validatorSource: precompileDefinition({ definition: currentLamp.definition, hash: lampHashByJsonText }),
      }),
      ['definition.hash'],
      /is not definitionHash of the served definition/,
    ],
    ['the previous version\'s validator module', lampService(lampDefinition, { validatorSource: olderLamp.validatorSource }), ['validator.hash'], /exports hash "sha256-/],
    [
      'a module made for another service with this hash',
      lampService(lampDefinition, {
        validatorSource: precompileDefinition({ definition: { ...currentLamp.definition, id: 'other-lamp' }, hash: currentLamp.hash }),
      }),
      ['validator.hash'],
      /definitionId "other-lamp"/,
    ],
    [
      'a hand-written stand-in that exports only hash and validate',
      lampService(lampDefinition, {
        validatorSource: `export const hash = ${JSON.stringify(currentLamp.hash)};\nexport function validate(answers) { return typeof answers.description === 'string'; }\n`,
      }),
      ['validator.hash'],
      /definitionId undefined/,
    ],
    [
      'a module without the condition of a rule',
      lampService(lampDefinition, {
        validatorSource: precompileDefinition({ definition: { ...currentLamp.definition, ui: { ...currentLamp.definition.ui, rules: [] } }, hash: currentLamp.hash }),
      }),
      ['validator.hash'],
      /no condition for rule no-contact-when-anonymous/,
    ],
    [
      'a module that does not parse',
      lampService(lampDefinition, { validatorSource: `export const hash = ${JSON.stringify(currentLamp.hash)};\nexport function validate( {` }),
      ['validator.hash'],
      /does not load as a self-contained ES module: SyntaxError/,
    ],
  ];
  for (const [name, service, expected, detail] of brokenServices) {
    test(name, async () => {
      const server = await start(undefined, [service]);
      try {
        const report = await runContractSuite(suiteOptions(server.baseUrl));
        assert.deepEqual(failing(report), expected, formatContractReport(report));
        assert.match(report.results.find((result) => result.id === expected[0])!.detail ?? '', detail);
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

describe('CORS preflights', () => {
  const preflight = (server: LoopbackServer, path: string, method: string) =>
    fetch(`${server.baseUrl}/${path}`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': method, 'access-control-request-headers': 'authorization' },
    });

  test('a GET preflight need not list GET, nor POST, which that path does not take', async () => {
    const server = await startLoopbackServer({ services: [currentLamp], allowedOrigins: [ORIGIN], minimalPreflight: true });
    try {
      const lookUp = await preflight(server, 'api/cases/LMP-2026-000001', 'GET');
      assert.equal(lookUp.status, 204);
      assert.equal(lookUp.headers.get('access-control-allow-methods'), null);
      const submit = await preflight(server, 'api/services/broken-lamp/cases', 'POST');
      assert.equal(submit.headers.get('access-control-allow-methods'), 'POST, OPTIONS');
      const report = await runContractSuite({ ...suiteOptions(server.baseUrl), only: ['cors.'] });
      assert.deepEqual(failing(report), [], formatContractReport(report));
      assert.equal(report.passed, 2);
    } finally {
      await server.close();
    }
  });
});

describe('service ids as the definition meta-schema has them', () => {
  test('an id with an underscore passes the whole suite', async () => {
    const streetLamp = lampService({ ...lampDefinition, id: 'street_lamp' });
    const server = await start(undefined, [streetLamp]);
    try {
      const report = await runContractSuite({ ...suiteOptions(server.baseUrl), serviceId: 'street_lamp' });
      assert.equal(report.failed, 0, formatContractReport(report));
      assert.equal(report.passed, contractChecks.length, formatContractReport(report));
    } finally {
      await server.close();
    }
  });

  for (const id of ['2-lamps', `lamp-${'a'.repeat(60)}`, 'Lamp']) {
    test(`a catalog entry with id "${id.length > 20 ? `${id.slice(0, 12)}… (${id.length})` : id}" fails catalog.shape`, async () => {
      // Not a loadable definition, so served as is (the loopback does not check what it is given).
      const invalid: LoopbackService = { ...currentLamp, definition: { ...currentLamp.definition, id } };
      const server = await start(undefined, [currentLamp, invalid]);
      try {
        const report = await runContractSuite({ ...suiteOptions(server.baseUrl), only: ['catalog.'] });
        assert.deepEqual(failing(report), ['catalog.shape'], formatContractReport(report));
        assert.match(report.results[0]!.detail ?? '', /services\[1\] has no valid id/);
      } finally {
        await server.close();
      }
    });
  }
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
