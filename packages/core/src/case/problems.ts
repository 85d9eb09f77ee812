/**
 * Problem types of the contract. RFC 9457 makes `type` the primary identifier, so clients
 * branch on these URIs, never on titles or details.
 */
import type { FieldError, Problem } from './types.js';

export const PROBLEM_TYPE_PREFIX = 'urn:eservice-kit:problem:';

/** Problem code → HTTP status it is sent with. */
export const PROBLEM_STATUS = {
  'malformed-json': 400,
  'invalid-request': 400,
  'invalid-idempotency-key': 400,
  unauthorized: 401,
  'not-found': 404,
  'service-not-found': 404,
  'case-not-found': 404,
  'survey-not-found': 404,
  'method-not-allowed': 405,
  'definition-outdated': 409,
  'idempotency-key-reused': 409,
  'request-in-progress': 409,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'invalid-answers': 422,
  'rate-limited': 429,
  'server-error': 500,
  unavailable: 503,
} as const;

export type ProblemCode = keyof typeof PROBLEM_STATUS;

export function problemType(code: ProblemCode): string {
  return PROBLEM_TYPE_PREFIX + code;
}

/** The code of one of our problem types, or undefined for foreign ones. */
export function problemCode(problem: Pick<Problem, 'type'>): ProblemCode | undefined {
  if (!problem.type.startsWith(PROBLEM_TYPE_PREFIX)) return undefined;
  const code = problem.type.slice(PROBLEM_TYPE_PREFIX.length);
  return Object.hasOwn(PROBLEM_STATUS, code) ? (code as ProblemCode) : undefined;
}

const POINTER = /^(?:\/(?:[^~/]|~[01])*)*$/;

/** Narrows a parsed JSON body to a well-formed problem (field errors included). */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (typeof record.type !== 'string' || typeof record.title !== 'string') return false;
  if (typeof record.status !== 'number' || !Number.isInteger(record.status)) return false;
  if (record.detail !== undefined && typeof record.detail !== 'string') return false;
  if (record.errors === undefined) return true;
  return Array.isArray(record.errors) && record.errors.every(isFieldError);
}

export function isFieldError(value: unknown): value is FieldError {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  const message = record.message as Record<string, unknown> | null | undefined;
  return (
    typeof record.pointer === 'string' &&
    POINTER.test(record.pointer) &&
    typeof record.keyword === 'string' &&
    record.keyword !== '' &&
    typeof message === 'object' &&
    message !== null &&
    typeof message.sv === 'string' &&
    message.sv !== '' &&
    typeof message.en === 'string' &&
    message.en !== ''
  );
}
