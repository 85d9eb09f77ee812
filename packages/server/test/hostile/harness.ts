/**
 * The machinery of the hostile-input corpus: a raw HTTP client (node:http, so paths are sent
 * exactly as written, with no URL normalisation by the client), a socket-level client for
 * requests Node's own client refuses to send, and the checks every refusal must pass.
 */
import { readdirSync } from 'node:fs';
import { request, type Agent, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { connect } from 'node:net';
import { join, relative } from 'node:path';
import { PROBLEM_TYPE_PREFIX, type ProblemCode } from '@eservice-kit/core';

export const CATEGORIES = [
  'malformed and hostile JSON',
  'wrong types',
  'oversize bodies and files',
  'disguised file types',
  'path traversal in names and ids',
  'XSS and SQL strings',
  'forged, empty and expired secrets',
  'idempotency-key reuse and malformed keys',
  'unknown tenants, services and methods',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface Answer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The request went over a kept-alive connection an earlier request used. */
  readonly reusedSocket: boolean;
}

export interface SendOptions {
  readonly method?: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: string | Uint8Array;
  /** Send the body with Transfer-Encoding: chunked (no Content-Length at all). */
  readonly chunked?: boolean;
  /** Send the headers and body but never end the request (a Content-Length that lies upwards). */
  readonly incomplete?: boolean;
  /** Default: a fresh connection per request. */
  readonly agent?: Agent | false;
  readonly localAddress?: string;
}

/** One HTTP request to `origin` with `path` sent byte for byte as given. */
export function send(origin: string, path: string, options: SendOptions = {}): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  const body = options.body === undefined ? undefined : Buffer.from(options.body);
  const headers: OutgoingHttpHeaders = { ...options.headers };
  if (body !== undefined && !options.chunked && headers['content-length'] === undefined) headers['content-length'] = body.length;
  if (options.chunked) headers['transfer-encoding'] = 'chunked';
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { host: hostname, port, path, method: options.method ?? 'GET', headers, agent: options.agent ?? false, ...(options.localAddress ? { localAddress: options.localAddress } : {}) },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8'), reusedSocket: outgoing.reusedSocket });
          if (options.incomplete) outgoing.destroy();
        });
        response.on('error', reject);
      },
    );
    // A server may answer (413) and stop reading before the whole body is written: that is not a failure here.
    outgoing.on('error', (error: NodeJS.ErrnoException) => (['EPIPE', 'ECONNRESET'].includes(error.code ?? '') ? undefined : reject(error)));
    if (body === undefined) return void outgoing.end();
    if (options.chunked) {
      for (let offset = 0; offset < body.length; offset += 16 * 1024) outgoing.write(body.subarray(offset, offset + 16 * 1024));
      return void outgoing.end();
    }
    if (options.incomplete) return void outgoing.write(body);
    outgoing.end(body);
  });
}

/**
 * Writes `text` to a bare socket and reads until the server closes it: for what Node's client
 * will not send (smuggling headers, broken chunk sizes, oversized header blocks).
 */
export function sendRaw(origin: string, text: string): Promise<Answer> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error('no answer within 5 s')), 5000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      clearTimeout(timer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const split = raw.indexOf('\r\n\r\n');
      const head = split === -1 ? raw : raw.slice(0, split);
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers: IncomingHttpHeaders = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0), headers, body: split === -1 ? '' : raw.slice(split + 4), reusedSocket: false });
    });
    socket.write(text);
    // Half-close after writing, so a server waiting for more body bytes still answers (and then closes).
    setTimeout(() => socket.end(), 200);
  });
}

/** Shorthands bound to one origin. */
export function client(origin: string) {
  return {
    get: (path: string, headers: OutgoingHttpHeaders = {}, options: SendOptions = {}) => send(origin, path, { ...options, headers }),
    request: (method: string, path: string, options: SendOptions = {}) => send(origin, path, { ...options, method }),
    /** POST of a body given as text or bytes, Content-Type application/json unless told. */
    post: (path: string, body: string | Uint8Array, headers: OutgoingHttpHeaders = {}, options: SendOptions = {}) =>
      send(origin, path, { ...options, method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }),
    /** POST of a value as JSON. */
    json: (path: string, value: unknown, headers: OutgoingHttpHeaders = {}, options: SendOptions = {}) =>
      send(origin, path, { ...options, method: 'POST', body: JSON.stringify(value), headers: { 'content-type': 'application/json', ...headers } }),
    raw: (text: string) => sendRaw(origin, text),
  };
}
export type Client = ReturnType<typeof client>;

/** One hostile request and the refusal it must get. */
export interface HostileCase {
  readonly name: string;
  readonly send: () => Promise<Answer>;
  readonly status: number;
  readonly code: ProblemCode;
  /**
   * Refused by Node's HTTP parser before any route ran (the server's clientError handler):
   * that answer is a fixed text without the security headers of routed answers.
   */
  readonly parserLevel?: boolean;
  /** Pieces of the hostile input that must not be reflected in the answer. */
  readonly notEchoed?: readonly string[];
  /** Further checks of this answer (headers, reuse of the connection, …). */
  readonly check?: (answer: Answer) => void | Promise<void>;
}

/** What gives away the server's inside: stack frames, SQL, file paths, runtime error names, parser messages. */
export const LEAKS: readonly [string, RegExp][] = [
  ['a stack frame', /(?:^|\n)\s*at\s+\S|\bat\s+(?:async\s+)?[\w$.<>[\]]+\s+\(|\(\S+:\d+:\d+\)|\bat (?:file|node):/],
  ['SQL', /\b(?:SELECT|INSERT|UPDATE|DELETE\s+FROM|CREATE\s+TABLE|PRAGMA)\b|sqlite|SQLITE_\w+|no such (?:table|column)/i],
  ['a file path', /\/work\/|\/tmp\/|\/home\/|\/usr\/|\/var\/|\/etc\/|node_modules|\.ts:\d*|\.m?js:\d+|file:\/\/|[A-Za-z]:\\/],
  ['a runtime error', /\b(?:TypeError|RangeError|SyntaxError|ReferenceError|SqliteError|Error:)|Unexpected token|in JSON at position|is not valid JSON|Cannot read propert|undefined is not|ERR_[A-Z_]+|E(?:NOENT|ACCES|PIPE|CONNRESET)\b/],
];

/** Problems with one answer, as readable lines; empty when it is the expected refusal. */
export function judge(hostile: HostileCase, answer: Answer, extraLeaks: readonly string[] = []): string[] {
  const issues: string[] = [];
  if (answer.status !== hostile.status) issues.push(`status ${answer.status}, expected ${hostile.status}`);
  const contentType = String(answer.headers['content-type'] ?? '');
  if (!/^application\/problem\+json(?:\s*;|$)/.test(contentType)) issues.push(`Content-Type "${contentType}", expected application/problem+json`);
  let problem: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(answer.body);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) problem = parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  if (problem === undefined) issues.push(`body is not a JSON object: ${answer.body.slice(0, 120)}`);
  else {
    if (problem.type !== PROBLEM_TYPE_PREFIX + hostile.code) issues.push(`type ${String(problem.type)}, expected ${PROBLEM_TYPE_PREFIX}${hostile.code}`);
    if (problem.status !== answer.status) issues.push(`body status ${String(problem.status)} differs from HTTP ${answer.status}`);
    if (typeof problem.title !== 'string' || problem.title === '') issues.push('no title');
  }
  for (const [what, pattern] of LEAKS) if (pattern.test(answer.body)) issues.push(`body holds ${what}: ${answer.body.slice(0, 200)}`);
  for (const secret of extraLeaks) if (secret !== '' && answer.body.includes(secret)) issues.push(`body holds a server-side value: ${secret.slice(0, 40)}`);
  for (const piece of hostile.notEchoed ?? []) if (answer.body.includes(piece)) issues.push(`body echoes the hostile input "${piece}"`);
  if (!hostile.parserLevel) {
    if (answer.headers['x-content-type-options'] !== 'nosniff') issues.push('no X-Content-Type-Options: nosniff');
    if (!String(answer.headers['content-security-policy'] ?? '').includes("default-src 'none'")) issues.push("no Content-Security-Policy default-src 'none'");
  }
  return issues;
}

/** Runs cases one after another; returns the failures as lines, and how many were sent. */
export async function runCases(cases: readonly HostileCase[], extraLeaks: readonly string[] = []): Promise<{ sent: number; failures: string[]; answers: Map<string, Answer> }> {
  const failures: string[] = [];
  const answers = new Map<string, Answer>();
  const names = new Set<string>();
  for (const hostile of cases) {
    if (names.has(hostile.name)) throw new Error(`duplicate case name: ${hostile.name}`);
    names.add(hostile.name);
    let answer: Answer;
    try {
      answer = await hostile.send();
    } catch (error) {
      failures.push(`${hostile.name}: no answer (${error instanceof Error ? error.message : String(error)})`);
      continue;
    }
    answers.set(hostile.name, answer);
    const issues = judge(hostile, answer, extraLeaks);
    try {
      await hostile.check?.(answer);
    } catch (error) {
      issues.push(error instanceof Error ? error.message.split('\n')[0]! : String(error));
    }
    if (issues.length > 0) failures.push(`${hostile.name}:\n      ${issues.join('\n      ')}`);
  }
  return { sent: cases.length, failures, answers };
}

/** Every file under `directory`, as sorted relative paths. */
export function listFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

/** A multipart/form-data body (CRLF, closed) from parts given as header lines and content. */
export function multipart(boundary: string, parts: readonly { headers: readonly string[]; content: string | Uint8Array }[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    chunks.push(Buffer.from(`--${boundary}\r\n${part.headers.map((header) => `${header}\r\n`).join('')}\r\n`));
    chunks.push(Buffer.from(part.content));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

export const filePart = (name: string, filename: string, content: string | Uint8Array, type = 'image/jpeg') => ({
  headers: [`Content-Disposition: form-data; name="${name}"; filename="${filename}"`, `Content-Type: ${type}`],
  content,
});
export const fieldPart = (name: string, value: string) => ({ headers: [`Content-Disposition: form-data; name="${name}"`], content: value });

/** `length` symbols of [A-Za-z0-9], starting with `prefix`: keys, fill ids and forged tokens. */
export const symbols = (length: number, prefix = ''): string => `${prefix}${'0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'.repeat(5)}`.slice(0, length);

/** A case's receipt secrets, as a submission returned them. */
export interface Seeded {
  readonly reference: string;
  readonly token: string;
  readonly trackingCode: string;
}

/** What the corpus is aimed at: the servers and the cases seeded before it runs. */
export interface Target {
  /** The main server: default size limits, rate limits raised. */
  readonly main: Client;
  /** A server with MAX_JSON_BYTES=65536 and MAX_UPLOAD_BYTES=65536 (cheap oversize bodies) and 5 failed look-ups a minute. */
  readonly small: Client;
  /** Hash of the broken-lamp definition (the same file in both tenants). */
  readonly lampHash: string;
  /** The first lamp case of /ostra and of /vastra: the same reference, two cases. */
  readonly ostra: Seeded;
  readonly vastra: Seeded;
  /** A second /ostra case. */
  readonly ostraOther: Seeded;
  /** Key and body that made `ostra`. */
  readonly seedKey: string;
  readonly seedBody: Readonly<Record<string, unknown>>;
}

export const LAMP_CASES = '/ostra/api/services/broken-lamp/cases';

/** A well-formed lamp submission for `target`, with members replaced or added. */
export function lampSubmission(target: Pick<Target, 'lampHash'>, members: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    answers: { description: 'Lampan vid busshållplatsen lyser inte.', anonymous: false, email: 'anna@example.org' },
    locale: 'sv',
    definitionVersion: '1.0.0',
    definitionHash: target.lampHash,
    ...members,
  };
}

let keys = 0;
/** A fresh, valid Idempotency-Key, so a refusal is never about the key unless meant. */
export const freshKey = (): string => `hostile-${process.pid}-${Date.now().toString(36)}-${++keys}`;
