/**
 * Schema migrations, applied in order inside one transaction each. Append new ones; never
 * edit an applied one. Tables for staff, audit, outbox are here from the start so later
 * parts add behaviour, not a rewrite.
 */
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cases, uploads, evaluation, staff, audit, outbox',
    up(db) {
      db.exec(`
        CREATE TABLE settings (name TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;

        CREATE TABLE definition_versions (
          tenant TEXT NOT NULL, service_id TEXT NOT NULL, version TEXT NOT NULL, hash TEXT NOT NULL,
          definition_json TEXT NOT NULL, added_at TEXT NOT NULL,
          PRIMARY KEY (tenant, hash)) STRICT;

        CREATE TABLE reference_sequences (
          tenant TEXT NOT NULL, prefix TEXT NOT NULL, year INTEGER NOT NULL, last INTEGER NOT NULL,
          PRIMARY KEY (tenant, prefix, year)) STRICT;

        CREATE TABLE cases (
          id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, reference TEXT NOT NULL, service_id TEXT NOT NULL,
          definition_version TEXT NOT NULL, definition_hash TEXT NOT NULL, locale TEXT NOT NULL,
          answers_json TEXT NOT NULL, token_hash BLOB NOT NULL, code_hash BLOB NOT NULL,
          status_json TEXT NOT NULL, submitted_at TEXT NOT NULL, expected_by TEXT NOT NULL, duration_ms INTEGER,
          UNIQUE (tenant, reference)) STRICT;
        CREATE INDEX cases_by_service ON cases (tenant, service_id, submitted_at);

        CREATE TABLE case_timeline (
          id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL REFERENCES cases (id),
          status_json TEXT NOT NULL, message_json TEXT, at TEXT NOT NULL, actor TEXT) STRICT;
        CREATE INDEX case_timeline_by_case ON case_timeline (case_id, id);

        CREATE TABLE idempotency_keys (
          tenant TEXT NOT NULL, service_id TEXT NOT NULL, key_hash BLOB NOT NULL, fingerprint BLOB NOT NULL,
          case_id INTEGER NOT NULL REFERENCES cases (id),
          PRIMARY KEY (tenant, service_id, key_hash)) STRICT;

        CREATE TABLE uploads (
          tenant TEXT NOT NULL, id TEXT NOT NULL, service_id TEXT, media_type TEXT NOT NULL, size INTEGER NOT NULL,
          blob_key TEXT NOT NULL, created_at TEXT NOT NULL, case_id INTEGER REFERENCES cases (id),
          PRIMARY KEY (tenant, id)) STRICT;
        CREATE INDEX uploads_unattached ON uploads (created_at) WHERE case_id IS NULL;

        CREATE TABLE feedback (
          id TEXT PRIMARY KEY, tenant TEXT NOT NULL, service_id TEXT, topic TEXT, definition_hash TEXT,
          reference TEXT, locale TEXT, rating INTEGER, helpful INTEGER, comment TEXT, created_at TEXT NOT NULL) STRICT;
        CREATE TABLE survey_responses (
          id TEXT PRIMARY KEY, tenant TEXT NOT NULL, survey_id TEXT NOT NULL, service_id TEXT, definition_hash TEXT,
          reference TEXT, trigger TEXT, locale TEXT, answers_json TEXT NOT NULL, created_at TEXT NOT NULL) STRICT;
        CREATE TABLE usage_events (
          id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, fill_id TEXT NOT NULL, type TEXT NOT NULL,
          service_id TEXT NOT NULL, definition_hash TEXT NOT NULL, step TEXT, at TEXT NOT NULL, received_at TEXT NOT NULL) STRICT;
        CREATE INDEX usage_events_by_service ON usage_events (tenant, service_id, at);

        CREATE TABLE rate_limits (
          bucket TEXT NOT NULL, window_start INTEGER NOT NULL, hits INTEGER NOT NULL,
          PRIMARY KEY (bucket, window_start)) STRICT;

        -- Staff handling (a later part): users and their roles per tenant and service.
        CREATE TABLE staff_users (
          id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, email TEXT NOT NULL, display_name TEXT NOT NULL,
          created_at TEXT NOT NULL, disabled_at TEXT, UNIQUE (tenant, email)) STRICT;
        CREATE TABLE staff_roles (
          user_id INTEGER NOT NULL REFERENCES staff_users (id),
          service_id TEXT NOT NULL DEFAULT '*', role TEXT NOT NULL CHECK (role IN ('handler', 'owner', 'admin')),
          PRIMARY KEY (user_id, service_id, role)) STRICT;
        CREATE TABLE audit_log (
          id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
          case_id INTEGER REFERENCES cases (id), detail_json TEXT) STRICT;
        -- Durable outbox: written in the same transaction as the change it reports.
        CREATE TABLE outbox (
          id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, kind TEXT NOT NULL CHECK (kind IN ('email', 'webhook')),
          payload_json TEXT NOT NULL, created_at TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT NOT NULL, sent_at TEXT, last_error TEXT) STRICT;
        CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
      `);
      db.prepare('INSERT INTO settings (name, value) VALUES (?, ?)').run('server_key', randomBytes(32));
    },
  },
];

/** Brings the schema up to date; returns the versions applied now. */
export function migrate(db: Database.Database): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
  const newer = Math.max(0, ...applied);
  const latest = MIGRATIONS.at(-1)!.version;
  if (newer > latest) throw new Error(`The database schema (version ${newer}) is newer than this server (version ${latest}); upgrade the server.`);
  const now: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      migration.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    })();
    now.push(migration.version);
  }
  return now;
}
