/**
 * Crash safety, the acceptance: in at least five rounds, concurrent submissions are in
 * flight when the server gets SIGKILL; after a restart on the same data folder every
 * submission that got a 201 is present and intact, none is duplicated, and retrying any
 * in-flight one with its idempotency key gives exactly one case.
 *
 * One data folder serves all rounds, and the server restarted to check round r carries the
 * load of round r + 1, so every round also re-checks what earlier crashes left behind.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { MAIN_JS, startChild, temporaryFolder, type ChildServer } from '../support/test-server.js';
import {
  LAMP_TENANTS,
  NO_RATE_LIMITS,
  caseKey,
  casesIn,
  databasePath,
  definitionHashes,
  inBatches,
  post,
  readCase,
  startLoad,
  summarize,
  type CaseRow,
  type Receipt,
  type Submission,
} from './load.js';

const ROUNDS = 5;
const WORKERS = 32;
const TENANTS = ['ostra', 'vastra'];

interface RoundSummary {
  round: number;
  acked: number;
  inFlightAtKill: number;
  /** In flight at the kill, yet their 201 had already left the server. */
  answeredAfterKill: number;
  /** No reply, but committed before the kill: the retry replays them. */
  committedUnanswered: number;
  /** Every submission without a reply (in flight, or not yet sent), each retried to one case. */
  retried: number;
  casesAfter: number;
}

/** Rows by tenant/reference, failing on a reference or a description stored twice. */
function indexRows(rows: readonly CaseRow[]): { byReference: Map<string, CaseRow>; byDescription: Map<string, CaseRow> } {
  const byReference = new Map<string, CaseRow>();
  const byDescription = new Map<string, CaseRow>();
  for (const row of rows) {
    const key = caseKey(row.tenant, row.reference);
    assert.ok(!byReference.has(key), `reference ${key} is stored twice`);
    byReference.set(key, row);
    const { description } = row.answers as { description: string };
    assert.ok(!byDescription.has(description), `one submission is stored twice: ${byDescription.get(description)?.reference} and ${row.reference}`);
    byDescription.set(description, row);
  }
  return { byReference, byDescription };
}

/** The acknowledged submission is stored as sent, under the reference its receipt named. */
function assertStored(submission: Submission, byReference: Map<string, CaseRow>, hashes: Record<string, string>): void {
  const receipt = submission.receipt!;
  const row = byReference.get(caseKey(submission.tenant, receipt.reference));
  assert.ok(row, `acknowledged case ${submission.tenant}/${receipt.reference} (key ${submission.key}) is missing after the crash`);
  assert.deepEqual(row.answers, submission.answers, `case ${receipt.reference} holds other answers than were sent`);
  assert.equal(row.locale, 'sv');
  assert.equal(row.definitionHash, hashes[submission.tenant]);
}

test(`every acknowledged case survives SIGKILL under concurrent load, ${ROUNDS} rounds`, { timeout: 120_000 }, async (t) => {
  const dataDir = temporaryFolder('crash');
  const database = databasePath(dataDir);
  /** Every submission ever made, each resolved to exactly one case by the end of its round. */
  const settled: Submission[] = [];
  const summaries: RoundSummary[] = [];
  let server: ChildServer = await startChild({ tenants: LAMP_TENANTS, dataDir, env: NO_RATE_LIMITS });
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      const hashes = await definitionHashes(server.url, TENANTS);
      const load = startLoad({ url: server.url, hashes, workers: WORKERS, label: `crash-r${round}` });
      // Let some cases be acknowledged, then kill at a moment that differs from round to round.
      await load.whenAcked(20 + randomInt(60), 60_000);
      await delay(randomInt(25));
      load.stop();
      const inFlight = load.outstanding();
      server.process.kill('SIGKILL');
      assert.equal(await server.exited, null, 'the server died of the signal');
      await load.done;

      assert.ok(inFlight.length > 0, `round ${round}: requests were in flight at the kill`);
      const answeredAfterKill = inFlight.filter((submission) => submission.outcome === 'acked').length;
      const submissions = [...load.submissions];
      const acked = submissions.filter((submission) => submission.outcome === 'acked');
      const rejected = submissions.filter((submission) => submission.outcome === 'rejected');
      assert.deepEqual(rejected.map((submission) => `${submission.status} ${submission.error}`), [], 'no submission was refused before the kill');
      const unanswered = submissions.filter((submission) => submission.outcome === 'failed');
      assert.equal(acked.length + unanswered.length, submissions.length, summarize(submissions));
      // (An in-flight request whose 201 was already on its way when the server died counts as acknowledged.)

      // Restart on the same folder: the database must open and recover by itself.
      server = await startChild({ tenants: LAMP_TENANTS, dataDir, env: NO_RATE_LIMITS });
      const { byReference, byDescription } = indexRows(casesIn(database));

      // Every acknowledged case of this and all earlier rounds, stored as it was sent.
      for (const submission of [...settled, ...acked]) assertStored(submission, byReference, hashes);
      // Readable by the citizen with the receipt's token.
      await inBatches(acked, 16, async (submission) => {
        const { status, body } = await readCase(server.url, submission.tenant, submission.receipt!);
        assert.equal(status, 200, `GET ${submission.receipt!.reference} with its token after the crash`);
        assert.equal(body.reference, submission.receipt!.reference);
        assert.equal(body.serviceId, 'broken-lamp');
      });

      // No row the clients cannot account for: earlier rounds, this round's 201s, and in-flight ones that committed before the kill.
      const known = new Set([...settled, ...submissions].map((submission) => submission.answers.description));
      const strangers = [...byDescription.keys()].filter((description) => !known.has(description));
      assert.deepEqual(strangers, [], 'cases nobody submitted');
      const committedUnanswered = unanswered.filter((submission) => byDescription.has(submission.answers.description));
      assert.equal(byReference.size, settled.length + acked.length + committedUnanswered.length, 'cases = earlier + acknowledged + in-flight that committed');

      // Retry every unanswered submission with its key and body: exactly one case each.
      await inBatches(unanswered, 16, async (submission) => {
        const reply = await post(server.url, submission);
        assert.equal(reply.status, 201, `retry of ${submission.key}: ${reply.text}`);
        const receipt = JSON.parse(reply.text) as Receipt;
        const before = byDescription.get(submission.answers.description);
        if (before === undefined) {
          assert.equal(reply.headers['idempotent-replayed'], undefined, 'a case that was not committed is created now, not replayed');
        } else {
          assert.equal(reply.headers['idempotent-replayed'], 'true', 'a case committed before the kill is replayed');
          assert.equal(receipt.reference, before.reference, 'the replay names the case committed before the kill');
        }
        submission.outcome = 'acked';
        submission.receipt = receipt;
      });
      // Replaying acknowledged ones gives their own receipt back.
      const sample = acked.filter((_, index) => index % Math.max(1, Math.floor(acked.length / 10)) === 0);
      await inBatches(sample, 8, async (submission) => {
        const reply = await post(server.url, submission);
        assert.equal(reply.status, 201);
        assert.equal(reply.headers['idempotent-replayed'], 'true');
        const receipt = JSON.parse(reply.text) as Receipt;
        assert.equal(receipt.reference, submission.receipt!.reference);
        assert.equal(receipt.token, submission.receipt!.token);
      });

      settled.push(...submissions);
      const after = indexRows(casesIn(database));
      for (const submission of submissions) assertStored(submission, after.byReference, hashes);
      assert.equal(after.byReference.size, new Set(settled.map((submission) => submission.key)).size, 'one case per idempotency key');

      const summary: RoundSummary = {
        round,
        acked: acked.length,
        inFlightAtKill: inFlight.length,
        answeredAfterKill,
        committedUnanswered: committedUnanswered.length,
        retried: unanswered.length,
        casesAfter: after.byReference.size,
      };
      summaries.push(summary);
      t.diagnostic(
        `round ${round}: ${summary.acked} acknowledged; ${summary.inFlightAtKill} in flight at SIGKILL, ${summary.answeredAfterKill} of them still got their 201; ` +
          `${summary.retried} without reply (${summary.committedUnanswered} had committed), each retried to exactly one case; ${summary.casesAfter} cases after the round`,
      );
    }
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
  }
  assert.equal(summaries.length, ROUNDS);
  assert.ok(summaries.every((summary) => summary.inFlightAtKill > 0 && summary.acked > 0));
});

test('restarts after a crash although the crashed server\'s pid now names the new server (a container\'s PID 1)', { timeout: 60_000 }, async () => {
  const dataDir = temporaryFolder('crash-pid');
  const first = await startChild({ tenants: LAMP_TENANTS, dataDir, env: NO_RATE_LIMITS });
  const hashes = await definitionHashes(first.url, TENANTS);
  const load = startLoad({ url: first.url, hashes, workers: 4, label: 'pid' });
  await load.whenAcked(10);
  load.stop();
  first.process.kill('SIGKILL');
  await first.exited;
  await load.done;

  // In a container the restarted server is PID 1 again, as the crashed one was. The shell records
  // its own pid where the crashed server left its pid file, then becomes the server (exec keeps the pid).
  const tenantsFile = join(temporaryFolder('tenants'), 'tenants.json');
  writeFileSync(tenantsFile, JSON.stringify(LAMP_TENANTS));
  const env = { ...process.env, ...NO_RATE_LIMITS, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', TENANTS_FILE: tenantsFile };
  const child = spawn('/bin/sh', ['-c', 'echo $$ > "$DATA_DIR/server.pid"; exec "$0" "$1"', process.execPath, MAIN_JS], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve((exitCode = code))));
  const deadline = Date.now() + 30_000;
  while (!output.includes('"msg":"listening"') && exitCode === undefined && Date.now() < deadline) await delay(20);
  const outcome = output.includes('"msg":"listening"') ? 'listening' : exitCode === undefined ? 'no start within 30 s' : `exited with ${exitCode}: ${errors.trim()}`;
  child.kill('SIGTERM');
  await exited;
  assert.equal(outcome, 'listening', 'the server restarts on its data folder after a crash');
  const acked = load.acked();
  const stored = new Map(casesIn(databasePath(dataDir)).map((row) => [caseKey(row.tenant, row.reference), row]));
  for (const submission of acked) assert.ok(stored.has(caseKey(submission.tenant, submission.receipt!.reference)));
});
