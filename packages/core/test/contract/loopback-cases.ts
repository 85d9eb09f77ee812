/** Case submission and the citizen's case view, with idempotency and hashed secrets. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { IDEMPOTENCY_KEY_PATTERN } from '../../src/case/random.js';
import { formatReference, normalizeReference } from '../../src/case/reference.js';
import { initialStatus, toStatusView } from '../../src/case/status.js';
import { encodeTrackingCode, normalizeTrackingCode } from '../../src/case/tracking-code.js';
import type { FieldError, Receipt, SubmitRequest } from '../../src/case/types.js';
import { fieldError, isRecord, json, mediaType, parseJson, problem, readBody, unknownMembers, HASH, type Reply } from './loopback-http.js';
import { findService, hit, limited, type State, type StoredCase } from './loopback-state.js';

const HIDDEN = { sv: 'Fältet visas inte och får inte besvaras.', en: 'This field is not shown and must not be answered.' };

const sha256 = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A stable fingerprint of a JSON value: members sorted, so key order does not matter. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isRecord(value)) {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Secrets derived from the server key, so a replay can return them though only hashes are stored. */
function secrets(state: State, serviceId: string, key: string): { token: string; trackingCode: string } {
  const derive = (label: string) => createHmac('sha256', state.serverKey).update(`${label}\n${serviceId}\n${key}`).digest();
  return { token: derive('token').toString('base64url'), trackingCode: encodeTrackingCode(derive('code')) };
}

const stockholmDate = (date: Date) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** Weekdays only: enough for a test server (core's calendar knows the Swedish holidays). */
function addWorkingDays(date: string, days: number): string {
  const day = new Date(`${date}T12:00:00Z`);
  for (let left = days; left > 0; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6) left--;
  }
  return day.toISOString().slice(0, 10);
}

function envelopeErrors(body: unknown): FieldError[] {
  if (!isRecord(body)) return [fieldError('', 'type', { sv: 'Förväntade ett objekt.', en: 'Expected an object.' })];
  const errors = unknownMembers(body, ['answers', 'locale', 'definitionVersion', 'definitionHash', 'durationMs']);
  const missing = { sv: 'Saknas.', en: 'Missing.' };
  if (!isRecord(body.answers)) errors.push(fieldError('/answers', body.answers === undefined ? 'required' : 'type', missing));
  if (typeof body.locale !== 'string' || !/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(body.locale)) {
    errors.push(fieldError('/locale', body.locale === undefined ? 'required' : 'pattern', missing));
  }
  if (typeof body.definitionVersion !== 'string') errors.push(fieldError('/definitionVersion', 'required', missing));
  if (typeof body.definitionHash !== 'string' || !HASH.test(body.definitionHash)) {
    errors.push(fieldError('/definitionHash', body.definitionHash === undefined ? 'required' : 'pattern', missing));
  }
  if (body.durationMs !== undefined && !(Number.isInteger(body.durationMs) && (body.durationMs as number) >= 0)) {
    errors.push(fieldError('/durationMs', 'minimum', { sv: 'Ogiltigt värde.', en: 'Invalid value.' }));
  }
  return errors;
}

function receipt(state: State, stored: StoredCase, key: string): Receipt {
  const { token, trackingCode } = secrets(state, stored.serviceId, key);
  const base = state.baseUrl;
  return {
    reference: stored.reference,
    token,
    trackingCode,
    status: stored.timeline[0]!.status,
    expectedBy: stored.expectedBy,
    trackingUrl: `${base}/status?reference=${stored.reference}#token=${token}`,
  };
}

function created(state: State, stored: StoredCase, key: string, replayed: boolean): Reply {
  return json(201, receipt(state, stored, key), {
    location: `${state.options.basePath ?? ''}/api/cases/${stored.reference}`,
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
}

export async function submitCase(state: State, request: IncomingMessage, serviceId: string, client: string): Promise<Reply> {
  const service = findService(state, serviceId);
  const body = await readBody(request, state.limits.jsonBytes);
  if (service === undefined) return problem('service-not-found', 'No such service');
  if (mediaType(request) !== 'application/json') return problem('unsupported-media-type', 'Send application/json');
  if (body.tooLarge) return problem('payload-too-large', 'The request body is too large');
  if (limited(state, `submit\n${client}`, state.limits.submissionsPerMinute)) {
    return problem('rate-limited', 'Too many submissions', undefined, { headers: { 'retry-after': '60' } });
  }
  hit(state, `submit\n${client}`);
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return problem('invalid-idempotency-key', 'Idempotency-Key is missing or malformed', 'Send 8–128 characters of [A-Za-z0-9_-].');
  }
  const parsed = parseJson(body.bytes);
  if (!parsed.ok) {
    if (state.faults.leakStack) return { status: 400, headers: { 'content-type': 'text/plain' }, body: parsed.error.stack ?? '' };
    return problem('malformed-json', 'The request body is not JSON');
  }
  const envelope = envelopeErrors(parsed.value);
  if (envelope.length > 0) return problem('invalid-request', 'The request body is not valid', undefined, { errors: envelope });
  const submission = parsed.value as unknown as SubmitRequest;

  const fingerprint = canonical(submission);
  const earlier = state.idempotency.get(`${serviceId}\n${key}`);
  if (earlier !== undefined) {
    const stored = state.cases.get(earlier.reference)!;
    if (earlier.fingerprint === fingerprint) return created(state, stored, key, true);
    if (state.faults.keyReuseSucceeds) return { ...created(state, stored, key, true), status: 200 };
    return problem('idempotency-key-reused', 'Idempotency-Key already used for another request');
  }
  if (submission.definitionHash !== service.hash || submission.definitionVersion !== service.definition.version) {
    return problem('definition-outdated', 'The service has changed', 'Fetch the current definition and submit again with the same Idempotency-Key.', {
      members: { currentVersion: service.definition.version, currentHash: service.hash },
    });
  }
  const { errors, pruned } = service.check(submission.answers);
  const dropped = Object.keys(submission.answers).filter((name) => !(name in pruned));
  const rejected = state.faults.rejectHiddenAnswers ? [...errors, ...dropped.map((name) => fieldError(`/${name}`, 'additionalProperties', HIDDEN))] : errors;
  if (rejected.length > 0) return problem('invalid-answers', 'Some answers need correcting', undefined, { errors: rejected });

  const now = state.now();
  const year = Number(stockholmDate(now).slice(0, 4));
  const sequenceKey = `${service.definition.referencePrefix}-${year}`;
  const sequence = (state.sequences.get(sequenceKey) ?? 0) + 1;
  state.sequences.set(sequenceKey, sequence);
  const reference = formatReference(service.definition.referencePrefix, year, sequence);
  const { token, trackingCode } = secrets(state, serviceId, key);
  const stored: StoredCase = {
    reference,
    serviceId,
    definitionHash: service.hash,
    tokenHash: sha256(token),
    codeHash: sha256(trackingCode),
    request: submission,
    answers: pruned,
    submittedAt: now.toISOString(),
    expectedBy: addWorkingDays(stockholmDate(now), service.definition.handlingTime.workingDays),
    timeline: [{ status: toStatusView(initialStatus(service.definition)!), at: now.toISOString() }],
  };
  state.cases.set(reference, stored);
  state.idempotency.set(`${serviceId}\n${key}`, { fingerprint, reference });
  return created(state, stored, key, false);
}

const NOT_FOUND = () => problem('case-not-found', 'Case not found', 'No case matches this reference and code.');
const DUMMY = sha256('no case');

function matches(hash: Buffer, candidate: Buffer | undefined): boolean {
  return timingSafeEqual(hash, candidate ?? DUMMY) && candidate !== undefined;
}

export function viewCase(state: State, request: IncomingMessage, rawReference: string, client: string): Reply {
  const authorization = /^Bearer\s+(.+)$/i.exec(request.headers.authorization ?? '');
  if (authorization === null) {
    return problem('unauthorized', 'A tracking code or token is needed', undefined, { headers: { 'www-authenticate': 'Bearer' } });
  }
  if (limited(state, `lookup\n${client}`, state.limits.lookupFailuresPerMinute)) {
    return problem('rate-limited', 'Too many attempts', 'Try again in a minute.', { headers: { 'retry-after': '60' } });
  }
  const secret = authorization[1]!.trim();
  const reference = normalizeReference(rawReference);
  const stored = reference === undefined ? undefined : state.cases.get(reference);
  const code = normalizeTrackingCode(secret);
  // Both comparisons always run, against a dummy when there is no case: no timing hint.
  const byToken = matches(stored?.tokenHash ?? DUMMY, sha256(secret));
  const byCode = matches(stored?.codeHash ?? DUMMY, code === undefined ? undefined : sha256(code));
  if (stored === undefined || !(byToken || byCode)) {
    hit(state, `lookup\n${client}`);
    if (stored !== undefined && state.faults.revealWrongSecret) return problem('unauthorized', 'Wrong code');
    return NOT_FOUND();
  }
  const service = findService(state, stored.serviceId);
  return json(
    200,
    {
      reference: stored.reference,
      serviceId: stored.serviceId,
      ...(service === undefined ? {} : { serviceTitle: service.definition.title }),
      status: stored.timeline.at(-1)!.status,
      timeline: stored.timeline,
      submittedAt: stored.submittedAt,
      expectedBy: stored.expectedBy,
    },
    { 'cache-control': 'no-store' },
  );
}
