/**
 * Backup and restore, the acceptance: "Backup taken under load restores to a database
 * that passes an integrity check and holds every acknowledged case up to the backup point."
 * The backup and restore commands run as their own processes (`main.js backup|restore`), as an
 * operator runs them; the server keeps taking submissions while the backup is taken.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, test } from 'node:test';
import { MAIN_JS, startChild, temporaryFolder, type ChildServer } from '../support/test-server.js';
import { pngFile } from '../uploads/fixtures.js';
import {
  LAMP_TENANTS,
  NO_RATE_LIMITS,
  caseKey,
  casesIn,
  databasePath,
  definitionHashes,
  freshKey,
  inBatches,
  lampAnswers,
  post,
  query,
  readCase,
  startLoad,
  submissionBody,
  type Receipt,
  type Submission,
} from './load.js';

const TENANTS = ['ostra', 'vastra'];

interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `main.js <args>` as its own process with DATA_DIR set, as an operator would. */
function cli(args: readonly string[], dataDir: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN_JS, ...args], { env: { ...process.env, DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function upload(url: string, tenant: string, bytes: Uint8Array): Promise<{ uploadId: string; mediaType: string; size: number }> {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: 'image/png' }), 'lampa.png');
  const response = await fetch(`${url}/${tenant}/api/uploads`, { method: 'POST', body: form });
  const text = await response.text();
  assert.equal(response.status, 201, text);
  return JSON.parse(text) as { uploadId: string; mediaType: string; size: number };
}

const blobPath = (folder: string, key: string): string => join(folder, key.slice(0, 2), key);

function blobKeyOf(dataDir: string, tenant: string, uploadId: string): string {
  const [row] = query<{ blob_key: string }>(databasePath(dataDir), `SELECT blob_key FROM uploads WHERE tenant = '${tenant}' AND id = '${uploadId}'`);
  assert.ok(row, `upload ${uploadId} is recorded`);
  return row.blob_key;
}

async function stop(server: ChildServer): Promise<void> {
  server.process.kill('SIGTERM');
  assert.equal(await server.exited, 0);
}

/** A few acknowledged lamp cases, submitted one by one. */
async function submitSome(url: string, label: string, count: number): Promise<Submission[]> {
  const hashes = await definitionHashes(url, TENANTS);
  const made: Submission[] = [];
  for (let index = 0; index < count; index++) {
    const tenant = TENANTS[index % TENANTS.length]!;
    const answers = lampAnswers(label, index, 0);
    const submission: Submission = { tenant, key: freshKey(label), answers, body: submissionBody(answers, hashes[tenant]!), outcome: 'pending', startedAt: performance.now() };
    const reply = await post(url, submission);
    assert.equal(reply.status, 201, reply.text);
    submission.outcome = 'acked';
    submission.receipt = JSON.parse(reply.text) as Receipt;
    made.push(submission);
  }
  return made;
}

describe('backup and restore', () => {
  test('a backup taken under load restores to a sound database holding every case acknowledged before it', { timeout: 120_000 }, async (t) => {
    const server = await startChild({ tenants: LAMP_TENANTS, env: NO_RATE_LIMITS });
    const png = pngFile({ metadata: false });
    const uploads = [await upload(server.url, 'ostra', png), await upload(server.url, 'vastra', png)];
    const hashes = await definitionHashes(server.url, TENANTS);
    // Longer descriptions make a database of many pages, so the online backup takes several steps while writes go on.
    const load = startLoad({ url: server.url, hashes, workers: 16, label: 'backup', descriptionLength: 2000 });
    let backupDir: string;
    let beforeBackup: Submission[];
    let ackedDuringBackup: number;
    let backupResult: CliResult;
    try {
      await load.whenAcked(150, 60_000);
      // The backup point: everything acknowledged before the command starts must be in the backup.
      beforeBackup = load.acked();
      backupDir = join(temporaryFolder('backup'), 'backup-1');
      backupResult = await cli(['backup', backupDir], server.dataDir);
      ackedDuringBackup = load.acked().length - beforeBackup.length;
      await load.whenAcked(load.acked().length + 20, 60_000);
    } finally {
      load.stop();
      await load.done;
      await stop(server);
    }
    const pages = query<{ page_count: number }>(databasePath(server.dataDir), 'PRAGMA page_count')[0]!.page_count;
    t.diagnostic(`${beforeBackup.length} cases acknowledged before the backup started, ${ackedDuringBackup} while it ran, ${load.acked().length} in all; database ${pages} pages`);
    assert.equal(backupResult.code, 0, `backup failed: ${backupResult.stderr}`);
    assert.ok(ackedDuringBackup > 0, 'submissions went on while the backup was taken');
    const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as { cases: number; blobs: number; databaseSha256: string };
    assert.match(backupResult.stdout, new RegExp(`Backup taken: ${manifest.cases} cases, ${manifest.blobs} files`));
    assert.ok(manifest.cases >= beforeBackup.length, `the manifest counts ${manifest.cases} cases, fewer than the ${beforeBackup.length} acknowledged before`);
    assert.equal(manifest.blobs, uploads.length);
    const blobKeys = uploads.map((made, index) => blobKeyOf(server.dataDir, TENANTS[index]!, made.uploadId));
    for (const key of blobKeys) assert.deepEqual(new Uint8Array(readFileSync(blobPath(join(backupDir, 'blobs'), key))), png, 'the upload is in the backup');

    // Restore into a new folder, with the restore command.
    const restoredDir = join(temporaryFolder('restored'), 'data');
    const restored = await cli(['restore', backupDir], restoredDir);
    assert.equal(restored.code, 0, `restore failed: ${restored.stderr}`);
    assert.match(restored.stdout, new RegExp(`Restored: ${manifest.cases} cases, ${manifest.blobs} files`));
    const database = databasePath(restoredDir);
    assert.deepEqual(query(database, 'PRAGMA integrity_check'), [{ integrity_check: 'ok' }]);
    assert.deepEqual(query(database, 'PRAGMA foreign_key_check'), []);
    for (const key of blobKeys) assert.deepEqual(new Uint8Array(readFileSync(blobPath(join(restoredDir, 'blobs'), key))), png, 'the upload is restored');

    // The restored cases: every one acknowledged before the backup, as sent; and none the live database does not hold just so.
    const rows = casesIn(database);
    assert.equal(rows.length, manifest.cases);
    const byReference = new Map(rows.map((row) => [caseKey(row.tenant, row.reference), row]));
    for (const submission of beforeBackup) {
      const row = byReference.get(caseKey(submission.tenant, submission.receipt!.reference));
      assert.ok(row, `case ${submission.receipt!.reference}, acknowledged before the backup, is not in it`);
      assert.deepEqual(row.answers, submission.answers);
    }
    const live = new Map(casesIn(databasePath(server.dataDir)).map((row) => [caseKey(row.tenant, row.reference), row]));
    for (const row of rows) assert.deepEqual(row, live.get(caseKey(row.tenant, row.reference)), `restored ${row.reference} differs from the live database`);

    // A server on the restored folder: the citizens' tokens open their cases, keys replay, numbering goes on.
    const again = await startChild({ tenants: LAMP_TENANTS, dataDir: restoredDir, env: NO_RATE_LIMITS });
    try {
      await inBatches(beforeBackup, 16, async (submission) => {
        const { status, body } = await readCase(again.url, submission.tenant, submission.receipt!);
        assert.equal(status, 200, `GET ${submission.receipt!.reference} on the restored server`);
        assert.equal(body.reference, submission.receipt!.reference);
      });
      const replay = await post(again.url, beforeBackup[0]!);
      assert.equal(replay.status, 201);
      assert.equal(replay.headers['idempotent-replayed'], 'true');
      assert.equal((JSON.parse(replay.text) as Receipt).reference, beforeBackup[0]!.receipt!.reference);
      const [fresh] = await submitSome(again.url, 'after-restore', 1);
      assert.ok(!byReference.has(caseKey(fresh!.tenant, fresh!.receipt!.reference)), 'a new case on the restored server gets a reference of its own');
    } finally {
      await stop(again);
    }
  });

  test('restore refuses a changed backup, and keeps the data it replaces aside', { timeout: 120_000 }, async () => {
    // The backup: a few cases and an upload.
    const source = await startChild({ tenants: LAMP_TENANTS, env: NO_RATE_LIMITS });
    const backedUp = await submitSome(source.url, 'kept', 3);
    const png = pngFile({ metadata: false });
    const made = await upload(source.url, 'ostra', png);
    const backupDir = join(temporaryFolder('backup'), 'backup');
    const taken = await cli(['backup', backupDir], source.dataDir);
    assert.equal(taken.code, 0, taken.stderr);
    const blobKey = blobKeyOf(source.dataDir, 'ostra', made.uploadId);
    await stop(source);

    // The folder a restore will replace: another server's data.
    const target = await startChild({ tenants: LAMP_TENANTS, env: NO_RATE_LIMITS });
    const replaced = await submitSome(target.url, 'replaced', 2);
    await stop(target);
    const targetRows = casesIn(databasePath(target.dataDir));
    const siblings = () => readdirSync(dirname(target.dataDir)).filter((name) => name.startsWith(`${basename(target.dataDir)}.before-restore-`));

    // One byte of the database copy changed: refused, naming the manifest; the target is untouched.
    const damaged = join(temporaryFolder('damaged'), 'backup');
    cpSync(backupDir, damaged, { recursive: true });
    const file = join(damaged, 'eservice-kit.sqlite');
    const bytes = readFileSync(file);
    const offset = Math.floor(bytes.length / 2);
    bytes[offset] = bytes[offset]! ^ 0x01;
    writeFileSync(file, bytes);
    const refused = await cli(['restore', damaged], target.dataDir);
    assert.notEqual(refused.code, 0, 'a changed backup is refused');
    assert.match(refused.stderr, /manifest/i);
    assert.deepEqual(casesIn(databasePath(target.dataDir)), targetRows, 'the data folder is untouched');
    assert.deepEqual(siblings(), [], 'nothing was moved aside');

    // A changed attachment file is refused as well.
    const damagedBlob = join(temporaryFolder('damaged-blob'), 'backup');
    cpSync(backupDir, damagedBlob, { recursive: true });
    const blobFile = blobPath(join(damagedBlob, 'blobs'), blobKey);
    writeFileSync(blobFile, Buffer.concat([readFileSync(blobFile), Buffer.from([0])]));
    const refusedBlob = await cli(['restore', damagedBlob], target.dataDir);
    assert.notEqual(refusedBlob.code, 0, 'a changed attachment is refused');
    assert.match(refusedBlob.stderr, /manifest/i);
    assert.deepEqual(siblings(), []);

    // The intact backup restores; the replaced data is kept aside, whole.
    const restored = await cli(['restore', backupDir], target.dataDir);
    assert.equal(restored.code, 0, restored.stderr);
    const [aside, ...more] = siblings();
    assert.ok(aside !== undefined && more.length === 0, 'the previous data folder is kept aside once');
    const asideDir = join(dirname(target.dataDir), aside);
    assert.deepEqual(casesIn(databasePath(asideDir)), targetRows, 'the kept-aside folder holds the replaced cases');
    const now = casesIn(databasePath(target.dataDir));
    assert.deepEqual(
      now.map((row) => row.answers),
      backedUp.map((submission) => submission.answers),
    );
    assert.ok(existsSync(blobPath(join(target.dataDir, 'blobs'), blobKey)));
    for (const submission of replaced) assert.ok(!now.some((row) => (row.answers as { description: string }).description === submission.answers.description));
  });
});
