/** Assertions for checks: a failed one throws CheckFailure, a skipped one CheckSkipped. */
import { isProblem, problemType, type ProblemCode } from '../case/problems.js';
import type { Problem } from '../case/types.js';
import { isDate as isDateFormat, isDateTime as isDateTimeFormat } from '../formats/standard.js';
import type { HttpResponse } from './http.js';

export class CheckFailure extends Error {}
export class CheckSkipped extends Error {}

export function fail(detail: string): never {
  throw new CheckFailure(detail);
}

export function skip(reason: string): never {
  throw new CheckSkipped(reason);
}

export function expect(condition: unknown, detail: string): asserts condition {
  if (!condition) fail(detail);
}

/** A short description of a response for failure details. */
export function describe(response: HttpResponse): string {
  const flat = response.text.replace(/\s+/g, ' ');
  const body = flat.length > 200 ? `${flat.slice(0, 200)}…` : flat;
  return `${response.method} ${response.url} → ${response.status} ${response.mediaType || '(no content type)'} ${body}`;
}

export function expectStatus(response: HttpResponse, status: number): void {
  expect(response.status === status, `expected ${status}: ${describe(response)}`);
}

export function expectJsonObject(response: HttpResponse): Record<string, unknown> {
  expect(response.mediaType === 'application/json', `expected application/json: ${describe(response)}`);
  expect(isRecord(response.json), `expected a JSON object: ${describe(response)}`);
  return response.json;
}

/** The response is the problem+json the contract names, with the given status and code. */
export function expectProblem(response: HttpResponse, status: number, code?: ProblemCode): Problem {
  expectStatus(response, status);
  expect(response.mediaType === 'application/problem+json', `expected application/problem+json: ${describe(response)}`);
  const problem = response.json;
  expect(isProblem(problem), `expected a problem body {type, title, status}: ${describe(response)}`);
  expect(problem.status === status, `problem.status ${problem.status} differs from HTTP ${status}`);
  if (code !== undefined) {
    expect(problem.type === problemType(code), `expected type ${problemType(code)}, got ${problem.type}`);
  }
  return problem;
}

// The contract's body shapes are core's (case/guards.ts); the suite adds per-field detail.
import { isLocalizedText, isRecord } from '../case/guards.js';

export { isLocalizedText, isRecord };

/** Text that betrays internals: stack frames, engine paths, file locations. */
const LEAK = /\n\s+at\s|\bat\s+\S+\s+\(|node:internal|node_modules|file:\/\/|\.(?:[cm]?js|ts):\d+:\d+|Traceback \(most recent/;

export function leaksInternals(text: string): boolean {
  return LEAK.test(text);
}

/** An RFC 3339 full-date (YYYY-MM-DD, real month lengths), by core's `date` format. */
export function isDate(value: unknown): value is string {
  return typeof value === 'string' && isDateFormat(value);
}

/** An RFC 3339 date-time with offset, by core's `date-time` format. */
export function isDateTime(value: unknown): value is string {
  return typeof value === 'string' && isDateTimeFormat(value);
}

/** Comma-separated header values, lower-cased and trimmed. */
export function headerList(response: HttpResponse, name: string): string[] {
  return (response.headers.get(name) ?? '')
    .split(',')
    .map((item) => item.trim().toLowerCase())
    .filter((item) => item !== '');
}
