/**
 * Feedback, survey responses and usage events for the insights work: checked member by
 * member with size limits, stored per tenant. Usage events carry no personal data by
 * construction: only ids, types, step names and times are accepted.
 */
import { randomUUID } from 'node:crypto';
import { DEFINITION_HASH_PATTERN, FILL_ID_PATTERN, REFERENCE_PATTERN, isRecord, type FieldError } from '@eservice-kit/core';
import { readJson } from '../http/body.js';
import { clientBucket, type RequestContext } from '../http/context.js';
import { MESSAGES, fieldError, invalidRequest, json, problem, unknownMembers, type Reply } from '../http/reply.js';

/** Survey question sets of EVALUATION.md that every tenant accepts answers to, besides those its definitions name. */
export const STANDARD_SURVEYS = ['standard', 'abandon'] as const;

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time that names a real moment (no 13th month, no 25th hour). */
function isDateTime(value: unknown): boolean {
  if (typeof value !== 'string' || value.length > 40) return false;
  const match = DATE_TIME.exec(value);
  if (match === null) return false;
  const [year, month, day, hour, minute, second, offsetHours = 0, offsetMinutes = 0] = match.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
  const date = new Date(Date.UTC(year!, month! - 1, day!));
  return date.getUTCMonth() === month! - 1 && date.getUTCDate() === day! && hour! <= 23 && minute! <= 59 && second! <= 60 && offsetHours <= 23 && offsetMinutes <= 59;
}
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8}){0,4}$/;
const EVENT_TYPES = ['started', 'step', 'submitted', 'abandoned'];

type Checker = (value: unknown) => boolean;
const text = (max: number): Checker => (value) => typeof value === 'string' && value.length <= max;
const matching = (pattern: RegExp): Checker => (value) => typeof value === 'string' && value.length <= 200 && pattern.test(value);

/** Unknown members and members that fail their check, as body pointers. */
function members(body: Record<string, unknown>, rules: Record<string, Checker>, at = ''): FieldError[] {
  const errors = unknownMembers(body, Object.keys(rules), at);
  for (const [name, valid] of Object.entries(rules)) {
    if (Object.hasOwn(body, name) && !valid(body[name])) errors.push(fieldError(`${at}/${name}`, 'type', MESSAGES.invalid));
  }
  return errors;
}

/** A 429 once this client has sent its share of evaluation posts this minute. */
async function limited(context: RequestContext): Promise<Reply | undefined> {
  if (!(await context.storage.rateLimitHit(clientBucket(context, 'evaluation'), context.config.limits.evaluationPostsPerMinute, Date.now()))) return undefined;
  return problem('rate-limited', { detail: 'Too many requests from this address; try again in a minute.', headers: { 'retry-after': '60' } });
}

const knownService = (context: RequestContext): Checker => (value) => typeof value === 'string' && context.tenant.catalog.get(value) !== undefined;
/** The named members the body has, already checked; absent ones are left out, not set to undefined. */
function present(body: Record<string, unknown>, names: readonly string[]): Record<string, never> {
  return Object.fromEntries(names.filter((name) => body[name] !== undefined).map((name) => [name, body[name]])) as Record<string, never>;
}

export async function postFeedback(context: RequestContext): Promise<Reply> {
  const read = await readJson(context.request, context.config.limits.jsonBytes);
  if (!('value' in read)) return read;
  const refused = await limited(context);
  if (refused) return refused;
  const body = read.value;
  if (!isRecord(body)) return invalidRequest([fieldError('', 'type', MESSAGES.invalid)]);
  const errors = members(body, {
    serviceId: knownService(context),
    topic: text(200),
    definitionHash: matching(DEFINITION_HASH_PATTERN),
    reference: matching(REFERENCE_PATTERN),
    locale: matching(LOCALE),
    rating: (value) => Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 5,
    helpful: (value) => typeof value === 'boolean',
    comment: text(1200),
  });
  if (body.serviceId === undefined && body.topic === undefined) errors.push(fieldError('/topic', 'required', MESSAGES.missing));
  if ((body.rating === undefined) === (body.helpful === undefined)) errors.push(fieldError('/rating', 'oneOf', MESSAGES.missing));
  if (errors.length > 0) return invalidRequest(errors);
  const id = randomUUID();
  await context.storage.addFeedback({
    tenant: context.tenant.id,
    id,
    createdAt: new Date().toISOString(),
    ...present(body, ['serviceId', 'topic', 'definitionHash', 'reference', 'locale', 'rating', 'helpful', 'comment']),
  });
  return json(201, { id });
}

/** Question ids: plain names, never a key that means something to objects. */
const QUESTION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function surveyAnswer(value: unknown): boolean {
  if (Array.isArray(value)) return value.length <= 20 && value.every(text(200));
  return text(1200)(value) || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

/** Surveys a tenant accepts: the standard sets and those its definitions name. */
function knownSurveys(context: RequestContext): Set<string> {
  return new Set([...STANDARD_SURVEYS, ...context.tenant.catalog.services().flatMap((service) => (service.definition.survey ? [service.definition.survey.id] : []))]);
}

export async function postSurveyResponse(context: RequestContext): Promise<Reply> {
  const read = await readJson(context.request, context.config.limits.jsonBytes);
  const surveyId = context.params[0]!;
  if (!knownSurveys(context).has(surveyId)) return problem('survey-not-found');
  if (!('value' in read)) return read;
  const refused = await limited(context);
  if (refused) return refused;
  const body = read.value;
  if (!isRecord(body)) return invalidRequest([fieldError('', 'type', MESSAGES.invalid)]);
  const errors = members(body, {
    answers: (value) =>
      isRecord(value) &&
      Object.keys(value).length <= 50 &&
      Object.keys(value).every((key) => QUESTION_ID.test(key) && !FORBIDDEN_KEYS.has(key)) &&
      Object.values(value).every(surveyAnswer),
    serviceId: knownService(context),
    definitionHash: matching(DEFINITION_HASH_PATTERN),
    reference: matching(REFERENCE_PATTERN),
    trigger: text(64),
    locale: matching(LOCALE),
  });
  if (body.answers === undefined) errors.push(fieldError('/answers', 'required', MESSAGES.missing));
  if (errors.length > 0) return invalidRequest(errors);
  const id = randomUUID();
  await context.storage.addSurveyResponse({
    tenant: context.tenant.id,
    id,
    surveyId,
    answers: body.answers as Record<string, unknown>,
    createdAt: new Date().toISOString(),
    ...present(body, ['serviceId', 'definitionHash', 'reference', 'trigger', 'locale']),
  });
  return json(201, { id });
}

export async function postEvents(context: RequestContext): Promise<Reply> {
  // text/plain too, so navigator.sendBeacon needs no preflight.
  const read = await readJson(context.request, context.config.limits.jsonBytes, ['application/json', 'text/plain']);
  if (!('value' in read)) return read;
  const refused = await limited(context);
  if (refused) return refused;
  const body = read.value;
  if (!isRecord(body)) return invalidRequest([fieldError('', 'type', MESSAGES.invalid)]);
  const errors = members(body, { events: Array.isArray });
  const events = body.events;
  if (!Array.isArray(events) || events.length < 1 || events.length > 100) {
    return invalidRequest([...errors, fieldError('/events', 'type', MESSAGES.invalid)]);
  }
  events.forEach((event: unknown, index) => {
    const at = `/events/${index}`;
    if (!isRecord(event)) return void errors.push(fieldError(at, 'type', MESSAGES.invalid));
    errors.push(
      ...members(
        event,
        {
          fillId: matching(FILL_ID_PATTERN),
          type: (value) => EVENT_TYPES.includes(value as string),
          serviceId: knownService(context),
          definitionHash: matching(DEFINITION_HASH_PATTERN),
          step: matching(/^[A-Za-z0-9_-]{1,64}$/),
          at: isDateTime,
        },
        at,
      ),
    );
    for (const name of ['fillId', 'type', 'serviceId', 'definitionHash', 'at']) {
      if (event[name] === undefined) errors.push(fieldError(`${at}/${name}`, 'required', MESSAGES.missing));
    }
  });
  if (errors.length > 0) return invalidRequest(errors);
  await context.storage.addUsageEvents(
    context.tenant.id,
    events.map((event: Record<string, string>) => ({
      fillId: event.fillId!,
      type: event.type!,
      serviceId: event.serviceId!,
      definitionHash: event.definitionHash!,
      at: event.at!,
      ...present(event, ['step']),
    })),
    new Date().toISOString(),
  );
  return json(202, { accepted: events.length });
}
