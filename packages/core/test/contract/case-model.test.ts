// Unit tests of the case model (src/case) that the contract builds on.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  encodeTrackingCode,
  failureKindForStatus,
  findStatus,
  formatReference,
  generateIdempotencyKey,
  generateToken,
  generateTrackingCode,
  IDEMPOTENCY_KEY_PATTERN,
  initialStatus,
  isFinal,
  isProblem,
  isRetryable,
  nextStatuses,
  normalizeReference,
  normalizeTrackingCode,
  open311Status,
  parseRetryAfter,
  problemCode,
  problemType,
  TOKEN_PATTERN,
  toStatusView,
  TRACKING_CODE_PATTERN,
} from '../../src/case/index.js';
import { lampDefinition } from './fixture.js';

describe('tracking codes', () => {
  test('encode 60 bits as three groups of four Crockford symbols', () => {
    assert.equal(encodeTrackingCode(new Uint8Array(8)), '0000-0000-0000');
    assert.equal(encodeTrackingCode(new Uint8Array(8).fill(0xff)), 'ZZZZ-ZZZZ-ZZZZ');
    assert.equal(encodeTrackingCode(Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 0x10])), '0000-0000-0001');
    assert.throws(() => encodeTrackingCode(new Uint8Array(7)), RangeError);
  });

  test('generated codes match the pattern and differ', () => {
    const codes = new Set(Array.from({ length: 500 }, generateTrackingCode));
    assert.equal(codes.size, 500);
    for (const code of codes) assert.match(code, TRACKING_CODE_PATTERN);
  });

  test('normalise what people type', () => {
    assert.equal(normalizeTrackingCode('7kq4 m2xd 9tpa'), '7KQ4-M2XD-9TPA');
    assert.equal(normalizeTrackingCode(' 7KQ4-M2XD-9TPA '), '7KQ4-M2XD-9TPA');
    assert.equal(normalizeTrackingCode('7kq4m2xd9tpa'), '7KQ4-M2XD-9TPA');
    assert.equal(normalizeTrackingCode('oIlO-0000-0000'), '0110-0000-0000');
    assert.equal(normalizeTrackingCode('7KQ4-M2XD-9TP'), undefined, 'too short');
    assert.equal(normalizeTrackingCode('7KQ4-M2XD-9TPU'), undefined, 'U is not Crockford');
    assert.equal(normalizeTrackingCode('7KQ4-M2XD-9TP!'), undefined);
  });

  test('every generated code survives being typed in lower case with spaces', () => {
    for (let index = 0; index < 200; index++) {
      const code = generateTrackingCode();
      assert.equal(normalizeTrackingCode(code.toLowerCase().replace(/-/g, ' ').replace(/1/g, 'l').replace(/0/g, 'o')), code);
    }
  });
});

describe('references and random ids', () => {
  test('format and normalise references', () => {
    assert.equal(formatReference('FEL', 2026, 123), 'FEL-2026-000123');
    assert.throws(() => formatReference('FEL', 2026, 0), RangeError);
    assert.throws(() => formatReference('FEL', 2026, 1_000_000), RangeError);
    assert.throws(() => formatReference('fel', 2026, 1), RangeError);
    assert.equal(normalizeReference(' fel-2026-000123 '), 'FEL-2026-000123');
    assert.equal(normalizeReference('FEL-26-1'), undefined);
  });

  test('tokens carry at least 128 bits, idempotency keys fit the header pattern', () => {
    assert.match(generateToken(), TOKEN_PATTERN);
    assert.equal(generateToken().length, 43);
    assert.match(generateIdempotencyKey(), IDEMPOTENCY_KEY_PATTERN);
    assert.notEqual(generateToken(), generateToken());
  });
});

describe('statuses', () => {
  test('helpers over a definition', () => {
    assert.equal(initialStatus(lampDefinition)?.id, 'received');
    assert.equal(findStatus(lampDefinition, 'fixed')?.final, true);
    assert.equal(isFinal(lampDefinition, 'fixed'), true);
    assert.equal(isFinal(lampDefinition, 'received'), false);
    assert.equal(isFinal(lampDefinition, 'no-such'), false);
    assert.equal(open311Status(lampDefinition, 'fixed'), 'closed');
    assert.deepEqual(nextStatuses(lampDefinition, 'received').map((status) => status.id), ['fixed']);
    assert.deepEqual(nextStatuses(lampDefinition, 'fixed'), []);
    assert.equal(initialStatus({ statuses: [] }), undefined);
  });

  test('a status view is a copy of the status', () => {
    const view = toStatusView(lampDefinition.statuses[0]!);
    assert.deepEqual(view, { id: 'received', label: { sv: 'Mottagen', en: 'Received' }, open311: 'open', final: false });
  });
});

describe('problems and transport results', () => {
  test('problem types and codes', () => {
    const problem = { type: problemType('case-not-found'), title: 'Case not found', status: 404 };
    assert.equal(isProblem(problem), true);
    assert.equal(problemCode(problem), 'case-not-found');
    assert.equal(problemCode({ type: 'about:blank' }), undefined);
    assert.equal(isProblem({ ...problem, errors: [{ pointer: '/a', keyword: 'required', message: { sv: 'x', en: 'y' } }] }), true);
    assert.equal(isProblem({ ...problem, errors: [{ pointer: 'a', keyword: 'required', message: { sv: 'x', en: 'y' } }] }), false);
    assert.equal(isProblem({ ...problem, errors: [{ pointer: '/a', keyword: 'required', message: { sv: 'x' } }] }), false);
    assert.equal(isProblem('Not found'), false);
  });

  test('status codes map to failure kinds', () => {
    assert.deepEqual(
      [200, 304, 400, 401, 404, 409, 410, 413, 415, 422, 429, 500, 503].map(failureKindForStatus),
      [undefined, undefined, 'invalid', 'invalid', 'not-found', 'conflict', 'not-found', 'invalid', 'invalid', 'invalid', 'rate-limited', 'server', 'server'],
    );
  });

  test('what may be retried with the same key', () => {
    assert.equal(isRetryable({ ok: false, kind: 'network' }), true);
    assert.equal(isRetryable({ ok: false, kind: 'server', status: 503 }), true);
    assert.equal(isRetryable({ ok: false, kind: 'invalid', status: 422 }), false);
    const inProgress = { type: problemType('request-in-progress'), title: 'Busy', status: 409 };
    assert.equal(isRetryable({ ok: false, kind: 'conflict', status: 409, problem: inProgress }), true);
    const reused = { type: problemType('idempotency-key-reused'), title: 'Reused', status: 409 };
    assert.equal(isRetryable({ ok: false, kind: 'conflict', status: 409, problem: reused }), false);
  });

  test('Retry-After as seconds or an HTTP date', () => {
    const now = new Date('2026-03-02T10:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 10:01:30 GMT', now), 90);
    assert.equal(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(null, now), undefined);
  });
});
