/** HTTP plumbing of the loopback server: replies, problems, bodies. */
import type { IncomingMessage } from 'node:http';
import { PROBLEM_STATUS, problemType, type ProblemCode } from '../../src/case/problems.js';
import type { BilingualMessage, FieldError } from '../../src/case/types.js';

export interface Reply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as is (with the content type from `headers`), or as JSON when not a string or buffer. */
  readonly body?: unknown;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers }, body: JSON.stringify(body) };
}

export function problem(
  code: ProblemCode,
  title: string,
  detail?: string,
  extra: { errors?: readonly FieldError[]; headers?: Record<string, string>; members?: Record<string, unknown> } = {},
): Reply {
  const status = PROBLEM_STATUS[code];
  const body = {
    type: problemType(code),
    title,
    status,
    ...(detail === undefined ? {} : { detail }),
    ...(extra.errors === undefined ? {} : { errors: extra.errors }),
    ...extra.members,
  };
  return {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...extra.headers },
    body: JSON.stringify(body),
  };
}

export function fieldError(pointer: string, keyword: string, message: BilingualMessage): FieldError {
  return { pointer, keyword, message };
}

export interface Body {
  readonly bytes: Buffer;
  readonly tooLarge: boolean;
}

/** Reads the whole body but keeps at most `limit` bytes, so an oversized upload is drained, not buffered. */
export async function readBody(request: IncomingMessage, limit: number): Promise<Body> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), tooLarge: size > limit };
}

export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export type JsonParse = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

export function parseJson(bytes: Buffer): JsonParse {
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) as unknown };
  } catch (error) {
    return { ok: false, error: error as Error };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Members of `value` not in `allowed`, as body pointers. */
export function unknownMembers(value: Record<string, unknown>, allowed: readonly string[], at = ''): FieldError[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) =>
      fieldError(`${at}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`, 'additionalProperties', {
        sv: 'Fältet är inte tillåtet.',
        en: 'This member is not allowed.',
      }),
    );
}

export const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
export const HASH = /^sha256-[A-Za-z0-9_-]{43}$/;
