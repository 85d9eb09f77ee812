/** Configuration and in-memory state of the loopback server. */
import { randomBytes } from 'node:crypto';
import type { ServiceDefinition } from '../../src/definition/types.js';
import type { FieldError, SubmitRequest, TimelineEntry } from '../../src/case/types.js';

export interface LoopbackService {
  readonly definition: ServiceDefinition;
  /** The definition hash ("sha256-…"): core's definitionHash, unless a test breaks it on purpose. */
  readonly hash: string;
  /** The precompiled validator module served at validator.js. */
  readonly validatorSource: string;
  /** Field errors for the answers (pointers into the answers; empty when valid) and the answers with hidden fields dropped. */
  check(answers: Readonly<Record<string, unknown>>): { readonly errors: readonly FieldError[]; readonly pruned: Record<string, unknown> };
}

/** Deliberate breakages, so tests can show the contract suite catches them. */
export interface LoopbackFaults {
  /** Same key, other body → 200 with the first receipt instead of 409. */
  readonly keyReuseSucceeds?: boolean;
  /** Malformed JSON → 400 text/plain with the parser's stack. */
  readonly leakStack?: boolean;
  /** Wrong secret for an existing case → 403 instead of the 404 an unknown reference gets. */
  readonly revealWrongSecret?: boolean;
  /** Preflight leaves Authorization out of Access-Control-Allow-Headers. */
  readonly corsWithoutAuthorization?: boolean;
  /** Preflight allows only GET (and OPTIONS), also where the path takes POST. */
  readonly corsOnlyGet?: boolean;
  /** An answer to a field the rules hide is a reason to reject (422) instead of being dropped. */
  readonly rejectHiddenAnswers?: boolean;
}

export interface LoopbackLimits {
  readonly jsonBytes: number;
  readonly uploadBytes: number;
  /** Failed case look-ups per client per minute before 429. */
  readonly lookupFailuresPerMinute: number;
  readonly submissionsPerMinute: number;
}

export interface LoopbackOptions {
  /** Several entries with one id are versions of it; the last is current. */
  readonly services: readonly LoopbackService[];
  readonly surveys?: readonly string[];
  /** Tenant prefix, e.g. "/kommun"; default "" (tenant at the root). */
  readonly basePath?: string;
  /** Allowed CORS origins; default "*". */
  readonly allowedOrigins?: readonly string[] | '*';
  /**
   * Preflight names only what browsers need named: no Access-Control-Allow-Methods on a path
   * that takes only GET (a CORS-safelisted method). Default: each path lists its methods.
   */
  readonly minimalPreflight?: boolean;
  readonly limits?: Partial<LoopbackLimits>;
  readonly faults?: LoopbackFaults;
  readonly now?: () => Date;
}

export interface StoredCase {
  readonly reference: string;
  readonly serviceId: string;
  readonly definitionHash: string;
  readonly tokenHash: Buffer;
  readonly codeHash: Buffer;
  /** The request exactly as received. */
  readonly request: SubmitRequest;
  /** Its answers with hidden fields dropped: what the case keeps. */
  readonly answers: Record<string, unknown>;
  readonly submittedAt: string;
  readonly expectedBy: string;
  readonly timeline: TimelineEntry[];
}

export interface State {
  readonly options: LoopbackOptions;
  readonly limits: LoopbackLimits;
  readonly faults: LoopbackFaults;
  readonly now: () => Date;
  /** Derives replayable secrets; never leaves the process. */
  readonly serverKey: Buffer;
  baseUrl: string;
  readonly cases: Map<string, StoredCase>;
  /** `${serviceId}\n${key}` → fingerprint and reference of the case it made. */
  readonly idempotency: Map<string, { readonly fingerprint: string; readonly reference: string }>;
  /** `${prefix}-${year}` → last sequence number. */
  readonly sequences: Map<string, number>;
  readonly uploads: Map<string, { readonly mediaType: string; readonly bytes: Buffer }>;
  readonly feedback: unknown[];
  readonly surveyResponses: unknown[];
  readonly events: unknown[];
  readonly rate: Map<string, number[]>;
}

export function createState(options: LoopbackOptions): State {
  return {
    options,
    limits: {
      jsonBytes: 256 * 1024,
      uploadBytes: 10 * 1024 * 1024,
      lookupFailuresPerMinute: 30,
      submissionsPerMinute: 120,
      ...options.limits,
    },
    faults: options.faults ?? {},
    now: options.now ?? (() => new Date()),
    serverKey: randomBytes(32),
    baseUrl: '',
    cases: new Map(),
    idempotency: new Map(),
    sequences: new Map(),
    uploads: new Map(),
    feedback: [],
    surveyResponses: [],
    events: [],
    rate: new Map(),
  };
}

/** The current version of a service, or a named one. */
export function findService(state: State, id: string, hash?: string): LoopbackService | undefined {
  const versions = state.options.services.filter((service) => service.definition.id === id);
  return hash === undefined ? versions.at(-1) : versions.find((service) => service.hash === hash);
}

export function currentServices(state: State): LoopbackService[] {
  const ids = [...new Set(state.options.services.map((service) => service.definition.id))];
  return ids.map((id) => findService(state, id)!);
}

/** Sliding one-minute window per bucket; true when `limit` is already reached. */
export function limited(state: State, bucket: string, limit: number): boolean {
  const since = state.now().getTime() - 60_000;
  const hits = (state.rate.get(bucket) ?? []).filter((at) => at > since);
  state.rate.set(bucket, hits);
  return hits.length >= limit;
}

export function hit(state: State, bucket: string): void {
  const hits = state.rate.get(bucket) ?? [];
  hits.push(state.now().getTime());
  state.rate.set(bucket, hits);
}
