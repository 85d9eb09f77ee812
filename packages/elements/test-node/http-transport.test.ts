/**
 * HttpTransport against core's loopback implementation of docs/openapi.yaml, and against tiny
 * deliberately broken servers for every failure kind. Runs in Node:
 *   node --import tsx --test packages/elements/test-node/http-transport.test.ts
 */
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { isRetryable, problemType, type SubmitRequest, type TransportFailure, type TransportResult } from '@eservice-kit/core';
import { readFileSync } from 'node:fs';
// Straight from the module: the package index also exports Lit elements, which need a DOM.
import { HttpTransport } from '../src/transport/http-transport.js';
import { invalidLampAnswers, lampDefinition, lampService, validLampAnswers } from '../../core/test/contract/fixture.js';
import { startLoopbackServer, type LoopbackServer } from '../../core/test/contract/loopback-server.js';

const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => unhandled.push(reason));

const lamp = lampService();
const olderLamp = lampService({ ...lampDefinition, version: '0.9.0' });
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);

let keyCounter = 0;
const freshKey = () => `test-key-${Date.now().toString(36)}-${++keyCounter}`;

function submission(answers: Record<string, unknown> = validLampAnswers, service = lamp): SubmitRequest {
  return { answers, locale: 'sv', definitionVersion: service.definition.version, definitionHash: service.hash };
}

function failed(result: TransportResult<unknown>): TransportFailure {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result as TransportFailure;
}

function value<T>(result: TransportResult<T>): T {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result)}`);
  return result.value;
}

interface Recorded {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly keepalive: boolean | undefined;
  readonly body: unknown;
}

/** The global fetch, with every request it is given written down. */
function recordingFetch(log: Recorded[]): typeof fetch {
  return (input, init) => {
    log.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: new Headers(init?.headers),
      keepalive: init?.keepalive,
      body: init?.body,
    });
    return fetch(input, init);
  };
}

interface Stub {
  readonly base: string;
  readonly requests: IncomingMessage[];
  close(): Promise<void>;
}

/** A tiny node:http server answering with `handler` (which may never answer). */
async function stub(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Stub> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    request.resume();
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}/tenant`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A stub answering every request with one fixed response. */
function answering(status: number, body: string, headers: Record<string, string> = {}): Promise<Stub> {
  return stub((_request, response) => {
    response.writeHead(status, headers);
    response.end(body);
  });
}

const problemJson = { 'content-type': 'application/problem+json' };
const appJson = { 'content-type': 'application/json' };

/** Every Transport method once, with plausible arguments. */
function everyMethod(transport: HttpTransport, options: { signal?: AbortSignal; timeoutMs?: number } = {}): Record<string, Promise<TransportResult<unknown>>> {
  return {
    listServices: transport.listServices(options),
    getDefinition: transport.getDefinition('broken-lamp', { ...options, etag: `"${lamp.hash}"` }),
    uploadFile: transport.uploadFile(new Blob([PNG], { type: 'image/png' }), { ...options, serviceId: 'broken-lamp', filename: 'lamp.png' }),
    submitCase: transport.submitCase('broken-lamp', submission(), { ...options, idempotencyKey: freshKey() }),
    getCase: transport.getCase('LMP-2026-000001', '7KQ4-M2XD-9TPA', options),
    sendFeedback: transport.sendFeedback({ serviceId: 'broken-lamp', rating: 5 }, options),
    sendSurveyResponse: transport.sendSurveyResponse('after-submit', { answers: { ease: 4 } }, options),
    sendEvents: transport.sendEvents(
      { events: [{ fillId: 'fill-id-0123456789ab', type: 'started', serviceId: 'broken-lamp', definitionHash: lamp.hash, at: new Date().toISOString() }] },
      options,
    ),
  };
}

/** Awaits every method's result; a rejection fails the test (the transport must never reject). */
async function settleAll(calls: Record<string, Promise<TransportResult<unknown>>>): Promise<Record<string, TransportResult<unknown>>> {
  const entries = await Promise.all(
    Object.entries(calls).map(async ([name, promise]) => {
      try {
        return [name, await promise] as const;
      } catch (error) {
        return assert.fail(`${name} rejected: ${String(error)}`);
      }
    }),
  );
  return Object.fromEntries(entries);
}

describe('HttpTransport against the loopback server', () => {
  let server: LoopbackServer;
  let transport: HttpTransport;
  const log: Recorded[] = [];

  before(async () => {
    server = await startLoopbackServer({ services: [olderLamp, lamp], surveys: ['after-submit'], basePath: '/kommun' });
    transport = new HttpTransport({ api: server.baseUrl, fetch: recordingFetch(log) });
  });
  after(() => server.close());

  test('lists the catalog', async () => {
    const catalog = value(await transport.listServices());
    assert.deepEqual(
      catalog.services.map((service) => [service.id, service.version, service.hash]),
      [['broken-lamp', '1.0.0', lamp.hash]],
    );
    assert.equal(log.at(-1)!.url, `${server.baseUrl}/api/services`);
    assert.equal(log.at(-1)!.headers.get('authorization'), null);
  });

  test('fetches the definition with its hash, then 304 with If-None-Match', async () => {
    const fetched = value(await transport.getDefinition('broken-lamp'));
    assert.equal(fetched.notModified, false);
    if (fetched.notModified) return;
    assert.equal(fetched.hash, lamp.hash);
    assert.equal(fetched.etag, `"${lamp.hash}"`);
    assert.deepEqual(fetched.definition, JSON.parse(JSON.stringify(lamp.definition)));

    const again = value(await transport.getDefinition('broken-lamp', { etag: fetched.etag }));
    assert.deepEqual(again, { notModified: true, etag: fetched.etag });
    assert.equal(log.at(-1)!.headers.get('if-none-match'), fetched.etag);

    const older = value(await transport.getDefinition('broken-lamp', { etag: `"${olderLamp.hash}"` }));
    assert.equal(older.notModified, false, 'an older ETag gets the current definition');
  });

  test('builds validator URLs that serve the module of that version', async () => {
    const current = transport.getValidatorModuleUrl('broken-lamp');
    assert.equal(current, `${server.baseUrl}/api/services/broken-lamp/validator.js`);
    const older = transport.getValidatorModuleUrl('broken-lamp', olderLamp.hash);
    assert.equal(older, `${server.baseUrl}/api/services/broken-lamp/validator.js?hash=${olderLamp.hash}`);
    for (const [url, service] of [
      [current, lamp],
      [older, olderLamp],
    ] as const) {
      const response = await fetch(url);
      assert.equal(response.status, 200);
      const source = await response.text();
      const module = (await import(`data:text/javascript,${encodeURIComponent(source)}`)) as { hash: string; definitionVersion: string };
      assert.equal(module.hash, service.hash);
      assert.equal(module.definitionVersion, service.definition.version);
    }
  });

  let receipt: import('@eservice-kit/core').Receipt;
  const key = freshKey();

  test('submits a case (201) with the idempotency key exactly as given', async () => {
    const before = server.cases.size;
    receipt = value(await transport.submitCase('broken-lamp', submission(), { idempotencyKey: key }));
    assert.match(receipt.reference, /^LMP-\d{4}-\d{6}$/);
    assert.equal(server.cases.size, before + 1);
    assert.deepEqual(server.cases.get(receipt.reference)!.request, submission());
    const sent = log.at(-1)!;
    assert.equal(sent.method, 'POST');
    assert.equal(sent.url, `${server.baseUrl}/api/services/broken-lamp/cases`);
    assert.equal(sent.headers.get('idempotency-key'), key);
    assert.equal(sent.headers.get('content-type'), 'application/json');
  });

  test('a replay with the same key gives the identical receipt and no second case', async () => {
    const before = server.cases.size;
    const replayed = value(await transport.submitCase('broken-lamp', submission(), { idempotencyKey: key }));
    assert.deepEqual(replayed, receipt);
    assert.equal(server.cases.size, before);
    // A double click: two at once, one case.
    const doubleKey = freshKey();
    const [first, second] = await Promise.all([
      transport.submitCase('broken-lamp', submission(), { idempotencyKey: doubleKey }),
      transport.submitCase('broken-lamp', submission(), { idempotencyKey: doubleKey }),
    ]);
    assert.deepEqual(value(first), value(second));
    assert.equal(server.cases.size, before + 1);
  });

  test('reads the case with the link token and with the tracking code as typed', async () => {
    const byToken = value(await transport.getCase(receipt.reference, receipt.token));
    assert.equal(byToken.reference, receipt.reference);
    assert.equal(byToken.serviceId, 'broken-lamp');
    assert.equal(byToken.timeline.length, 1);
    assert.equal(log.at(-1)!.headers.get('authorization'), `Bearer ${receipt.token}`);

    const typed = ` ${receipt.trackingCode.toLowerCase().replace(/-/g, ' ')} `;
    const byCode = value(await transport.getCase(receipt.reference.toLowerCase(), typed));
    assert.deepEqual(byCode, byToken);

    const wrong = failed(await transport.getCase(receipt.reference, 'AAAA-AAAA-AAAA'));
    assert.equal(wrong.kind, 'not-found');
    assert.equal(wrong.problem?.type, problemType('case-not-found'));

    const requests = log.length;
    for (const secret of ['', '   ', 'kod\nmed radbrytning', 'åäö-kod']) {
      assert.equal(failed(await transport.getCase(receipt.reference, secret)).kind, 'invalid', JSON.stringify(secret));
    }
    assert.equal(log.length, requests, 'secrets that cannot travel in a header are not sent');
  });

  test('422 invalid answers carry the field errors with pointers into the answers', async () => {
    const result = failed(await transport.submitCase('broken-lamp', submission(invalidLampAnswers), { idempotencyKey: freshKey() }));
    assert.equal(result.kind, 'invalid');
    assert.equal(result.status, 422);
    assert.equal(result.problem?.type, problemType('invalid-answers'));
    const pointers = result.errors!.map((error) => error.pointer);
    assert.ok(pointers.includes('/anonymous'), pointers.join());
    assert.ok(pointers.includes('/description'), pointers.join());
    assert.ok(result.errors!.every((error) => error.message.sv !== '' && error.message.en !== ''));
    assert.equal(isRetryable(result), false);
  });

  test('409: a key reused with another body, and an outdated definition with currentHash', async () => {
    const reused = failed(await transport.submitCase('broken-lamp', submission({ ...validLampAnswers, description: 'Annat.' }), { idempotencyKey: key }));
    assert.equal(reused.kind, 'conflict');
    assert.equal(reused.status, 409);
    assert.equal(reused.problem?.type, problemType('idempotency-key-reused'));

    const outdated = failed(await transport.submitCase('broken-lamp', submission(validLampAnswers, olderLamp), { idempotencyKey: freshKey() }));
    assert.equal(outdated.kind, 'conflict');
    assert.equal(outdated.problem?.type, problemType('definition-outdated'));
    assert.equal(outdated.problem?.currentHash, lamp.hash);
    assert.equal(outdated.problem?.currentVersion, '1.0.0');
  });

  test('404 for an unknown service, wherever it is named', async () => {
    for (const result of [
      await transport.getDefinition('no-such-service'),
      await transport.submitCase('no-such-service', submission(), { idempotencyKey: freshKey() }),
      await transport.sendSurveyResponse('no-such-survey', { answers: { ease: 3 } }),
    ]) {
      const failure = failed(result);
      assert.equal(failure.kind, 'not-found');
      assert.equal(failure.status, 404);
    }
  });

  test('a malformed idempotency key is refused without a request', async () => {
    const requests = log.length;
    for (const idempotencyKey of ['short', 'has space in it', 'x'.repeat(129), 'line\nbreak-key']) {
      assert.equal(failed(await transport.submitCase('broken-lamp', submission(), { idempotencyKey })).kind, 'invalid');
    }
    assert.equal(log.length, requests);
  });

  test('sends feedback, survey responses and usage events', async () => {
    const feedback = value(await transport.sendFeedback({ serviceId: 'broken-lamp', definitionHash: lamp.hash, reference: receipt.reference, rating: 4, comment: 'Smidigt.' }));
    assert.ok(feedback.id);
    assert.equal(server.state.feedback.length, 1);
    assert.ok(value(await transport.sendFeedback({ topic: '/parkering', helpful: false })).id);

    assert.ok(value(await transport.sendSurveyResponse('after-submit', { answers: { effectiveness: 'yes', ease: 4 } })).id);

    const event = { fillId: 'fill-id-0123456789ab', serviceId: 'broken-lamp', definitionHash: lamp.hash, at: new Date().toISOString() };
    const accepted = value(await transport.sendEvents({ events: [{ ...event, type: 'started' }, { ...event, type: 'step', step: 'fault' }] }));
    assert.equal(accepted.accepted, 2);
    assert.equal(log.at(-1)!.headers.get('content-type'), 'application/json');

    const beacon = value(await transport.sendEvents({ events: [{ ...event, type: 'abandoned' }] }, { keepalive: true }));
    assert.equal(beacon.accepted, 1);
    assert.equal(log.at(-1)!.keepalive, true);
    assert.match(log.at(-1)!.headers.get('content-type')!, /^text\/plain/, 'no preflight for a keepalive request');
    assert.equal(server.state.events.length, 3);
  });

  test('400 invalid-request carries errors pointing into the body', async () => {
    // Neither serviceId nor topic: a body the contract rejects, as a buggy caller might send it.
    const result = failed(await transport.sendFeedback({ rating: 3 } as never));
    assert.equal(result.kind, 'invalid');
    assert.equal(result.status, 400);
    assert.equal(result.problem?.type, problemType('invalid-request'));
    assert.ok(result.errors!.some((error) => error.pointer === '/topic'));
  });

  test('uploads one file as multipart form data', async () => {
    const uploaded = value(await transport.uploadFile(new Blob([PNG], { type: 'application/octet-stream' }), { serviceId: 'broken-lamp', filename: 'lampa.png' }));
    assert.equal(uploaded.mediaType, 'image/png');
    assert.equal(uploaded.size, PNG.length);
    assert.deepEqual([...server.state.uploads.get(uploaded.uploadId)!.bytes], [...PNG]);
    assert.ok(log.at(-1)!.body instanceof FormData);

    value(await transport.uploadFile(new Blob([PNG]), { serviceId: 'broken-lamp', pointer: '/photos', filename: 'lampa.png' }));
    const form = log.at(-1)!.body as FormData;
    assert.equal(form.get('pointer'), '/photos', 'the answer field the file is for travels with it');
    assert.equal(form.get('serviceId'), 'broken-lamp');

    const named = value(await transport.uploadFile(new File([PNG], 'photo.png')));
    assert.equal(named.mediaType, 'image/png');

    const text = failed(await transport.uploadFile(new Blob(['not an image'], { type: 'image/png' })));
    assert.equal(text.kind, 'invalid');
    assert.equal(text.status, 415);
    assert.equal(failed(await transport.uploadFile(new Blob([PNG]), { serviceId: 'no-such-service' })).kind, 'not-found');
  });

  test('network: the server has gone away', async () => {
    const gone = await startLoopbackServer({ services: [lamp] });
    const offline = new HttpTransport({ api: gone.baseUrl });
    assert.ok(value(await offline.listServices()).services.length === 1);
    await gone.close();
    const results = await settleAll(everyMethod(offline));
    for (const [name, result] of Object.entries(results)) {
      const failure = failed(result);
      assert.equal(failure.kind, 'network', name);
      assert.equal(failure.status, undefined);
      assert.equal(isRetryable(failure), true);
    }
  });
});

describe('HttpTransport failure kinds', () => {
  test('timeout: a server that never answers, and one that stalls in the body', async () => {
    const silent = await stub(() => undefined);
    const stalling = await stub((_request, response) => {
      response.writeHead(200, appJson);
      response.write('{"services": [');
    });
    try {
      const started = Date.now();
      const results = await settleAll(everyMethod(new HttpTransport({ api: silent.base, timeoutMs: 150 }), { timeoutMs: 150 }));
      for (const [name, result] of Object.entries(results)) assert.equal(failed(result).kind, 'timeout', name);
      assert.ok(Date.now() - started < 3000, 'all timed out together');

      const transportDefault = new HttpTransport({ api: silent.base, timeoutMs: 100 });
      assert.equal(failed(await transportDefault.listServices()).kind, 'timeout', 'the constructor default applies');
      assert.equal(failed(await new HttpTransport({ api: stalling.base, timeoutMs: 150 }).listServices()).kind, 'timeout');
    } finally {
      await silent.close();
      await stalling.close();
    }
  });

  test('timeout combined with a caller signal that does not fire', async () => {
    const silent = await stub(() => undefined);
    try {
      const controller = new AbortController();
      const result = failed(await new HttpTransport({ api: silent.base }).listServices({ signal: controller.signal, timeoutMs: 100 }));
      assert.equal(result.kind, 'timeout');
      assert.equal(isRetryable(result), true);
    } finally {
      await silent.close();
    }
  });

  test('aborted: the caller aborts during the request, or before it', async () => {
    const silent = await stub(() => undefined);
    try {
      const transport = new HttpTransport({ api: silent.base, timeoutMs: 5000 });
      const controller = new AbortController();
      const calls = everyMethod(transport, { signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      for (const [name, result] of Object.entries(await settleAll(calls))) assert.equal(failed(result).kind, 'aborted', name);

      const requests = silent.requests.length;
      const preAborted = AbortSignal.abort();
      for (const [name, result] of Object.entries(await settleAll(everyMethod(transport, { signal: preAborted })))) {
        assert.equal(failed(result).kind, 'aborted', name);
      }
      assert.equal(silent.requests.length, requests, 'nothing is sent with an aborted signal');
    } finally {
      await silent.close();
    }
  });

  test('server: 500 with a problem, 502 from a proxy, 503 with Retry-After', async () => {
    const internal = await answering(500, JSON.stringify({ type: problemType('server-error'), title: 'Something went wrong', status: 500 }), problemJson);
    const proxy = await answering(502, '<html><body>Bad gateway</body></html>', { 'content-type': 'text/html' });
    const unavailable = await answering(503, JSON.stringify({ type: problemType('unavailable'), title: 'Shutting down', status: 503 }), { ...problemJson, 'retry-after': '30' });
    try {
      for (const [name, result] of Object.entries(await settleAll(everyMethod(new HttpTransport({ api: internal.base }))))) {
        const failure = failed(result);
        assert.equal(failure.kind, 'server', name);
        assert.equal(failure.status, 500);
        assert.equal(failure.problem?.type, problemType('server-error'));
        assert.equal(isRetryable(failure), true);
      }
      const fromProxy = failed(await new HttpTransport({ api: proxy.base }).submitCase('broken-lamp', submission(), { idempotencyKey: freshKey() }));
      assert.equal(fromProxy.kind, 'server');
      assert.equal(fromProxy.status, 502);
      assert.equal(fromProxy.problem, undefined);
      const later = failed(await new HttpTransport({ api: unavailable.base }).listServices());
      assert.deepEqual([later.kind, later.status, later.retryAfter], ['server', 503, 30]);
    } finally {
      await Promise.all([internal.close(), proxy.close(), unavailable.close()]);
    }
  });

  test('rate-limited: 429 with Retry-After in seconds or as a date', async () => {
    const seconds = await answering(429, JSON.stringify({ type: problemType('rate-limited'), title: 'Too many', status: 429 }), { ...problemJson, 'retry-after': '7' });
    const date = await answering(429, JSON.stringify({ type: problemType('rate-limited'), title: 'Too many', status: 429 }), {
      ...problemJson,
      'retry-after': new Date(Date.now() + 120_000).toUTCString(),
    });
    try {
      for (const [name, result] of Object.entries(await settleAll(everyMethod(new HttpTransport({ api: seconds.base }))))) {
        const failure = failed(result);
        assert.deepEqual([failure.kind, failure.status, failure.retryAfter], ['rate-limited', 429, 7], name);
      }
      const byDate = failed(await new HttpTransport({ api: date.base }).getCase('LMP-2026-000001', 'token'));
      assert.equal(byDate.kind, 'rate-limited');
      assert.ok(byDate.retryAfter! >= 118 && byDate.retryAfter! <= 121, String(byDate.retryAfter));
    } finally {
      await Promise.all([seconds.close(), date.close()]);
    }
  });

  test('protocol: a 2xx body that is not what the contract says', async () => {
    const garbage = await answering(200, 'this is not JSON {', appJson);
    const html = await answering(200, '<!doctype html><title>CMS</title>', { 'content-type': 'text/html' });
    const wrongShape = await answering(200, JSON.stringify({ services: [{ id: 'x' }], reference: 'x', accepted: -1, id: 7 }), appJson);
    const wrongStatus = await answering(200, JSON.stringify({ id: 'abc' }), appJson);
    try {
      for (const stubbed of [garbage, html, wrongShape]) {
        const results = await settleAll(everyMethod(new HttpTransport({ api: stubbed.base })));
        for (const [name, result] of Object.entries(results)) {
          const failure = failed(result);
          // getDefinition with an etag accepts any JSON object; the garbage and html bodies still fail.
          if (name === 'getDefinition' && stubbed === wrongShape) assert.equal(failure.kind, 'protocol', 'no ETag');
          else assert.equal(failure.kind, 'protocol', `${name} on ${stubbed === garbage ? 'garbage' : stubbed === html ? 'html' : 'wrong shape'}`);
          assert.equal(failure.status, 200);
          assert.equal(isRetryable(failure), false);
        }
      }
      // Feedback is 201 in the contract; a 200, even with a fitting body, is outside it.
      assert.equal(failed(await new HttpTransport({ api: wrongStatus.base }).sendFeedback({ topic: 't', helpful: true })).kind, 'protocol');
    } finally {
      await Promise.all([garbage.close(), html.close(), wrongShape.close(), wrongStatus.close()]);
    }
  });

  test('protocol: key reuse answered 200 by a broken server', async () => {
    const broken = await startLoopbackServer({ services: [lamp], faults: { keyReuseSucceeds: true } });
    try {
      const transport = new HttpTransport({ api: broken.baseUrl });
      const key = freshKey();
      value(await transport.submitCase('broken-lamp', submission(), { idempotencyKey: key }));
      const reused = failed(await transport.submitCase('broken-lamp', submission({ ...validLampAnswers, description: 'Annat.' }), { idempotencyKey: key }));
      assert.deepEqual([reused.kind, reused.status], ['protocol', 200]);
    } finally {
      await broken.close();
    }
  });

  test('protocol: error answers whose problem body is malformed', async () => {
    const badPointer = await answering(
      422,
      JSON.stringify({ type: problemType('invalid-answers'), title: 'x', status: 422, errors: [{ pointer: 'anonymous', keyword: 'type', message: { sv: 'a', en: 'b' } }] }),
      problemJson,
    );
    const noErrors = await answering(422, JSON.stringify({ type: problemType('invalid-answers'), title: 'x', status: 422 }), problemJson);
    const bareConflict = await answering(409, 'Conflict', { 'content-type': 'text/plain' });
    const outdatedWithoutHash = await answering(409, JSON.stringify({ type: problemType('definition-outdated'), title: 'x', status: 409 }), problemJson);
    const notJson = await answering(400, '{"type":', problemJson);
    try {
      for (const stubbed of [badPointer, noErrors, bareConflict, outdatedWithoutHash, notJson]) {
        const result = failed(await new HttpTransport({ api: stubbed.base }).submitCase('broken-lamp', submission(), { idempotencyKey: freshKey() }));
        assert.equal(result.kind, 'protocol', result.message);
      }
    } finally {
      await Promise.all([badPointer.close(), noErrors.close(), bareConflict.close(), outdatedWithoutHash.close(), notJson.close()]);
    }
  });

  test('protocol: a definition without a well-formed ETag, and a 304 nobody asked for', async () => {
    const noTag = await answering(200, JSON.stringify(lamp.definition), appJson);
    const weakTag = await answering(200, JSON.stringify(lamp.definition), { ...appJson, etag: `W/"${lamp.hash}"` });
    const unasked = await answering(304, '', {});
    try {
      assert.equal(failed(await new HttpTransport({ api: noTag.base }).getDefinition('broken-lamp')).kind, 'protocol');
      const weak = value(await new HttpTransport({ api: weakTag.base }).getDefinition('broken-lamp'));
      assert.equal(weak.notModified === false && weak.hash, lamp.hash, 'a proxy may weaken the tag');
      assert.equal(failed(await new HttpTransport({ api: unasked.base }).getDefinition('broken-lamp')).kind, 'protocol');
    } finally {
      await Promise.all([noTag.close(), weakTag.close(), unasked.close()]);
    }
  });

  test('a fetch that throws, rejects with odd values, or ignores its signal never makes a method throw', async () => {
    const fetches: [string, typeof fetch, string][] = [
      ['throws synchronously', () => {
        throw new TypeError('boom');
      }, 'network'],
      ['rejects with undefined', () => Promise.reject(undefined as unknown as Error), 'network'],
      ['returns a non-promise', (() => 42) as unknown as typeof fetch, 'network'],
      ['never settles', () => new Promise<Response>(() => undefined), 'timeout'],
      [
        'body never ends, signal ignored',
        () => Promise.resolve({ status: 200, headers: new Headers(appJson), text: () => new Promise<string>(() => undefined) } as unknown as Response),
        'timeout',
      ],
      ['body rejects', () => Promise.resolve({ status: 200, headers: new Headers(appJson), text: () => Promise.reject(new Error('reset')) } as unknown as Response), 'network'],
    ];
    for (const [name, fetchImpl, kind] of fetches) {
      const transport = new HttpTransport({ api: 'http://127.0.0.1:9/x', fetch: fetchImpl, timeoutMs: 80 });
      for (const [method, result] of Object.entries(await settleAll(everyMethod(transport, { timeoutMs: 80 })))) {
        assert.equal(failed(result).kind, kind, `${method} with a fetch that ${name}`);
      }
    }
  });

  test('arguments a caller should not pass still give results, not exceptions', async () => {
    const transport = new HttpTransport({ api: 'http://127.0.0.1:9', fetch: () => Promise.reject(new TypeError('offline')) });
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const results = await settleAll({
      circular: transport.sendFeedback(circular as never),
      bigint: transport.sendEvents({ events: [1n] } as never),
      noOptions: transport.submitCase('broken-lamp', submission(), undefined as never),
      nullSecret: transport.getCase('LMP-2026-000001', null as never),
      badEtag: transport.getDefinition('broken-lamp', { etag: 'line\nbreak' }),
    });
    for (const [name, result] of Object.entries(results)) assert.equal(failed(result).kind, 'invalid', name);
  });
});

describe('HttpTransport base URLs', () => {
  const variants = (base: string) => [base, `${base}/`, `${base}//`];

  test('a tenant prefix with or without a trailing slash', async () => {
    const server = await startLoopbackServer({ services: [lamp], basePath: '/forbund/kommun-a' });
    try {
      for (const api of variants(server.baseUrl)) {
        const transport = new HttpTransport({ api });
        assert.equal(value(await transport.listServices()).services[0]!.id, 'broken-lamp', api);
        assert.equal(transport.getValidatorModuleUrl('broken-lamp'), `${server.baseUrl}/api/services/broken-lamp/validator.js`, api);
        assert.equal(transport.api, `${server.baseUrl}/`);
        const receipt = value(await transport.submitCase('broken-lamp', submission(), { idempotencyKey: freshKey() }));
        assert.equal(value(await transport.getCase(receipt.reference, receipt.token)).reference, receipt.reference);
      }
    } finally {
      await server.close();
    }
  });

  test('a tenant at the root of its origin', async () => {
    const server = await startLoopbackServer({ services: [lamp] });
    try {
      for (const api of variants(server.baseUrl)) {
        const transport = new HttpTransport({ api });
        assert.equal(value(await transport.getDefinition('broken-lamp')).notModified, false, api);
        const url = transport.getValidatorModuleUrl('broken-lamp', lamp.hash);
        assert.equal(url, `${server.baseUrl}/api/services/broken-lamp/validator.js?hash=${lamp.hash}`);
        assert.equal((await fetch(url)).status, 200);
      }
    } finally {
      await server.close();
    }
  });

  test('path segments are encoded, never resolved', () => {
    const transport = new HttpTransport({ api: 'https://kommun.example/eservice' });
    assert.equal(transport.getValidatorModuleUrl('../../admin'), 'https://kommun.example/eservice/api/services/..%2F..%2Fadmin/validator.js');
  });

  test('an api that is no URL is refused when the transport is made', () => {
    assert.throws(() => new HttpTransport({ api: 'not a url' }), TypeError);
  });
});

describe('the package', () => {
  test('exports HttpTransport from its index', () => {
    const index = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8');
    assert.match(index, /^export \{ HttpTransport\b.*\} from '\.\/transport\/http-transport\.js';$/m);
  });
});

describe('no unhandled rejections', () => {
  test('none occurred in any of the tests above', async () => {
    // Let late rejections of abandoned fetches surface first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(unhandled, []);
  });
});
