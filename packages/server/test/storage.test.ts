import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { StatusView } from '@eservice-kit/core';
import { SqliteStorage, type NewCase } from '../src/index.js';
import { temporaryFolder } from './support/test-server.js';

const received: StatusView = { id: 'received', label: { sv: 'Mottagen', en: 'Received' }, open311: 'open', final: false };
const fixed: StatusView = { id: 'fixed', label: { sv: 'Åtgärdad', en: 'Fixed' }, open311: 'closed', final: true };

function newCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    tenant: 'ostra',
    serviceId: 'broken-lamp',
    referencePrefix: 'LMP',
    year: 2026,
    definitionVersion: '1.0.0',
    definitionHash: `sha256-${'a'.repeat(43)}`,
    locale: 'sv',
    answers: { description: 'Lampan lyser inte.' },
    tokenHash: randomBytes(32),
    codeHash: randomBytes(32),
    initialStatus: received,
    submittedAt: '2026-11-27T10:00:00.000Z',
    expectedBy: '2026-12-04',
    idempotencyKeyHash: randomBytes(32),
    fingerprint: randomBytes(32),
    uploadIds: [],
    ...overrides,
  };
}

const open = () => new SqliteStorage({ path: join(temporaryFolder('storage'), 'eservice-kit.sqlite') });

describe('SQLite storage', () => {
  test('numbers concurrent cases without gaps or repeats, per tenant, prefix and year', async () => {
    const storage = open();
    const results = await Promise.all([
      ...Array.from({ length: 200 }, () => storage.createCase(newCase())),
      ...Array.from({ length: 3 }, () => storage.createCase(newCase({ tenant: 'vastra' }))),
      storage.createCase(newCase({ year: 2027 })),
    ]);
    const references = results.map((result) => (result.kind === 'created' ? `${result.case.tenant} ${result.case.reference}` : 'not created'));
    const ostra2026 = references.filter((reference) => reference.startsWith('ostra LMP-2026-')).sort();
    assert.deepEqual(ostra2026, Array.from({ length: 200 }, (_, index) => `ostra LMP-2026-${String(index + 1).padStart(6, '0')}`));
    assert.deepEqual(references.filter((reference) => reference.startsWith('vastra')).sort(), ['vastra LMP-2026-000001', 'vastra LMP-2026-000002', 'vastra LMP-2026-000003']);
    assert.ok(references.includes('ostra LMP-2027-000001'));
    assert.deepEqual(await storage.counts('vastra'), { ...(await storage.counts('vastra')), cases: 3, idempotency_keys: 3 });
    await storage.close();
  });

  test('one idempotency key makes one case even when both requests land in the same batch', async () => {
    const storage = open();
    const key = randomBytes(32);
    const fingerprint = randomBytes(32);
    const [first, second, other] = await Promise.all([
      storage.createCase(newCase({ idempotencyKeyHash: key, fingerprint })),
      storage.createCase(newCase({ idempotencyKeyHash: key, fingerprint })),
      storage.createCase(newCase({ idempotencyKeyHash: key, fingerprint: randomBytes(32) })),
    ]);
    assert.equal(first!.kind, 'created');
    assert.deepEqual(second!.kind === 'existing' && [second.sameRequest, second.case.reference], [true, first!.kind === 'created' && first.case.reference]);
    assert.equal(other!.kind === 'existing' && other.sameRequest, false);
    assert.equal((await storage.counts('ostra')).cases, 1);
    await storage.close();
  });

  test('a failing write rolls back only itself, not the rest of its batch', async () => {
    const storage = open();
    await storage.createUpload({ tenant: 'ostra', id: 'upload-one', mediaType: 'image/png', size: 3, blobKey: 'k'.repeat(32), createdAt: '2026-11-27T10:00:00Z' });
    const outcomes = await Promise.allSettled([
      storage.createCase(newCase()),
      storage.createUpload({ tenant: 'ostra', id: 'upload-one', mediaType: 'image/png', size: 3, blobKey: 'k'.repeat(32), createdAt: '2026-11-27T10:00:00Z' }),
      storage.createCase(newCase()),
    ]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.equal((await storage.counts('ostra')).cases, 2);
    await storage.close();
  });

  test('attaches uploads to a case once, and refuses unknown, foreign or taken ones', async () => {
    const storage = open();
    const upload = (tenant: string, id: string) => storage.createUpload({ tenant, id, mediaType: 'image/png', size: 3, blobKey: 'k'.repeat(32), createdAt: '2026-11-27T10:00:00Z' });
    await upload('ostra', 'photo-a');
    await upload('vastra', 'photo-b');
    const created = await storage.createCase(newCase({ uploadIds: ['photo-a'] }));
    assert.equal(created.kind, 'created');
    assert.equal((await storage.getUpload('ostra', 'photo-a'))?.caseReference, 'LMP-2026-000001');
    const again = await storage.createCase(newCase({ uploadIds: ['photo-a', 'photo-b', 'photo-c'] }));
    assert.deepEqual(again, { kind: 'unknown-uploads', uploadIds: ['photo-a', 'photo-b', 'photo-c'] });
    assert.equal((await storage.counts('ostra')).cases, 1, 'the refused case left nothing behind');
    await storage.close();
  });

  test('a status change appends to the timeline and writes the audit entry and the outbox message with it', async () => {
    const storage = open();
    const created = await storage.createCase(newCase());
    assert.equal(created.kind, 'created');
    const reference = created.kind === 'created' ? created.case.reference : '';
    const changed = await storage.appendStatus({
      tenant: 'ostra',
      reference,
      status: fixed,
      message: { sv: 'Lampan är bytt.', en: 'The lamp has been replaced.' },
      at: '2026-11-30T09:00:00.000Z',
      actor: 'staff:7',
      notifications: [{ kind: 'email', payload: { template: 'status-changed', reference } }],
    });
    assert.deepEqual(changed?.status, fixed);
    assert.deepEqual(changed?.timeline.map((entry) => [entry.status.id, entry.at, entry.message]), [
      ['received', '2026-11-27T10:00:00.000Z', undefined],
      ['fixed', '2026-11-30T09:00:00.000Z', { sv: 'Lampan är bytt.', en: 'The lamp has been replaced.' }],
    ]);
    const counts = await storage.counts('ostra');
    assert.equal(counts.audit_log, 1);
    assert.equal(counts.outbox, 1);
    assert.equal(await storage.appendStatus({ tenant: 'vastra', reference, status: fixed, at: '2026-11-30T09:00:00.000Z', actor: 'staff:7' }), undefined, 'another tenant\'s case cannot be changed');
    await storage.close();
  });

  test('rate limits count hits per bucket in a one-minute window and refuse once full', async () => {
    const storage = open();
    const now = Date.UTC(2026, 10, 27, 10, 0, 30);
    const hits = [];
    for (let index = 0; index < 4; index++) hits.push(await storage.rateLimitHit('lookup\nostra\n10.0.0.1', 3, now));
    assert.deepEqual(hits, [false, false, false, true]);
    assert.equal(await storage.rateLimited('lookup\nostra\n10.0.0.1', 3, now), true);
    assert.equal(await storage.rateLimited('lookup\nvastra\n10.0.0.1', 3, now), false);
    assert.equal(await storage.rateLimited('lookup\nostra\n10.0.0.1', 3, now + 60_000), false, 'a new minute starts empty');
    await storage.close();
  });

  test('keeps every definition version of a tenant, once per hash', async () => {
    const storage = open();
    const record = { serviceId: 'broken-lamp', version: '1.0.0', hash: `sha256-${'b'.repeat(43)}`, definitionJson: '{}' };
    await storage.saveDefinitionVersion('ostra', record);
    await storage.saveDefinitionVersion('ostra', record);
    await storage.saveDefinitionVersion('ostra', { ...record, version: '1.1.0', hash: `sha256-${'c'.repeat(43)}` });
    assert.deepEqual((await storage.definitionVersions('ostra')).map((version) => version.version), ['1.0.0', '1.1.0']);
    assert.deepEqual(await storage.definitionVersions('vastra'), []);
    await storage.close();
  });

  test('migrates once, keeps its server key across restarts, and refuses a newer schema', async () => {
    const path = join(temporaryFolder('storage'), 'eservice-kit.sqlite');
    const first = new SqliteStorage({ path });
    const key = await first.serverKey();
    assert.equal(key.length, 32);
    await first.close();
    const second = new SqliteStorage({ path });
    assert.deepEqual(await second.serverKey(), key);
    await second.close();
    const raw = new Database(path);
    raw.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from the future', '2030-01-01')").run();
    raw.close();
    assert.throws(() => new SqliteStorage({ path }), /newer than this server/);
  });

  test('runs in WAL mode with a full fsync at every commit, in an owner-only file', () => {
    const path = join(temporaryFolder('storage'), 'eservice-kit.sqlite');
    const storage = new SqliteStorage({ path });
    const raw = new Database(path, { readonly: true });
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    raw.close();
    // synchronous is per connection: ask the storage's own (2 = FULL: the WAL is fsynced on COMMIT).
    const own = (storage as unknown as { db: Database.Database }).db;
    assert.equal(own.pragma('synchronous', { simple: true }), 2);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    return storage.close();
  });

  test('refuses to number a seventh digit, rolling the case back instead of handing out a receipt no look-up accepts', async () => {
    const path = join(temporaryFolder('storage'), 'eservice-kit.sqlite');
    const storage = new SqliteStorage({ path });
    (storage as unknown as { db: Database.Database }).db.prepare("INSERT INTO reference_sequences VALUES ('ostra', 'LMP', 2026, 999999)").run();
    await assert.rejects(storage.createCase(newCase()), /Cannot form a reference/);
    assert.equal((await storage.counts('ostra')).cases, 0);
    await storage.close();
  });

  test('attaches an upload made for one service only to that service\'s cases', async () => {
    const storage = open();
    await storage.createUpload({ tenant: 'ostra', id: 'for-complaint', serviceId: 'complaint', mediaType: 'image/png', size: 3, blobKey: 'k'.repeat(32), createdAt: '2026-11-27T10:00:00Z' });
    assert.deepEqual(await storage.createCase(newCase({ uploadIds: ['for-complaint'] })), { kind: 'unknown-uploads', uploadIds: ['for-complaint'] });
    assert.equal((await storage.createCase(newCase({ serviceId: 'complaint', uploadIds: ['for-complaint'] }))).kind, 'created');
    await storage.close();
  });
});
