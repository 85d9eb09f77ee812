/** Case submission: idempotency, definition version, validation, limits. */
import { isFieldError } from '../case/problems.js';
import { generateIdempotencyKey, TOKEN_PATTERN } from '../case/random.js';
import { REFERENCE_PATTERN } from '../case/reference.js';
import { TRACKING_CODE_PATTERN } from '../case/tracking-code.js';
import type { Receipt, SubmitRequest } from '../case/types.js';
import type { ServiceDefinition } from '../definition/types.js';
import { jsonEqual } from '../json-equal.js';
import { getAtPointer } from '../json-pointer.js';
import { evaluate } from '../rules/evaluate.js';
import {
  describe,
  expect,
  expectJsonObject,
  expectProblem,
  expectStatus,
  fail,
  isDate,
  isLocalizedText,
  isRecord,
  skip,
} from './assert.js';
import { currentDefinition, type Check, type SuiteContext } from './context.js';

function casesPath(context: SuiteContext): string {
  return `api/services/${context.serviceId ?? skip('no service to test')}/cases`;
}

function body(context: SuiteContext, answers: Readonly<Record<string, unknown>>): SubmitRequest {
  const current = currentDefinition(context) ?? skip('the definition hash and version are unknown');
  return { answers, locale: context.locale, definitionVersion: current.version, definitionHash: current.hash };
}

function post(context: SuiteContext, request: SubmitRequest | string, headers: Record<string, string>) {
  return context.http.request('POST', casesPath(context), { headers, body: request });
}

/** The same JSON value with members in reverse order: a replay must not depend on key order. */
function reordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reordered);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.keys(value).reverse().map((key) => [key, reordered(value[key])]));
}

function expectStatusView(value: unknown, where: string): void {
  expect(isRecord(value), `${where} is not an object`);
  expect(typeof value.id === 'string' && value.id !== '', `${where}.id is missing`);
  expect(isLocalizedText(value.label), `${where}.label is not localized text`);
  expect(value.open311 === 'open' || value.open311 === 'closed', `${where}.open311 must be open or closed`);
  expect(typeof value.final === 'boolean', `${where}.final must be a boolean`);
}

function expectReceipt(value: Record<string, unknown>, context: SuiteContext): asserts value is Record<string, unknown> & Receipt {
  expect(typeof value.reference === 'string' && REFERENCE_PATTERN.test(value.reference), `reference ${JSON.stringify(value.reference)} does not match ${REFERENCE_PATTERN}`);
  expect(typeof value.token === 'string' && TOKEN_PATTERN.test(value.token), 'token is not ≥ 22 base64url characters');
  expect(typeof value.trackingCode === 'string' && TRACKING_CODE_PATTERN.test(value.trackingCode), `trackingCode ${JSON.stringify(value.trackingCode)} is not XXXX-XXXX-XXXX Crockford base32`);
  expectStatusView(value.status, 'status');
  const first = Array.isArray(context.definition?.statuses) ? (context.definition.statuses[0] as unknown) : undefined;
  if (isRecord(first)) expect((value.status as { id: string }).id === first.id, `status is not the definition's first status "${String(first.id)}"`);
  expect(isDate(value.expectedBy), `expectedBy ${JSON.stringify(value.expectedBy)} is not YYYY-MM-DD`);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  expect(value.expectedBy >= yesterday, `expectedBy ${value.expectedBy} lies in the past`);
  expect(typeof value.trackingUrl === 'string', 'trackingUrl is missing');
  const url = URL.canParse(value.trackingUrl) ? new URL(value.trackingUrl) : fail(`trackingUrl ${value.trackingUrl} is not an absolute URL`);
  expect(url.protocol === 'https:' || url.protocol === 'http:', 'trackingUrl is not http(s)');
  expect(new URLSearchParams(url.hash.slice(1)).get('token') === value.token, 'trackingUrl fragment does not carry #token=<token>');
  expect(decodeURIComponent(url.pathname + url.search).includes(value.reference), 'trackingUrl does not name the reference');
}

/**
 * Why `answers` cannot show that hidden fields are dropped (no hidden field set, or invalid
 * even once pruned), judged by core's evaluation with the served validator; undefined when
 * they can, or when the validator is not at hand to tell.
 */
function hiddenSampleProblem(context: SuiteContext, answers: Readonly<Record<string, unknown>>): string | undefined {
  if (context.compiled === undefined || context.definition === undefined) return undefined;
  let evaluation;
  try {
    evaluation = evaluate(context.definition as unknown as ServiceDefinition, context.compiled, answers);
  } catch {
    return undefined;
  }
  const set = evaluation.hiddenFields.filter((pointer) => !pointer.includes('/*') && getAtPointer(answers, pointer) !== undefined);
  if (set.length === 0) return 'hiddenFieldAnswers set no field that the rules hide';
  if (!evaluation.valid) {
    return `hiddenFieldAnswers are invalid even with ${set.join(', ')} dropped (${evaluation.errors.map((error) => `${error.pointer} ${error.keyword}`).join('; ')})`;
  }
  return undefined;
}

export const submitChecks: readonly Check[] = [
  {
    id: 'submit.missing-key',
    name: 'A submission without Idempotency-Key gives a 400 problem',
    async run(context) {
      const response = await post(context, body(context, context.options.validAnswers ?? {}), {});
      expectProblem(response, 400, 'invalid-idempotency-key');
      const short = await post(context, body(context, context.options.validAnswers ?? {}), { 'idempotency-key': 'short' });
      expectProblem(short, 400, 'invalid-idempotency-key');
    },
  },
  {
    id: 'submit.malformed-json',
    name: 'Malformed JSON gives a 400 malformed-json problem',
    async run(context) {
      const response = await post(context, '{"answers": {"description": ', {
        'idempotency-key': generateIdempotencyKey(),
        'content-type': 'application/json',
      });
      expectProblem(response, 400, 'malformed-json');
    },
  },
  {
    id: 'submit.media-type',
    name: 'A submission that is not application/json gives a 415 problem',
    async run(context) {
      const response = await post(context, JSON.stringify(body(context, {})), {
        'idempotency-key': generateIdempotencyKey(),
        'content-type': 'text/plain',
      });
      expectProblem(response, 415, 'unsupported-media-type');
    },
  },
  {
    id: 'submit.too-large',
    name: 'A submission above 1 MiB gives a 413 problem',
    async run(context) {
      const huge = JSON.stringify(body(context, { padding: 'x'.repeat(2 * 1024 * 1024) }));
      const response = await post(context, huge, {
        'idempotency-key': generateIdempotencyKey(),
        'content-type': 'application/json',
      });
      expectProblem(response, 413, 'payload-too-large');
    },
  },
  {
    id: 'submit.envelope',
    name: 'A body that is not a SubmitRequest gives a 400 invalid-request problem pointing into the body',
    async run(context) {
      const { locale: _locale, ...withoutLocale } = body(context, context.options.validAnswers ?? {});
      const response = await post(context, JSON.stringify(withoutLocale), {
        'idempotency-key': generateIdempotencyKey(),
        'content-type': 'application/json',
      });
      const problem = expectProblem(response, 400, 'invalid-request');
      expect(problem.errors?.some((error) => error.pointer === '/locale') === true, 'no error with pointer /locale');
    },
  },
  {
    id: 'submit.outdated',
    name: 'An outdated definitionHash gives 409 definition-outdated with currentHash and currentVersion',
    async run(context) {
      const current = currentDefinition(context) ?? skip('the definition hash is unknown');
      const stale = { ...body(context, context.options.validAnswers ?? {}), definitionHash: `sha256-${'A'.repeat(43)}` };
      const response = await post(context, stale, { 'idempotency-key': generateIdempotencyKey() });
      const problem = expectProblem(response, 409, 'definition-outdated');
      expect(problem.currentHash === current.hash, `currentHash is ${String(problem.currentHash)}, expected ${current.hash}`);
      expect(problem.currentVersion === current.version, `currentVersion is ${String(problem.currentVersion)}`);
    },
  },
  {
    id: 'submit.invalid-answers',
    name: 'Invalid answers give 422 invalid-answers with errors[].pointer and sv/en messages',
    async run(context) {
      const answers = context.options.invalidAnswers ?? skip('no invalidAnswers given');
      const response = await post(context, body(context, answers), { 'idempotency-key': generateIdempotencyKey() });
      const problem = expectProblem(response, 422, 'invalid-answers');
      const errors = problem.errors ?? [];
      expect(errors.length > 0, 'errors is empty');
      expect(errors.every(isFieldError), 'an error lacks pointer, keyword or sv/en message');
      const wanted = context.options.invalidPointer;
      if (wanted !== undefined) {
        expect(errors.some((error) => error.pointer === wanted), `no error at ${wanted} (got ${errors.map((e) => e.pointer).join(', ')})`);
      }
    },
  },
  {
    id: 'submit.created',
    provides: true,
    name: 'Valid answers give 201 with reference, token, trackingCode, status, expectedBy, trackingUrl',
    async run(context) {
      const answers = context.options.validAnswers ?? skip('no validAnswers given');
      const request = body(context, answers);
      const key = generateIdempotencyKey();
      const response = await post(context, request, { 'idempotency-key': key });
      expectStatus(response, 201);
      const receipt = expectJsonObject(response);
      expectReceipt(receipt, context);
      context.receipt = receipt;
      context.submitted = { key, body: request };
      const location = response.headers.get('location');
      expect(location !== null, 'no Location header');
      const target = new URL(location, response.url).pathname;
      expect(target.endsWith(`/api/cases/${receipt.reference}`), `Location ${location} is not api/cases/${receipt.reference}`);
    },
  },
  {
    id: 'submit.replay',
    name: 'The same key with the same body (members reordered) replays the identical 201',
    async run(context) {
      const submitted = context.submitted ?? skip('needs the case from submit.created');
      const response = await post(context, JSON.stringify(reordered(submitted.body)), {
        'idempotency-key': submitted.key,
        'content-type': 'application/json',
      });
      expectStatus(response, 201);
      expect(jsonEqual(response.json, context.receipt), `the replay differs: ${describe(response)}`);
    },
  },
  {
    id: 'submit.key-reuse',
    name: 'The same key with another body gives a 409 idempotency-key-reused problem',
    async run(context) {
      const submitted = context.submitted ?? skip('needs the case from submit.created');
      const other = { ...submitted.body, locale: submitted.body.locale === 'en' ? 'sv' : 'en' };
      const response = await post(context, other, { 'idempotency-key': submitted.key });
      expectProblem(response, 409, 'idempotency-key-reused');
    },
  },
  {
    id: 'submit.hidden-fields',
    name: 'Answers with values in fields hidden by rules give 201: hidden fields are dropped, never a reason to reject',
    async run(context) {
      const answers = context.options.hiddenFieldAnswers ?? skip('no hiddenFieldAnswers given');
      const problem = hiddenSampleProblem(context, answers);
      if (problem !== undefined) skip(`${problem}: nothing to test`);
      const response = await post(context, body(context, answers), { 'idempotency-key': generateIdempotencyKey() });
      expectStatus(response, 201);
      expectReceipt(expectJsonObject(response), context);
    },
  },
];
