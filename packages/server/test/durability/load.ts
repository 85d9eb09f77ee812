/**
 * A load generator for the durability tests (crash, shutdown, backup): N workers each submit
 * lamp cases in a loop over plain node:http (keep-alive), every submission with a fresh
 * idempotency key and a description no other submission has. Every submission is recorded
 * with its key, exact body and outcome, and the generator knows at any moment which requests
 * were sent but not yet answered: what "in flight" means when the server gets a signal.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { TWO_TENANTS } from '../support/test-server.js';

export const SERVICE = 'broken-lamp';
/** Submissions are not what the durability tests measure: rate limits stay out of the way. */
export const NO_RATE_LIMITS = { RATE_LIMIT_SUBMISSIONS: '1000000', RATE_LIMIT_LOOKUP_FAILURES: '1000000', RATE_LIMIT_UPLOADS: '1000000' };

export interface Receipt {
  readonly reference: string;
  readonly token: string;
  readonly trackingCode: string;
  readonly [member: string]: unknown;
}

export interface LampAnswers {
  readonly description: string;
  readonly anonymous: boolean;
  readonly email?: string;
}

export type Outcome = 'pending' | 'acked' | 'rejected' | 'failed';

/** One submission: what was sent and what came back. */
export interface Submission {
  readonly tenant: string;
  readonly key: string;
  readonly answers: LampAnswers;
  /** The exact JSON sent, so a retry sends the very same bytes. */
  readonly body: string;
  /** Client address claimed in X-Forwarded-For (honoured only with TRUST_PROXY). */
  readonly forwardedFor?: string;
  outcome: Outcome;
  status?: number;
  receipt?: Receipt;
  /** The problem body of a non-201 answer, or the error of a request that got none. */
  error?: string;
  startedAt: number;
  /** When the whole request had been handed to the network (the 'finish' of the request). */
  sentAt?: number;
  settledAt?: number;
}

export interface Reply {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly text: string;
}

/** Answers no other submission has: the description names the run, the worker and a counter. */
export function lampAnswers(label: string, worker: number, sequence: number): LampAnswers {
  const text = `Lampan ${label} w${worker} n${sequence} ${randomBytes(6).toString('hex')} lyser inte.`;
  // Two shapes: with an e-mail, and anonymous without one (pruning leaves both as sent).
  return worker % 2 === 0 ? { description: text, anonymous: false, email: `w${worker}.n${sequence}.${label}@example.org` } : { description: text, anonymous: true };
}

export function freshKey(label: string): string {
  return `${label}-${randomBytes(12).toString('base64url')}`;
}

/** A submission envelope, serialised once. */
export function submissionBody(answers: LampAnswers, definitionHash: string): string {
  return JSON.stringify({ answers, locale: 'sv', definitionVersion: '1.0.0', definitionHash });
}

/** The lamp definition's hash, as the catalog lists it, per tenant. */
export async function definitionHashes(url: string, tenants: readonly string[]): Promise<Record<string, string>> {
  const entries = await Promise.all(
    tenants.map(async (tenant) => {
      const response = await fetch(`${url}/${tenant}/api/services`);
      const { services } = (await response.json()) as { services: { id: string; hash: string }[] };
      const lamp = services.find((service) => service.id === SERVICE);
      if (lamp === undefined) throw new Error(`${tenant} serves no ${SERVICE}`);
      return [tenant, lamp.hash] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** POSTs one submission; resolves with the complete reply, rejects on any connection failure. */
export function post(url: string, submission: Pick<Submission, 'tenant' | 'key' | 'body' | 'forwardedFor'>, agent?: Agent, onSent?: () => void): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const target = new URL(`${url}/${submission.tenant}/api/services/${SERVICE}/cases`);
    const outgoing = request(
      target,
      {
        method: 'POST',
        agent: agent ?? false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(submission.body),
          'idempotency-key': submission.key,
          ...(submission.forwardedFor === undefined ? {} : { 'x-forwarded-for': submission.forwardedFor }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('aborted', () => reject(new Error('response aborted')));
        response.on('end', () => {
          if (!response.complete) reject(new Error('response incomplete'));
          else resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    outgoing.on('error', reject);
    if (onSent !== undefined) outgoing.on('finish', onSent);
    outgoing.end(submission.body);
  });
}

/**
 * Starts a submission the server has certainly accepted yet cannot finish: headers with
 * `Expect: 100-continue`, and after the server's "100 Continue" (sent as its handler starts)
 * half the body. `finish()` sends the rest and resolves with the reply.
 */
export async function holdSubmission(url: string, submission: Pick<Submission, 'tenant' | 'key' | 'body' | 'forwardedFor'>): Promise<{ finish(): Promise<Reply> }> {
  const target = new URL(`${url}/${submission.tenant}/api/services/${SERVICE}/cases`);
  const outgoing = request(target, {
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(submission.body),
      'idempotency-key': submission.key,
      expect: '100-continue',
      ...(submission.forwardedFor === undefined ? {} : { 'x-forwarded-for': submission.forwardedFor }),
    },
  });
  const reply = new Promise<Reply>((resolve, reject) => {
    outgoing.on('error', reject);
    outgoing.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
  });
  const half = Math.floor(submission.body.length / 2);
  await Promise.race([
    new Promise<void>((resolve) => outgoing.once('continue', () => resolve())),
    reply.then((early) => Promise.reject(new Error(`answered before the body was sent: ${early.status} ${early.text}`))),
  ]);
  outgoing.write(submission.body.slice(0, half));
  return {
    finish: () => {
      outgoing.end(submission.body.slice(half));
      return reply;
    },
  };
}

/** Records a reply (or its absence) on the submission. */
export function settle(submission: Submission, result: { reply: Reply } | { error: unknown }): void {
  submission.settledAt = performance.now();
  if ('error' in result) {
    submission.outcome = 'failed';
    submission.error = result.error instanceof Error ? `${(result.error as NodeJS.ErrnoException).code ?? result.error.name}: ${result.error.message}` : String(result.error);
    return;
  }
  submission.status = result.reply.status;
  if (result.reply.status === 201) {
    submission.outcome = 'acked';
    submission.receipt = JSON.parse(result.reply.text) as Receipt;
  } else {
    submission.outcome = 'rejected';
    submission.error = result.reply.text.slice(0, 500);
  }
}

export interface LoadOptions {
  readonly url: string;
  /** Definition hash per tenant; workers spread over these tenants. */
  readonly hashes: Readonly<Record<string, string>>;
  readonly workers: number;
  /** Names the run in keys and descriptions. */
  readonly label: string;
  /** Per-worker X-Forwarded-For address, e.g. (worker) => `203.0.113.${worker + 1}`. */
  readonly forwardedFor?: (worker: number) => string;
  /** Pads descriptions to about this many characters (bigger cases, a bigger database). */
  readonly descriptionLength?: number;
}

export interface Load {
  /** Every submission started so far, in start order. */
  readonly submissions: readonly Submission[];
  /** Sent in full, not yet answered: in flight. */
  outstanding(): Submission[];
  acked(): Submission[];
  /** Resolves once at least `count` submissions got a 201 (rejects after `timeoutMs`). */
  whenAcked(count: number, timeoutMs?: number): Promise<void>;
  /** No worker starts another submission after this call (those in flight carry on). */
  stop(): void;
  /** Every worker has ended: stopped, or its request failed after `stopOnFailure`. */
  readonly done: Promise<void>;
}

/**
 * Starts the workers. A worker loops until `stop()`; a request that fails without a reply
 * (connection refused or reset: the server is gone or going) ends that worker.
 */
export function startLoad(options: LoadOptions): Load {
  const submissions: Submission[] = [];
  const pending = new Set<Submission>();
  const tenants = Object.keys(options.hashes);
  const agent = new Agent({ keepAlive: true, maxSockets: options.workers });
  let stopped = false;
  let ackedCount = 0;
  const waiters: { count: number; resolve: () => void }[] = [];

  const worker = async (index: number) => {
    for (let sequence = 0; !stopped; sequence++) {
      const tenant = tenants[(index + sequence) % tenants.length]!;
      let answers = lampAnswers(options.label, index, sequence);
      if (options.descriptionLength !== undefined && answers.description.length < options.descriptionLength) {
        answers = { ...answers, description: `${answers.description} ${'Stolpen lutar och glaset är sprucket. '.repeat(Math.ceil(options.descriptionLength / 38))}`.slice(0, options.descriptionLength) };
      }
      const submission: Submission = {
        tenant,
        key: freshKey(options.label),
        answers,
        body: submissionBody(answers, options.hashes[tenant]!),
        ...(options.forwardedFor === undefined ? {} : { forwardedFor: options.forwardedFor(index) }),
        outcome: 'pending',
        startedAt: performance.now(),
      };
      submissions.push(submission);
      pending.add(submission);
      const result = await post(options.url, submission, agent, () => (submission.sentAt = performance.now())).then(
        (reply) => ({ reply }),
        (error: unknown) => ({ error }),
      );
      pending.delete(submission);
      settle(submission, result);
      if (submission.outcome === 'acked') {
        ackedCount++;
        for (const waiter of waiters.filter((candidate) => ackedCount >= candidate.count)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      if (submission.outcome === 'failed') break;
    }
  };
  const done = Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index))).then(() => agent.destroy());

  return {
    submissions,
    outstanding: () => [...pending].filter((submission) => submission.sentAt !== undefined),
    acked: () => submissions.filter((submission) => submission.outcome === 'acked'),
    whenAcked: (count, timeoutMs = 30_000) =>
      ackedCount >= count
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`only ${ackedCount} of ${count} submissions acknowledged after ${timeoutMs} ms: ${summarize(submissions)}`)), timeoutMs);
            waiters.push({ count, resolve: () => (clearTimeout(timer), resolve()) });
          }),
    stop: () => {
      stopped = true;
    },
    done,
  };
}

/** e.g. "acked 120, pending 3, failed 0, rejected 0; first problem: …" */
export function summarize(submissions: readonly Submission[]): string {
  const count = (outcome: Outcome) => submissions.filter((submission) => submission.outcome === outcome).length;
  const problem = submissions.find((submission) => submission.outcome === 'rejected' || submission.outcome === 'failed');
  return `acked ${count('acked')}, pending ${count('pending')}, failed ${count('failed')}, rejected ${count('rejected')}${problem ? `; first problem: ${problem.status ?? ''} ${problem.error}` : ''}`;
}

/** GET {tenant}/api/cases/{reference} with the receipt's token. */
export async function readCase(url: string, tenant: string, receipt: Receipt): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}/${tenant}/api/cases/${encodeURIComponent(receipt.reference)}`, { headers: { authorization: `Bearer ${receipt.token}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface CaseRow {
  readonly tenant: string;
  readonly reference: string;
  readonly answers: unknown;
  readonly locale: string;
  readonly definitionHash: string;
}

export const databasePath = (dataDir: string): string => join(dataDir, 'eservice-kit.sqlite');

/** Every case in a data folder's database, read through a read-only connection. */
export function casesIn(databaseFile: string): CaseRow[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare<[], { tenant: string; reference: string; answers_json: string; locale: string; definition_hash: string }>(
        'SELECT tenant, reference, answers_json, locale, definition_hash FROM cases ORDER BY id',
      )
      .all()
      .map((row) => ({ tenant: row.tenant, reference: row.reference, answers: JSON.parse(row.answers_json) as unknown, locale: row.locale, definitionHash: row.definition_hash }));
  } finally {
    db.close();
  }
}

/** Runs SQL against a read-only connection (integrity checks, counts). */
export function query<T>(databaseFile: string, sql: string): T[] {
  const db = new Database(databaseFile, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], T>(sql).all();
  } finally {
    db.close();
  }
}

/** Runs `task` over `items` with at most `limit` at once. */
export async function inBatches<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index]!);
      }
    }),
  );
  return results;
}

/** The case key of a row or submission: the same reference may exist once per tenant. */
export const caseKey = (tenant: string, reference: string): string => `${tenant}/${reference}`;

/**
 * TWO_TENANTS with only the lamp fixture: no built-in services to precompile, so the many
 * restarts these tests make are quick even on a busy machine.
 */
export const LAMP_TENANTS = { tenants: TWO_TENANTS.tenants.map((tenant) => ({ ...tenant, services: [] })) };
