/** What a route answers: status, headers and body, sent by one place (server.ts) with the common headers. */
import { PROBLEM_STATUS, joinPointer, problemType, type BilingualMessage, type FieldError, type ProblemCode } from '@eservice-kit/core';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: JSON.stringify(body) };
}

/** Titles are for people reading responses; clients branch on `type`. */
const TITLES: Record<ProblemCode, string> = {
  'malformed-json': 'The request body is not JSON',
  'invalid-request': 'The request is not valid',
  'invalid-idempotency-key': 'Idempotency-Key is missing or malformed',
  unauthorized: 'A tracking code or token is needed',
  'not-found': 'Not found',
  'service-not-found': 'Service not found',
  'case-not-found': 'Case not found',
  'survey-not-found': 'Survey not found',
  'method-not-allowed': 'Method not allowed',
  'definition-outdated': 'The service has changed',
  'idempotency-key-reused': 'Idempotency-Key already used for another request',
  'request-in-progress': 'The same request is being handled',
  'payload-too-large': 'The request body is too large',
  'unsupported-media-type': 'Unsupported media type',
  'invalid-answers': 'Some answers need correcting',
  'rate-limited': 'Too many requests',
  'server-error': 'Something went wrong',
  unavailable: 'The server is not available right now',
};

const MAX_ERRORS = 50;

export interface ProblemExtras {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly headers?: Record<string, string>;
  readonly members?: Record<string, unknown>;
}

/** An RFC 9457 problem of the contract: the only error body the server sends (no stack traces, SQL or paths). */
export function problem(code: ProblemCode, extras: ProblemExtras = {}): Reply {
  const status = PROBLEM_STATUS[code];
  const body = {
    type: problemType(code),
    title: TITLES[code] ?? code,
    status,
    ...(extras.detail === undefined ? {} : { detail: extras.detail }),
    // A reply stays small whatever the request: the first errors are enough to fix it.
    ...(extras.errors === undefined ? {} : { errors: extras.errors.slice(0, MAX_ERRORS) }),
    ...(extras.errors !== undefined && extras.errors.length > MAX_ERRORS ? { truncated: true } : {}),
    ...extras.members,
  };
  return { status, headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...extras.headers }, body: JSON.stringify(body) };
}

export function fieldError(pointer: string, keyword: string, message: BilingualMessage): FieldError {
  return { pointer, keyword, message };
}

export const MESSAGES = {
  missing: { sv: 'Saknas.', en: 'Missing.' },
  invalid: { sv: 'Ogiltigt värde.', en: 'Invalid value.' },
  notAllowed: { sv: 'Fältet är inte tillåtet.', en: 'This member is not allowed.' },
} as const satisfies Record<string, BilingualMessage>;

/** One error per member of `body` that is not in `allowed`, as pointers under `at`. */
export function unknownMembers(body: Readonly<Record<string, unknown>>, allowed: readonly string[], at = ''): FieldError[] {
  return Object.keys(body)
    .filter((key) => !allowed.includes(key))
    .map((key) => fieldError(joinPointer(at, key), 'additionalProperties', MESSAGES.notAllowed));
}

export const invalidRequest = (errors: readonly FieldError[]): Reply => problem('invalid-request', { errors });
