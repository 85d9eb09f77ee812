/** Feedback, survey responses and usage events: validated by hand, kept in memory. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { FILL_ID_PATTERN } from '../../src/case/random.js';
import { REFERENCE_PATTERN } from '../../src/case/reference.js';
import type { FieldError } from '../../src/case/types.js';
import { DATE_TIME, HASH, fieldError, isRecord, json, mediaType, parseJson, problem, readBody, unknownMembers, type Reply } from './loopback-http.js';
import { findService, type State } from './loopback-state.js';

const INVALID = { sv: 'Ogiltigt värde.', en: 'Invalid value.' };
const REQUIRED = { sv: 'Saknas.', en: 'Missing.' };

type Checker = (value: unknown) => boolean;
const text = (max: number): Checker => (value) => typeof value === 'string' && value.length <= max;
const matching = (pattern: RegExp): Checker => (value) => typeof value === 'string' && pattern.test(value);

/** Checks optional members; returns errors with body pointers. */
function members(body: Record<string, unknown>, rules: Record<string, Checker>, at = ''): FieldError[] {
  const errors = unknownMembers(body, Object.keys(rules), at);
  for (const [name, valid] of Object.entries(rules)) {
    if (body[name] !== undefined && !valid(body[name])) errors.push(fieldError(`${at}/${name}`, 'type', INVALID));
  }
  return errors;
}

/** Reads a JSON body, answering the transport-level problems (415, 413, 400). */
async function jsonBody(state: State, request: IncomingMessage, types: readonly string[]): Promise<{ value: unknown } | Reply> {
  const body = await readBody(request, state.limits.jsonBytes);
  if (!types.includes(mediaType(request))) return problem('unsupported-media-type', `Send ${types.join(' or ')}`);
  if (body.tooLarge) return problem('payload-too-large', 'The request body is too large');
  const parsed = parseJson(body.bytes);
  return parsed.ok ? { value: parsed.value } : problem('malformed-json', 'The request body is not JSON');
}

const invalid = (errors: FieldError[]) => problem('invalid-request', 'The request body is not valid', undefined, { errors });
const knownService = (state: State): Checker => (value) => typeof value === 'string' && findService(state, value) !== undefined;

export async function postFeedback(state: State, request: IncomingMessage): Promise<Reply> {
  const read = await jsonBody(state, request, ['application/json']);
  if (!('value' in read)) return read;
  const body = read.value;
  if (!isRecord(body)) return invalid([fieldError('', 'type', INVALID)]);
  const errors = members(body, {
    serviceId: knownService(state),
    topic: text(200),
    definitionHash: matching(HASH),
    reference: matching(REFERENCE_PATTERN),
    locale: text(35),
    rating: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5,
    helpful: (value) => typeof value === 'boolean',
    comment: text(1200),
  });
  if (body.serviceId === undefined && body.topic === undefined) errors.push(fieldError('/topic', 'required', REQUIRED));
  if ((body.rating === undefined) === (body.helpful === undefined)) errors.push(fieldError('/rating', 'oneOf', REQUIRED));
  if (errors.length > 0) return invalid(errors);
  const id = randomUUID();
  state.feedback.push({ id, ...body });
  return json(201, { id });
}

function surveyAnswer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length <= 20 && value.every(text(200));
  return text(1200)(value) || typeof value === 'number' || typeof value === 'boolean';
}

export async function postSurveyResponse(state: State, request: IncomingMessage, surveyId: string): Promise<Reply> {
  const read = await jsonBody(state, request, ['application/json']);
  if (!(state.options.surveys ?? []).includes(surveyId)) return problem('survey-not-found', 'No such survey');
  if (!('value' in read)) return read;
  const body = read.value;
  if (!isRecord(body)) return invalid([fieldError('', 'type', INVALID)]);
  const errors = members(body, {
    answers: (value) => isRecord(value) && Object.keys(value).length <= 50 && Object.values(value).every(surveyAnswer),
    serviceId: knownService(state),
    definitionHash: matching(HASH),
    reference: matching(REFERENCE_PATTERN),
    trigger: text(64),
    locale: text(35),
  });
  if (body.answers === undefined) errors.push(fieldError('/answers', 'required', REQUIRED));
  if (errors.length > 0) return invalid(errors);
  const id = randomUUID();
  state.surveyResponses.push({ id, surveyId, ...body });
  return json(201, { id });
}

const EVENT_TYPES = ['started', 'step', 'submitted', 'abandoned'];

export async function postEvents(state: State, request: IncomingMessage): Promise<Reply> {
  // text/plain too, so navigator.sendBeacon needs no preflight.
  const read = await jsonBody(state, request, ['application/json', 'text/plain']);
  if (!('value' in read)) return read;
  const body = read.value;
  if (!isRecord(body)) return invalid([fieldError('', 'type', INVALID)]);
  const errors = unknownMembers(body, ['events']);
  const events = body.events;
  if (!Array.isArray(events) || events.length < 1 || events.length > 100) {
    errors.push(fieldError('/events', 'type', INVALID));
    return invalid(errors);
  }
  events.forEach((event: unknown, index) => {
    const at = `/events/${index}`;
    if (!isRecord(event)) return errors.push(fieldError(at, 'type', INVALID));
    errors.push(
      ...members(
        event,
        {
          fillId: matching(FILL_ID_PATTERN),
          type: (value) => EVENT_TYPES.includes(value as string),
          serviceId: knownService(state),
          definitionHash: matching(HASH),
          step: text(64),
          at: matching(DATE_TIME),
        },
        at,
      ),
    );
    for (const name of ['fillId', 'type', 'serviceId', 'definitionHash', 'at']) {
      if (event[name] === undefined) errors.push(fieldError(`${at}/${name}`, 'required', REQUIRED));
    }
    return undefined;
  });
  if (errors.length > 0) return invalid(errors);
  state.events.push(...events);
  return json(202, { accepted: events.length });
}
