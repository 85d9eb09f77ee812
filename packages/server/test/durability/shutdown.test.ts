/**
 * Graceful stop: SIGTERM while submissions are in flight. Requests the server accepted get
 * their 201, it takes no new work, exits 0 within the grace time with "stopped" in its log,
 * and after a restart every 201 is there; no case is committed whose 201 the client never got.
 * The log lines carry no answers, references, secrets or client addresses.
 */
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, test } from 'node:test';
import { startChild, type ChildServer } from '../support/test-server.js';
import {
  LAMP_TENANTS,
  NO_RATE_LIMITS,
  caseKey,
  casesIn,
  databasePath,
  definitionHashes,
  freshKey,
  holdSubmission,
  inBatches,
  lampAnswers,
  post,
  readCase,
  settle,
  startLoad,
  submissionBody,
  summarize,
  type Receipt,
  type Submission,
} from './load.js';

const WORKERS = 32;
const TENANTS = ['ostra', 'vastra'];
const GRACE_SECONDS = 30;
const ENV = { ...NO_RATE_LIMITS, TRUST_PROXY: 'true', SHUTDOWN_GRACE_SECONDS: String(GRACE_SECONDS) };

/** Resolves when the child's log has a line with this message (polling; no timing assumption). */
async function logged(server: ChildServer, message: string, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  while (!server.output().includes(`"msg":"${message}"`)) {
    if (Date.now() > deadline) throw new Error(`"${message}" not logged within ${timeoutMs} ms`);
    await delay(5);
  }
  return performance.now();
}

function heldSubmission(label: string, index: number, hashes: Record<string, string>): Submission {
  const tenant = TENANTS[index % TENANTS.length]!;
  const answers = lampAnswers(label, 1000 + index, 0);
  return { tenant, key: freshKey(label), answers, body: submissionBody(answers, hashes[tenant]!), forwardedFor: `198.51.100.${index + 1}`, outcome: 'pending', startedAt: performance.now() };
}

/** After a restart: each acknowledged case is stored as sent and readable with its token; no case exists that no 201 announced. */
async function assertExactlyTheAcknowledged(dataDir: string, acknowledged: readonly Submission[], others: readonly Submission[]): Promise<void> {
  const server = await startChild({ tenants: LAMP_TENANTS, dataDir, env: NO_RATE_LIMITS });
  try {
    const rows = casesIn(databasePath(dataDir));
    const byReference = new Map(rows.map((row) => [caseKey(row.tenant, row.reference), row]));
    for (const submission of acknowledged) {
      const row = byReference.get(caseKey(submission.tenant, submission.receipt!.reference));
      assert.ok(row, `acknowledged ${submission.receipt!.reference} is missing after the stop`);
      assert.deepEqual(row.answers, submission.answers);
    }
    await inBatches(acknowledged, 16, async (submission) => {
      const { status, body } = await readCase(server.url, submission.tenant, submission.receipt!);
      assert.equal(status, 200);
      assert.equal(body.reference, submission.receipt!.reference);
    });
    const unanswered = new Set(others.map((submission) => submission.answers.description));
    const committedWithoutReply = rows.filter((row) => unanswered.has((row.answers as { description: string }).description));
    assert.deepEqual(
      committedWithoutReply.map((row) => row.reference),
      [],
      `${committedWithoutReply.length} cases were committed although their client got no 201 (the stop cut the connection after the commit)`,
    );
    assert.equal(rows.length, acknowledged.length, 'cases = 201s');
    // Those that got no reply were not taken: a retry with the same key creates the case now.
    await inBatches(others, 16, async (submission) => {
      const reply = await post(server.url, submission);
      assert.equal(reply.status, 201, reply.text);
      assert.equal(reply.headers['idempotent-replayed'], undefined);
    });
  } finally {
    server.process.kill('SIGTERM');
    await server.exited;
  }
}

describe('SIGTERM while submissions are in flight', () => {
  test('accepted requests get their 201, no new work is taken, exit 0 with "stopped", all 201s survive, logs hold no personal data', { timeout: 120_000 }, async (t) => {
    const server = await startChild({ tenants: LAMP_TENANTS, env: ENV });
    const hashes = await definitionHashes(server.url, TENANTS);
    const load = startLoad({ url: server.url, hashes, workers: WORKERS, label: 'term', forwardedFor: (worker) => `203.0.113.${worker + 1}` });
    await load.whenAcked(40);
    // Requests the server has certainly accepted (their handlers run, waiting for the rest of the body).
    const heldSubmissions = [0, 1, 2, 3].map((index) => heldSubmission('term-held', index, hashes));
    const held = await Promise.all(heldSubmissions.map((submission) => holdSubmission(server.url, submission)));
    const inFlight = load.outstanding().length;

    const signalled = performance.now();
    server.process.kill('SIGTERM');
    const stoppingSeen = await logged(server, 'stopping');
    // The workers carry on like real clients (each sends its next case once the previous is answered)
    // until the server turns them away; the held requests keep the server in its stop meanwhile.
    const workersGone = load.done.then(() => true);
    await Promise.race([workersGone, delay(2_000)]);
    load.stop();
    for (const [index, hold] of held.entries()) settle(heldSubmissions[index]!, await hold.finish().then((reply) => ({ reply }), (error: unknown) => ({ error })));
    await load.done;
    const code = await server.exited;
    const exitedAfter = performance.now() - signalled;

    const submissions = [...load.submissions, ...heldSubmissions];
    const acknowledged = submissions.filter((submission) => submission.outcome === 'acked');
    const unanswered = submissions.filter((submission) => submission.outcome !== 'acked');
    const turnedAway = submissions.filter((submission) => submission.status === 503).length;
    const takenAfterStop = load.submissions.filter((submission) => submission.startedAt > stoppingSeen && submission.outcome === 'acked');
    t.diagnostic(
      `${inFlight} in flight at SIGTERM; ${acknowledged.length} acknowledged (${takenAfterStop.length} of them sent after "stopping" was logged); ${turnedAway} turned away with 503, ${unanswered.length - turnedAway} found the connection closed; exit ${code} after ${Math.round(exitedAfter)} ms`,
    );

    assert.ok(inFlight > 0, 'submissions were in flight at SIGTERM');
    for (const submission of heldSubmissions) assert.equal(submission.status, 201, `an accepted request finishing during the stop gets its 201: ${submission.error}`);
    // Nothing but 201 or (after the stop) no connection; a 503 "unavailable" is an honest answer too.
    const refused = submissions.filter((submission) => submission.outcome === 'rejected' && submission.status !== 503);
    assert.deepEqual(refused.map((submission) => `${submission.status} ${submission.error}`), [], summarize(submissions));
    assert.equal(code, 0, 'exit code');
    assert.ok(exitedAfter < GRACE_SECONDS * 1000, `exited within the grace time (${Math.round(exitedAfter)} ms)`);
    const output = server.output();
    assert.match(output, /"msg":"stopped"/);
    // A stopping server finishes what it has, and takes no new work: at most the one request per
    // open connection that was already on its way; not a stream of new cases for as long as
    // anything else is in flight.
    assert.ok(
      takenAfterStop.length <= WORKERS,
      `${takenAfterStop.length} new submissions were accepted on kept-alive connections after the server logged "stopping"`,
    );

    // Structured logs: JSON lines only, with no answers, references, secrets, keys or addresses.
    const lines = output.split('\n').filter((line) => line !== '');
    for (const line of lines) assert.doesNotThrow(() => JSON.parse(line), `not a JSON log line: ${line}`);
    const secrets = new Set<string>();
    for (const submission of submissions) {
      secrets.add(submission.answers.description);
      secrets.add(submission.answers.description.split(' ')[4]!); // the random part only this case has
      if (submission.answers.email !== undefined) secrets.add(submission.answers.email);
      secrets.add(submission.key);
      if (submission.forwardedFor !== undefined) secrets.add(submission.forwardedFor);
      const receipt = submission.receipt as Receipt | undefined;
      if (receipt !== undefined) for (const value of [receipt.reference, receipt.token, receipt.trackingCode]) secrets.add(value);
    }
    const leaks = [...secrets].filter((secret) => output.includes(secret));
    assert.deepEqual(leaks, [], 'the log holds personal data or secrets');
    // The clients' own (socket) address too; the server's "listening" line may name where it listens.
    const addressLines = lines.filter((line) => !line.includes('"msg":"listening"') && /127\.0\.0\.1|::1\b|::ffff:/.test(line));
    assert.deepEqual(addressLines, [], 'the log holds client addresses');
    assert.ok(lines.some((line) => line.includes('"msg":"request"') && line.includes('"route":"submit"')), 'requests are logged (so the check above looked at something)');

    await assertExactlyTheAcknowledged(server.dataDir, acknowledged, unanswered);
  });

  test('when a slow client holds the stop to the grace time, no case is committed without its 201 reaching the client', { timeout: 120_000 }, async (t) => {
    const grace = 3;
    const server = await startChild({ tenants: LAMP_TENANTS, env: { ...ENV, SHUTDOWN_GRACE_SECONDS: String(grace) } });
    const hashes = await definitionHashes(server.url, TENANTS);
    // A client that never sends the rest of its body: the server waits for it until the grace time ends.
    const slow = heldSubmission('grace-slow', 0, hashes);
    const hold = await holdSubmission(server.url, slow);
    const load = startLoad({ url: server.url, hashes, workers: WORKERS, label: 'grace', forwardedFor: (worker) => `203.0.113.${worker + 1}` });
    await load.whenAcked(40);
    const signalled = performance.now();
    server.process.kill('SIGTERM');
    const code = await server.exited;
    const exitedAfter = performance.now() - signalled;
    load.stop();
    await load.done;
    settle(slow, await hold.finish().then((reply) => ({ reply }), (error: unknown) => ({ error })));

    const acknowledged = load.submissions.filter((submission) => submission.outcome === 'acked');
    const unanswered = load.submissions.filter((submission) => submission.outcome !== 'acked');
    t.diagnostic(`${acknowledged.length} acknowledged, ${unanswered.length} without reply (503 or connection closed); exit ${code} after ${Math.round(exitedAfter)} ms (grace ${grace} s)`);
    assert.equal(code, 0);
    assert.equal(slow.outcome, 'failed', 'the unfinished request was cut at the end of the grace time');
    assert.ok(server.output().includes('"msg":"stopped"'));
    await assertExactlyTheAcknowledged(server.dataDir, acknowledged, [...unanswered, slow]);
  });
});
