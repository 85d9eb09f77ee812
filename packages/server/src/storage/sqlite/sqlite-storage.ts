/**
 * The embedded storage: SQLite through better-sqlite3, in WAL mode with `synchronous = FULL`
 * (every COMMIT fsyncs the log). Writes go through a group commit; reads run directly, which
 * is safe because a batch runs to its COMMIT without yielding, so no read sees half a batch.
 * All SQL is parameterised.
 */
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { formatReference, type StatusView, type TimelineEntry } from '@eservice-kit/core';
import type {
  CreateCaseResult,
  DefinitionVersionRecord,
  FeedbackRecord,
  NewCase,
  NewUpload,
  StatusChange,
  Storage,
  StoredCase,
  StoredUpload,
  SurveyResponseRecord,
  TableCounts,
  UsageEventRecord,
} from '../types.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrations.js';

interface CaseRow {
  id: number;
  tenant: string;
  reference: string;
  service_id: string;
  definition_version: string;
  definition_hash: string;
  locale: string;
  answers_json: string;
  token_hash: Buffer;
  code_hash: Buffer;
  status_json: string;
  submitted_at: string;
  expected_by: string;
  duration_ms: number | null;
}

interface UploadRow {
  tenant: string;
  id: string;
  service_id: string | null;
  media_type: string;
  size: number;
  blob_key: string;
  created_at: string;
  case_id: number | null;
}

const TENANT_TABLES = ['definition_versions', 'cases', 'idempotency_keys', 'uploads', 'feedback', 'survey_responses', 'usage_events', 'audit_log', 'outbox'];
const ALL_TABLES = [...TENANT_TABLES, 'case_timeline', 'reference_sequences', 'rate_limits', 'staff_users'];
const WINDOW_MS = 60_000;

export interface SqliteOptions {
  /** Path of the database file; created with its folder when missing. */
  readonly path: string;
}

export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly writes: GroupCommit;
  private readonly statements;

  constructor(options: SqliteOptions) {
    mkdirSync(dirname(options.path), { recursive: true, mode: 0o700 });
    // Created owner-only before SQLite opens it: SQLite gives its WAL and shared-memory files the same mode.
    closeSync(openSync(options.path, 'a', 0o600));
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.writes = new GroupCommit(this.db);
    const db = this.db;
    this.statements = {
      caseByReference: db.prepare<[string, string], CaseRow>('SELECT * FROM cases WHERE tenant = ? AND reference = ?'),
      caseById: db.prepare<[number], CaseRow>('SELECT * FROM cases WHERE id = ?'),
      timeline: db.prepare<[number], { status_json: string; message_json: string | null; at: string }>(
        'SELECT status_json, message_json, at FROM case_timeline WHERE case_id = ? ORDER BY id',
      ),
      caseUploads: db.prepare<[number], string>('SELECT id FROM uploads WHERE case_id = ? ORDER BY id').pluck(),
      idempotency: db.prepare<[string, string, Buffer], { case_id: number; fingerprint: Buffer }>(
        'SELECT case_id, fingerprint FROM idempotency_keys WHERE tenant = ? AND service_id = ? AND key_hash = ?',
      ),
      nextSequence: db
        .prepare<[string, string, number], number>(
          `INSERT INTO reference_sequences (tenant, prefix, year, last) VALUES (?, ?, ?, 1)
           ON CONFLICT (tenant, prefix, year) DO UPDATE SET last = last + 1 RETURNING last`,
        )
        .pluck(),
      insertCase: db.prepare(
        `INSERT INTO cases (tenant, reference, service_id, definition_version, definition_hash, locale, answers_json,
           token_hash, code_hash, status_json, submitted_at, expected_by, duration_ms)
         VALUES (@tenant, @reference, @serviceId, @definitionVersion, @definitionHash, @locale, @answersJson,
           @tokenHash, @codeHash, @statusJson, @submittedAt, @expectedBy, @durationMs)`,
      ),
      insertTimeline: db.prepare('INSERT INTO case_timeline (case_id, status_json, message_json, at, actor) VALUES (?, ?, ?, ?, ?)'),
      insertIdempotency: db.prepare('INSERT INTO idempotency_keys (tenant, service_id, key_hash, fingerprint, case_id) VALUES (?, ?, ?, ?, ?)'),
      attachUpload: db.prepare('UPDATE uploads SET case_id = ? WHERE tenant = ? AND id = ? AND case_id IS NULL'),
      upload: db.prepare<[string, string], UploadRow>('SELECT * FROM uploads WHERE tenant = ? AND id = ?'),
      rateHits: db.prepare<[string, number], number>('SELECT hits FROM rate_limits WHERE bucket = ? AND window_start = ?').pluck(),
      rateRefund: db.prepare('UPDATE rate_limits SET hits = max(hits - 1, 0) WHERE bucket = ? AND window_start = ?'),
      ping: db.prepare<[], number>('SELECT 1').pluck(),
      rateHit: db.prepare('INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?, ?, 1) ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + 1'),
    };
  }

  async serverKey(): Promise<Buffer> {
    return this.db.prepare<[], Buffer>("SELECT value FROM settings WHERE name = 'server_key'").pluck().get()!;
  }

  async saveDefinitionVersion(tenant: string, record: DefinitionVersionRecord): Promise<void> {
    await this.writes.write(() =>
      this.db
        .prepare(
          `INSERT INTO definition_versions (tenant, service_id, version, hash, definition_json, added_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (tenant, hash) DO NOTHING`,
        )
        .run(tenant, record.serviceId, record.version, record.hash, record.definitionJson, new Date().toISOString()),
    );
  }

  async definitionVersions(tenant: string): Promise<DefinitionVersionRecord[]> {
    return this.db
      .prepare<[string], { service_id: string; version: string; hash: string; definition_json: string }>(
        'SELECT service_id, version, hash, definition_json FROM definition_versions WHERE tenant = ? ORDER BY added_at, rowid',
      )
      .all(tenant)
      .map((row) => ({ serviceId: row.service_id, version: row.version, hash: row.hash, definitionJson: row.definition_json }));
  }

  async createCase(input: NewCase): Promise<CreateCaseResult> {
    return this.writes.write((): CreateCaseResult => {
      const earlier = this.statements.idempotency.get(input.tenant, input.serviceId, input.idempotencyKeyHash);
      if (earlier !== undefined) {
        return { kind: 'existing', case: this.toCase(this.statements.caseById.get(earlier.case_id)!), sameRequest: earlier.fingerprint.equals(input.fingerprint) };
      }
      // Only this tenant's unattached uploads, made for this service or for none in particular.
      const unknown = input.uploadIds.filter((id) => {
        const upload = this.statements.upload.get(input.tenant, id);
        return upload === undefined || upload.case_id !== null || (upload.service_id !== null && upload.service_id !== input.serviceId);
      });
      if (unknown.length > 0) return { kind: 'unknown-uploads', uploadIds: unknown };
      const sequence = this.statements.nextSequence.get(input.tenant, input.referencePrefix, input.year)!;
      // Throws past 999999 (the contract's six digits): the write rolls back rather than hand out a receipt no look-up accepts.
      const reference = formatReference(input.referencePrefix, input.year, sequence);
      // Built from the input rather than read back after the insert: this is the hot path.
      const stored: StoredCase = {
        tenant: input.tenant,
        reference,
        serviceId: input.serviceId,
        definitionVersion: input.definitionVersion,
        definitionHash: input.definitionHash,
        locale: input.locale,
        answers: input.answers as Record<string, unknown>,
        tokenHash: input.tokenHash,
        codeHash: input.codeHash,
        status: input.initialStatus,
        submittedAt: input.submittedAt,
        expectedBy: input.expectedBy,
        ...(input.durationMs === undefined ? {} : { durationMs: input.durationMs }),
        timeline: [{ status: input.initialStatus, at: input.submittedAt }],
        uploadIds: [...input.uploadIds].sort(),
      };
      const statusJson = JSON.stringify(stored.status);
      // The named parameters are the case's own property names; the JSON columns are added.
      const { lastInsertRowid } = this.statements.insertCase.run({
        ...stored,
        answersJson: JSON.stringify(stored.answers),
        statusJson,
        durationMs: stored.durationMs ?? null,
      });
      const caseId = Number(lastInsertRowid);
      this.statements.insertTimeline.run(caseId, statusJson, null, stored.submittedAt, null);
      this.statements.insertIdempotency.run(input.tenant, input.serviceId, input.idempotencyKeyHash, input.fingerprint, caseId);
      for (const id of input.uploadIds) this.statements.attachUpload.run(caseId, input.tenant, id);
      return { kind: 'created', case: stored };
    });
  }

  async findCaseByIdempotencyKey(tenant: string, serviceId: string, keyHash: Buffer): Promise<{ case: StoredCase; fingerprint: Buffer } | undefined> {
    const earlier = this.statements.idempotency.get(tenant, serviceId, keyHash);
    if (earlier === undefined) return undefined;
    return { case: this.toCase(this.statements.caseById.get(earlier.case_id)!), fingerprint: earlier.fingerprint };
  }

  async getCase(tenant: string, reference: string): Promise<StoredCase | undefined> {
    const row = this.statements.caseByReference.get(tenant, reference);
    return row === undefined ? undefined : this.toCase(row);
  }

  async appendStatus(change: StatusChange): Promise<StoredCase | undefined> {
    return this.writes.write(() => {
      const row = this.statements.caseByReference.get(change.tenant, change.reference);
      if (row === undefined) return undefined;
      const statusJson = JSON.stringify(change.status);
      this.db.prepare('UPDATE cases SET status_json = ? WHERE id = ?').run(statusJson, row.id);
      this.statements.insertTimeline.run(row.id, statusJson, change.message === undefined ? null : JSON.stringify(change.message), change.at, change.actor);
      this.db
        .prepare('INSERT INTO audit_log (tenant, at, actor, action, case_id, detail_json) VALUES (?, ?, ?, ?, ?, ?)')
        .run(change.tenant, change.at, change.actor, 'case.status-changed', row.id, JSON.stringify({ status: change.status.id }));
      for (const notification of change.notifications ?? []) {
        this.db
          .prepare('INSERT INTO outbox (tenant, kind, payload_json, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?)')
          .run(change.tenant, notification.kind, JSON.stringify(notification.payload), change.at, change.at);
      }
      return this.toCase(this.statements.caseById.get(row.id)!);
    });
  }

  async createUpload(upload: NewUpload): Promise<void> {
    await this.writes.write(() =>
      this.db
        .prepare('INSERT INTO uploads (tenant, id, service_id, media_type, size, blob_key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(upload.tenant, upload.id, upload.serviceId ?? null, upload.mediaType, upload.size, upload.blobKey, upload.createdAt),
    );
  }

  async getUpload(tenant: string, id: string): Promise<StoredUpload | undefined> {
    const row = this.statements.upload.get(tenant, id);
    if (row === undefined) return undefined;
    const reference = row.case_id === null ? undefined : this.statements.caseById.get(row.case_id)?.reference;
    return {
      tenant: row.tenant,
      id: row.id,
      ...(row.service_id === null ? {} : { serviceId: row.service_id }),
      mediaType: row.media_type,
      size: row.size,
      blobKey: row.blob_key,
      createdAt: row.created_at,
      ...(reference === undefined ? {} : { caseReference: reference }),
    };
  }

  async takeExpiredUploads(before: string): Promise<StoredUpload[]> {
    return this.writes.write(() =>
      this.db
        .prepare<[string], UploadRow>('DELETE FROM uploads WHERE case_id IS NULL AND created_at < ? RETURNING *')
        .all(before)
        .map((row) => ({
          tenant: row.tenant,
          id: row.id,
          mediaType: row.media_type,
          size: row.size,
          blobKey: row.blob_key,
          createdAt: row.created_at,
        })),
    );
  }

  async addFeedback(record: FeedbackRecord): Promise<void> {
    await this.writes.write(() =>
      this.db
        .prepare(
          `INSERT INTO feedback (id, tenant, service_id, topic, definition_hash, reference, locale, rating, helpful, comment, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.id,
          record.tenant,
          record.serviceId ?? null,
          record.topic ?? null,
          record.definitionHash ?? null,
          record.reference ?? null,
          record.locale ?? null,
          record.rating ?? null,
          record.helpful === undefined ? null : Number(record.helpful),
          record.comment ?? null,
          record.createdAt,
        ),
    );
  }

  async addSurveyResponse(record: SurveyResponseRecord): Promise<void> {
    await this.writes.write(() =>
      this.db
        .prepare(
          `INSERT INTO survey_responses (id, tenant, survey_id, service_id, definition_hash, reference, trigger, locale, answers_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          record.id,
          record.tenant,
          record.surveyId,
          record.serviceId ?? null,
          record.definitionHash ?? null,
          record.reference ?? null,
          record.trigger ?? null,
          record.locale ?? null,
          JSON.stringify(record.answers),
          record.createdAt,
        ),
    );
  }

  async addUsageEvents(tenant: string, events: readonly UsageEventRecord[], receivedAt: string): Promise<void> {
    const insert = this.db.prepare(
      'INSERT INTO usage_events (tenant, fill_id, type, service_id, definition_hash, step, at, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    await this.writes.write(() => {
      for (const event of events) insert.run(tenant, event.fillId, event.type, event.serviceId, event.definitionHash, event.step ?? null, event.at, receivedAt);
    });
  }

  async rateLimitHit(bucket: string, limit: number, now: number): Promise<boolean> {
    const windowStart = now - (now % WINDOW_MS);
    return this.writes.write(() => {
      if ((this.statements.rateHits.get(bucket, windowStart) ?? 0) >= limit) return true;
      this.statements.rateHit.run(bucket, windowStart);
      return false;
    });
  }

  async rateLimited(bucket: string, limit: number, now: number): Promise<boolean> {
    return (this.statements.rateHits.get(bucket, now - (now % WINDOW_MS)) ?? 0) >= limit;
  }

  async rateLimitRefund(bucket: string, now: number): Promise<void> {
    await this.writes.write(() => this.statements.rateRefund.run(bucket, now - (now % WINDOW_MS)));
  }

  async healthy(): Promise<boolean> {
    return this.statements.ping.get() === 1;
  }

  async blobKeysInUse(): Promise<Set<string>> {
    return new Set(this.db.prepare<[], string>('SELECT blob_key FROM uploads').pluck().all());
  }

  async sweepRateLimits(now: number): Promise<number> {
    return this.writes.write(() => this.db.prepare('DELETE FROM rate_limits WHERE window_start < ?').run(now - (now % WINDOW_MS)).changes);
  }

  async counts(tenant?: string): Promise<TableCounts> {
    const tables = tenant === undefined ? ALL_TABLES : TENANT_TABLES;
    return Object.fromEntries(
      tables.map((table) => [
        table,
        tenant === undefined
          ? (this.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number)
          : (this.db.prepare(`SELECT count(*) FROM ${table} WHERE tenant = ?`).pluck().get(tenant) as number),
      ]),
    );
  }

  async close(): Promise<void> {
    this.writes.close();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    this.db.close();
  }

  private toCase(row: CaseRow): StoredCase {
    const timeline: TimelineEntry[] = this.statements.timeline.all(row.id).map((entry) => ({
      status: JSON.parse(entry.status_json) as StatusView,
      at: entry.at,
      ...(entry.message_json === null ? {} : { message: JSON.parse(entry.message_json) as TimelineEntry['message'] }),
    }));
    return {
      tenant: row.tenant,
      reference: row.reference,
      serviceId: row.service_id,
      definitionVersion: row.definition_version,
      definitionHash: row.definition_hash,
      locale: row.locale,
      answers: JSON.parse(row.answers_json) as Record<string, unknown>,
      tokenHash: row.token_hash,
      codeHash: row.code_hash,
      status: JSON.parse(row.status_json) as StatusView,
      submittedAt: row.submitted_at,
      expectedBy: row.expected_by,
      ...(row.duration_ms === null ? {} : { durationMs: row.duration_ms }),
      timeline,
      uploadIds: this.statements.caseUploads.all(row.id),
    };
  }
}
