/**
 * The storage interface of the reference server. Every method is asynchronous so that a
 * networked database (PostgreSQL, a later part) fits behind it unchanged; request handlers
 * only ever see this interface, never a driver.
 *
 * Every record belongs to one tenant, and every method takes the tenant: no call can read or
 * write across municipalities.
 */
import type { StatusView, TimelineEntry } from '@eservice-kit/core';

export interface DefinitionVersionRecord {
  readonly serviceId: string;
  readonly version: string;
  readonly hash: string;
  /** The definition as JSON text, exactly as served. */
  readonly definitionJson: string;
}

export interface NewCase {
  readonly tenant: string;
  readonly serviceId: string;
  readonly referencePrefix: string;
  /** Calendar year (Europe/Stockholm) the reference is numbered in. */
  readonly year: number;
  readonly definitionVersion: string;
  readonly definitionHash: string;
  readonly locale: string;
  /** Pruned answers: what the case keeps. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly tokenHash: Buffer;
  readonly codeHash: Buffer;
  readonly initialStatus: StatusView;
  readonly submittedAt: string;
  readonly expectedBy: string;
  readonly durationMs?: number;
  /** sha256 of the Idempotency-Key: the key itself is never stored. */
  readonly idempotencyKeyHash: Buffer;
  /** sha256 of the canonical request body, to tell a replay from a reuse. */
  readonly fingerprint: Buffer;
  /** Uploads the answers refer to; each must be this tenant's and not yet attached. */
  readonly uploadIds: readonly string[];
}

export type CreateCaseResult =
  | { readonly kind: 'created'; readonly case: StoredCase }
  /** The key was used before: the earlier case, and whether the body was the same. */
  | { readonly kind: 'existing'; readonly case: StoredCase; readonly sameRequest: boolean }
  /** An upload id is unknown, another tenant's, or already attached to a case. */
  | { readonly kind: 'unknown-uploads'; readonly uploadIds: readonly string[] };

export interface StoredCase {
  readonly tenant: string;
  readonly reference: string;
  readonly serviceId: string;
  readonly definitionVersion: string;
  readonly definitionHash: string;
  readonly locale: string;
  readonly answers: Record<string, unknown>;
  readonly tokenHash: Buffer;
  readonly codeHash: Buffer;
  readonly status: StatusView;
  readonly submittedAt: string;
  readonly expectedBy: string;
  readonly durationMs?: number;
  readonly timeline: readonly TimelineEntry[];
  readonly uploadIds: readonly string[];
}

/** A status change by a case handler: appended to the timeline, audited, and queued for notification. */
export interface StatusChange {
  readonly tenant: string;
  readonly reference: string;
  readonly status: StatusView;
  readonly message?: TimelineEntry['message'];
  readonly at: string;
  /** Who made the change (a staff user id), for the audit log. */
  readonly actor: string;
  /** Messages for the durable outbox (e-mail, webhooks), delivered by a later part. */
  readonly notifications?: readonly OutboxMessage[];
}

export interface OutboxMessage {
  readonly kind: 'email' | 'webhook';
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface NewUpload {
  readonly tenant: string;
  readonly id: string;
  readonly serviceId?: string;
  readonly mediaType: string;
  readonly size: number;
  readonly blobKey: string;
  readonly createdAt: string;
}

export interface StoredUpload extends NewUpload {
  readonly caseReference?: string;
}

export interface FeedbackRecord {
  readonly tenant: string;
  readonly id: string;
  readonly serviceId?: string;
  readonly topic?: string;
  readonly definitionHash?: string;
  readonly reference?: string;
  readonly locale?: string;
  readonly rating?: number;
  readonly helpful?: boolean;
  readonly comment?: string;
  readonly createdAt: string;
}

export interface SurveyResponseRecord {
  readonly tenant: string;
  readonly id: string;
  readonly surveyId: string;
  readonly serviceId?: string;
  readonly definitionHash?: string;
  readonly reference?: string;
  readonly trigger?: string;
  readonly locale?: string;
  readonly answers: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
}

export interface UsageEventRecord {
  readonly fillId: string;
  readonly type: string;
  readonly serviceId: string;
  readonly definitionHash: string;
  readonly step?: string;
  readonly at: string;
}

/** Row counts per table, for operations and for tests that prove a request changed nothing. */
export type TableCounts = Readonly<Record<string, number>>;

export interface Storage {
  /** A 32-byte secret kept in the database, from which replayable receipt secrets are derived. */
  serverKey(): Promise<Buffer>;

  saveDefinitionVersion(tenant: string, record: DefinitionVersionRecord): Promise<void>;
  definitionVersions(tenant: string): Promise<DefinitionVersionRecord[]>;

  /** Atomically: idempotency check, reference numbering, the case, its first timeline entry and its uploads. Durable when it resolves. */
  createCase(input: NewCase): Promise<CreateCaseResult>;
  findCaseByIdempotencyKey(tenant: string, serviceId: string, keyHash: Buffer): Promise<{ case: StoredCase; fingerprint: Buffer } | undefined>;
  getCase(tenant: string, reference: string): Promise<StoredCase | undefined>;
  appendStatus(change: StatusChange): Promise<StoredCase | undefined>;

  createUpload(upload: NewUpload): Promise<void>;
  getUpload(tenant: string, id: string): Promise<StoredUpload | undefined>;
  /** Unattached uploads older than `before`, removed from the database; the caller deletes their blobs. */
  takeExpiredUploads(before: string): Promise<StoredUpload[]>;

  addFeedback(record: FeedbackRecord): Promise<void>;
  addSurveyResponse(record: SurveyResponseRecord): Promise<void>;
  addUsageEvents(tenant: string, events: readonly UsageEventRecord[], receivedAt: string): Promise<void>;

  /**
   * Counts one hit in a fixed one-minute window shared by every process on this database;
   * true when the bucket was already at `limit` (the hit is then not counted).
   */
  rateLimitHit(bucket: string, limit: number, now: number): Promise<boolean>;
  /** True when the bucket is at `limit` in the current window, without counting. */
  rateLimited(bucket: string, limit: number, now: number): Promise<boolean>;
  /** Takes back one hit of the current window (a look-up that turned out to be the citizen's own). */
  rateLimitRefund(bucket: string, now: number): Promise<void>;
  /** Forgets windows that ended before the current one; returns how many were removed. */
  sweepRateLimits(now: number): Promise<number>;

  counts(tenant?: string): Promise<TableCounts>;
  /** A constant-cost check that the database answers, for /health. */
  healthy(): Promise<boolean>;
  /** The blob keys uploads refer to, so blobs a crash left without a row can be found. */
  blobKeysInUse(): Promise<Set<string>>;
  close(): Promise<void>;
}
