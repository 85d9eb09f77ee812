#!/usr/bin/env node
// npm run bench:server: durable case submissions per second through the reference server's
// full production path, loaded from a second process over loopback.
//
// The built server (packages/server/dist/main.js) runs as a child process with a fresh
// DATA_DIR, its production defaults (LOG_LEVEL=info, the per-client submission limiter with its
// database write per request; only the limit is raised so the one load address is never
// refused) and its stdout log going to a file, as a log collector would take it. This process
// loads it with autocannon: POST /api/services/{id}/cases on the root tenant with a fresh
// Idempotency-Key per request, rotating over the valid samples of fault-report and complaint
// (each checked once first: only samples answered 201 today are used) with a counter in the
// description, so no two bodies are equal.
//
// After a warm-up and the measured run, requests cut off by the end of a run (their socket is
// closed with the answer still due) are sent again with the same key and body, as a browser
// would: each must be answered 201, new or replayed. The server is stopped with SIGTERM (the
// graceful stop must finish), and the database is opened read-only: its cases must equal the
// keys answered 201 (MISMATCH and exit 1 otherwise), and each reference series must be
// numbered 1..n without gaps.
//
// Also measured: single-row fsynced SQLite commits per second on the same disk (WAL,
// synchronous=FULL, the server's settings) before and after, to relate the result to the disk;
// the CPU time of the server and of this process during the measured run; and how long their
// JavaScript threads were runnable but waiting for a CPU (/proc schedstat), which with the
// load average and CPU pressure shows when other work on the machine skewed the numbers.
//
// Markdown-ish table to stdout, JSON to .bench/server-bench.json. A benchmark, not a test:
// missing the target is reported, not failed; exit 1 only when the run itself is wrong
// (row mismatch, failed graceful stop, server errors, no valid sample).
//
//   node scripts/bench/server.mjs [--connections 50] [--duration 15] [--warmup 3]
//        [--log-level info|warn|...] [--cpu-prof] [--server path/to/main.js] [--keep]
//   --log-level   the server's LOG_LEVEL (info, the default, logs one line per request)
//   --cpu-prof    profile the server (node --cpu-prof into .bench/server-profile/) and print
//                 its self time by area and function during the measured run
//   --server      another build of main.js, to compare (set BUNDLE_DIR if it is elsewhere)
//   --keep        keep the temporary DATA_DIR and the server's log
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { candidateSamples } from './server-samples.mjs';

// ── Options ────────────────────────────────────────────────────────────────────────────────
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name, fallback) => {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 && index + 1 < argv.length ? argv[index + 1] : fallback;
};
const CONNECTIONS = Number(option('connections', 50));
const DURATION = Number(option('duration', 15));
const WARMUP = Number(option('warmup', 3));
const LOG_LEVEL = option('log-level', 'info');
const CPU_PROF = flag('cpu-prof');
const KEEP = flag('keep');
const SERVER = resolve(option('server', 'packages/server/dist/main.js'));
const SERVICES = ['fault-report', 'complaint'];
const FSYNC_SECONDS = 2;
const OUT = '.bench';
const TARGET = { perSecond: 1000, p99Ms: 50 };
if (!(Number.isInteger(CONNECTIONS) && CONNECTIONS > 0) || !(DURATION > 0) || !(WARMUP >= 0) || flag('help')) {
  console.error('usage: node scripts/bench/server.mjs [--connections 50] [--duration 15] [--warmup 3] [--log-level info] [--cpu-prof] [--server dist/main.js] [--keep]');
  process.exit(2);
}
if (!existsSync(SERVER)) {
  console.error(`No ${SERVER}: run \`npm run build\` first (or \`npm run bench:server\`).`);
  process.exit(1);
}

/** Linux pressure stall information: % of the last 10 s some task waited for CPU / I/O (other work on the machine). */
function pressure() {
  const read = (resource) => {
    try {
      return Number(/some avg10=([\d.]+)/.exec(readFileSync(`/proc/pressure/${resource}`, 'utf8'))?.[1]);
    } catch {
      return undefined;
    }
  };
  return { cpuSomeAvg10: read('cpu'), ioSomeAvg10: read('io') };
}
const machine = {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadAverageAtStart: loadavg().map((value) => Math.round(value * 100) / 100),
  pressureAtStart: pressure(),
};
const work = mkdtempSync(join(tmpdir(), 'eservice-kit-bench-'));
const dataDir = join(work, 'data');
const logFile = join(work, 'server.log');
const problems = [];
const say = (line) => process.stderr.write(`${line}\n`);

// ── 1. The disk: single-row fsynced commits per second ─────────────────────────────────────
function fsyncBaseline() {
  const db = new Database(join(work, 'fsync-probe.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE probe (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO probe (body) VALUES (?)');
  const body = 'x'.repeat(600);
  let commits = 0;
  const started = performance.now();
  while (performance.now() - started < FSYNC_SECONDS * 1000) {
    insert.run(body); // autocommit: one transaction, one fsync of the WAL
    commits++;
  }
  const seconds = (performance.now() - started) / 1000;
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(join(work, `fsync-probe.sqlite${suffix}`), { force: true });
  return Math.round(commits / seconds);
}
say(`Disk baseline: single-row fsynced commits for ${FSYNC_SECONDS} s in ${work} …`);
const fsyncBefore = fsyncBaseline();

// ── 2. The server, as a child process ──────────────────────────────────────────────────────
const profileDir = resolve(OUT, 'server-profile');
if (CPU_PROF) {
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
}
const env = { ...process.env };
for (const name of ['TENANTS_FILE', 'PUBLIC_URL', 'TRUST_PROXY', 'ALLOWED_ORIGINS', 'NODE_OPTIONS']) delete env[name];
Object.assign(env, {
  PORT: '0',
  HOST: '127.0.0.1',
  DATA_DIR: dataDir,
  LOG_LEVEL,
  RATE_LIMIT_SUBMISSIONS: '10000000',
});
const logFd = openSync(logFile, 'a');
const child = spawn(process.execPath, [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []), SERVER], {
  env,
  stdio: ['ignore', logFd, 'pipe'],
});
closeSync(logFd);
let stderr = '';
const exited = new Promise((resolveExit) => child.once('exit', (code, signal) => resolveExit({ code, signal })));
const baseUrl = await new Promise((resolveUrl, reject) => {
  const timer = setTimeout(() => reject(new Error(`the server did not start within 20 s:\n${stderr}`)), 20_000);
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => {
    stderr += text;
    const match = /eservice-kit server: (http:\/\/[^/\s]+)\//.exec(stderr);
    if (match) {
      clearTimeout(timer);
      resolveUrl(match[1]);
    }
  });
  exited.then(({ code, signal }) => reject(new Error(`the server exited at start (${code ?? signal}):\n${stderr}`)));
}).catch(async (error) => {
  console.error(error.message);
  child.kill('SIGKILL');
  process.exit(1);
});
say(`Server ${SERVER} at ${baseUrl} (pid ${child.pid}, LOG_LEVEL=${LOG_LEVEL}${CPU_PROF ? ', --cpu-prof' : ''}).`);

/** CPU seconds (user, system) the server has used so far, from /proc. */
function serverCpu() {
  try {
    const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) / CLOCK_TICKS, system: Number(fields[12]) / CLOCK_TICKS };
  } catch {
    return undefined;
  }
}
/** A main thread's scheduler times so far, in seconds: on a CPU, and runnable but waiting for one. */
function mainThreadSched(pid) {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ').map(Number);
    return { onCpu: onCpu / 1e9, waiting: waiting / 1e9 };
  } catch {
    return undefined;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

// ── 3. The samples that are valid today ────────────────────────────────────────────────────
const runId = Date.now().toString(36);
let keyCounter = 0;
const nextKey = () => `bench-${runId}-${(++keyCounter).toString(36).padStart(6, '0')}`;
/** Keys answered 201 (new or replayed), over every phase: each must be exactly one case. */
const keysAnswered201 = new Set();

async function post(path, key, body) {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': key }, body });
  const text = await response.text();
  if (response.status === 201) keysAnswered201.add(key);
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', text };
}

const listing = await (await fetch(`${baseUrl}/api/services`)).json();
const samples = [];
const rejectedSamples = [];
for (const candidate of candidateSamples(SERVICES, listing.services)) {
  const answer = await post(candidate.path, nextKey(), candidate.build(0));
  if (answer.status === 201) samples.push(candidate);
  else {
    let type = '';
    try {
      type = JSON.parse(answer.text).type ?? '';
    } catch {}
    rejectedSamples.push({ serviceId: candidate.serviceId, name: candidate.name, status: answer.status, type });
  }
}
const setup201 = keysAnswered201.size;
say(`Samples: ${samples.length} accepted (${SERVICES.map((id) => `${id} ${samples.filter((s) => s.serviceId === id).length}`).join(', ')}), ${rejectedSamples.length} refused today.`);
for (const refused of rejectedSamples) say(`  refused: ${refused.serviceId} "${refused.name}" → ${refused.status} ${refused.type}`);
if (samples.length === 0) {
  problems.push('no sample was accepted: nothing to load with');
}

// ── 4. Load ────────────────────────────────────────────────────────────────────────────────
let sampleCounter = 0;
function load(label, seconds) {
  /** Sent and not yet answered, by key: what a cut-off leaves to settle. */
  const outstanding = new Map();
  const tally = { label, created: 0, replayed: 0, statuses: {}, other: [] };
  const request = {
    method: 'POST',
    setupRequest(req, context) {
      const n = ++sampleCounter;
      const sample = samples[n % samples.length];
      const key = nextKey();
      const body = sample.build(n);
      context.key = key;
      outstanding.set(key, { path: sample.path, body });
      return { ...req, method: 'POST', path: sample.path, headers: { 'content-type': 'application/json', 'idempotency-key': key }, body };
    },
    onResponse(status, body, context, headers) {
      outstanding.delete(context.key);
      tally.statuses[status] = (tally.statuses[status] ?? 0) + 1;
      if (status === 201) {
        keysAnswered201.add(context.key);
        if (headers['idempotent-replayed'] === 'true') tally.replayed++;
        else tally.created++;
      } else if (tally.other.length < 5) tally.other.push(`${status} ${String(body).slice(0, 200)}`);
    },
  };
  return new Promise((resolveRun, reject) => {
    autocannon({ url: baseUrl, connections: CONNECTIONS, duration: seconds, pipelining: 1, timeout: 10, requests: [request] }, (error, result) =>
      error ? reject(error) : resolveRun({ result, tally, outstanding }),
    );
  });
}

/** Requests a run's end cut off: sent again with the same key and body, as a client retries. */
async function settle(outstanding) {
  const settled = { count: outstanding.size, created: 0, replayed: 0, failed: [] };
  await Promise.all(
    [...outstanding].map(async ([key, { path, body }]) => {
      const answer = await post(path, key, body).catch((error) => ({ status: 0, text: String(error) }));
      if (answer.status !== 201) settled.failed.push(`${answer.status} ${answer.text.slice(0, 200)}`);
      else if (answer.replayed) settled.replayed++;
      else settled.created++;
    }),
  );
  return settled;
}

const runs = {};
/** The measured run in CLOCK_MONOTONIC microseconds, the clock of V8's profile timestamps. */
const measuredWindow = {};
const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);
if (samples.length > 0) {
  if (WARMUP > 0) {
    say(`Warm-up: ${WARMUP} s, ${CONNECTIONS} connections …`);
    const warm = await load('warm-up', WARMUP);
    runs.warmup = { ...summarize(warm.result, warm.tally), settled: await settle(warm.outstanding) };
  }
  say(`Measured run: ${DURATION} s, ${CONNECTIONS} connections …`);
  const cpuBefore = serverCpu();
  const ownBefore = process.cpuUsage();
  const schedBefore = { server: mainThreadSched(child.pid), own: mainThreadSched(process.pid) };
  measuredWindow.from = monotonicMicros();
  const measured = await load('measured', DURATION);
  measuredWindow.to = monotonicMicros();
  const cpuAfter = serverCpu();
  const own = process.cpuUsage(ownBefore);
  const schedAfter = { server: mainThreadSched(child.pid), own: mainThreadSched(process.pid) };
  const summary = summarize(measured.result, measured.tally);
  const share = (who, field) => (schedBefore[who] && schedAfter[who] ? pct((schedAfter[who][field] - schedBefore[who][field]) / summary.seconds) : undefined);
  summary.cpu = {
    serverPercentOfOneCore: cpuBefore && cpuAfter ? pct((cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / summary.seconds) : undefined,
    serverSystemPercent: cpuBefore && cpuAfter ? pct((cpuAfter.system - cpuBefore.system) / summary.seconds) : undefined,
    loadGeneratorPercentOfOneCore: pct((own.user + own.system) / 1e6 / summary.seconds),
    serverCpuMsPerSubmission:
      cpuBefore && cpuAfter ? Math.round(((cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) * 1e5) / Math.max(1, measured.tally.created)) / 100 : undefined,
    // The JavaScript thread's wall time: running, runnable but waiting for a CPU (others' work), the rest blocked or idle (fsync, epoll).
    serverMainThread: { onCpuPercent: share('server', 'onCpu'), waitingForCpuPercent: share('server', 'waiting') },
    loadGeneratorMainThread: { onCpuPercent: share('own', 'onCpu'), waitingForCpuPercent: share('own', 'waiting') },
  };
  summary.settled = await settle(measured.outstanding);
  runs.measured = summary;
}
const loadAverageAtEnd = loadavg().map((value) => Math.round(value * 100) / 100);
const pressureAtEnd = pressure();

function pct(fraction) {
  return Math.round(fraction * 1000) / 10;
}

function summarize(result, tally) {
  const latency = result.latency;
  return {
    seconds: result.duration,
    connections: CONNECTIONS,
    submissionsPerSecond: Math.round((tally.created / result.duration) * 10) / 10,
    responsesPerSecondMean: result.requests.mean,
    latencyMs: { mean: latency.mean, p50: latency.p50, p90: latency.p90, p99: latency.p99, p99_9: latency.p99_9, max: latency.max },
    responses: result.requests.total,
    created201: tally.created,
    replayed201: tally.replayed,
    non2xx: result.non2xx,
    statuses: tally.statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    resets: result.resets,
    examplesOfOtherAnswers: tally.other,
  };
}

// ── 5. Graceful stop, then the database ────────────────────────────────────────────────────
say('Stopping the server (SIGTERM) …');
const stopStarted = performance.now();
child.kill('SIGTERM');
const stopped = await Promise.race([exited, new Promise((resolveTimeout) => setTimeout(() => resolveTimeout(undefined), 30_000))]);
const stopMs = Math.round(performance.now() - stopStarted);
if (stopped === undefined) {
  problems.push('graceful stop did not finish within 30 s (killed)');
  child.kill('SIGKILL');
  await exited;
} else if (stopped.code !== 0) problems.push(`server exited with ${stopped.code ?? stopped.signal} on SIGTERM`);

say(`Disk baseline again (${FSYNC_SECONDS} s) …`);
const fsyncAfter = fsyncBaseline();
const fsyncPerSecond = Math.round((fsyncBefore + fsyncAfter) / 2);

const database = join(dataDir, 'eservice-kit.sqlite');
let rows = NaN;
let idempotencyRows = NaN;
let timelineRows = NaN;
let references = [];
try {
  const db = new Database(database, { readonly: true, fileMustExist: true });
  rows = db.prepare('SELECT count(*) FROM cases').pluck().get();
  idempotencyRows = db.prepare('SELECT count(*) FROM idempotency_keys').pluck().get();
  timelineRows = db.prepare('SELECT count(*) FROM case_timeline').pluck().get();
  references = db.prepare('SELECT reference FROM cases').pluck().all();
  db.close();
} catch (error) {
  problems.push(`the database could not be read after the stop: ${error.message}`);
}
const walLeft = existsSync(`${database}-wal`) ? statSync(`${database}-wal`).size : 0;

/** Each series (prefix-year) must hold 1..n exactly once. */
const series = {};
for (const reference of references) {
  const cut = reference.lastIndexOf('-');
  (series[reference.slice(0, cut)] ??= []).push(Number(reference.slice(cut + 1)));
}
const numbering = Object.entries(series).map(([name, numbers]) => {
  numbers.sort((a, b) => a - b);
  const gapFree = numbers.every((number, index) => number === index + 1);
  return { series: name, count: numbers.length, max: numbers.at(-1), gapFree };
});
for (const entry of numbering) if (!entry.gapFree) problems.push(`reference series ${entry.series}: ${entry.count} cases but numbers up to ${entry.max} (gaps or duplicates)`);

const expectedRows = keysAnswered201.size;
const rowsMatch = rows === expectedRows && idempotencyRows === rows;
if (!rowsMatch) problems.push(`MISMATCH: ${rows} cases (${idempotencyRows} idempotency keys) in the database, but ${expectedRows} keys answered 201`);
for (const run of Object.values(runs)) {
  if (run.errors > 0 || run.timeouts > 0) problems.push(`${run.errors} connection errors, ${run.timeouts} timeouts`);
  if (run.non2xx > 0) problems.push(`${run.non2xx} answers other than 2xx: ${run.examplesOfOtherAnswers.join(' | ')}`);
  if (run.settled.failed.length > 0) problems.push(`${run.settled.failed.length} cut-off requests not settled by a retry: ${run.settled.failed.slice(0, 3).join(' | ')}`);
}

const log = readFileSync(logFile, 'utf8');
const logLines = log.split('\n').filter(Boolean);
const serverLog = {
  level: LOG_LEVEL,
  lines: logLines.length,
  bytes: Buffer.byteLength(log),
  errorLines: logLines.filter((line) => line.includes('"level":"error"')).slice(0, 5),
  stderr: stderr.split('\n').filter((line) => line && !line.startsWith('eservice-kit server:')).slice(0, 5),
};
if (serverLog.errorLines.length > 0) problems.push(`server logged errors: ${serverLog.errorLines.join(' | ')}`);

// ── 6. CPU profile of the server (with --cpu-prof): where its time went ────────────────────
let profile;
if (CPU_PROF) {
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (file === undefined) problems.push('--cpu-prof: no profile written');
  else profile = { file: join(profileDir, file), ...summarizeProfile(JSON.parse(readFileSync(join(profileDir, file), 'utf8'))) };
}

/** Self time by area and by function, of the samples taken during the measured run only. */
function summarizeProfile({ nodes, startTime, samples: hits, timeDeltas }) {
  const byId = new Map(nodes.map((node) => [node.id, node]));
  const self = new Map();
  let total = 0;
  let at = startTime;
  hits.forEach((id, index) => {
    const delta = timeDeltas[index] ?? 0;
    at += delta;
    if (measuredWindow.from !== undefined && (at < measuredWindow.from || at > measuredWindow.to)) return;
    total += delta;
    self.set(id, (self.get(id) ?? 0) + delta);
  });
  const byFunction = new Map();
  const byArea = new Map();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const where = url === '' ? '' : ` ${url.replace(/^.*\/(node_modules|packages)\//, '$1/').replace(/^node:/, 'node:')}:${lineNumber + 1}`;
    const name = `${functionName || '(anonymous)'}${where}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
    const area = url === '' ? functionName || '(native)' : /better-sqlite3/.test(url) ? 'better-sqlite3 (js)' : /node_modules/.test(url) ? 'node_modules' : /packages\/server/.test(url) ? 'server' : /packages\/core/.test(url) ? 'core' : /packages\/services/.test(url) ? 'services (validators)' : url.startsWith('node:') ? 'node internals' : 'other';
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  const share = (entries, count) =>
    [...entries]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), percent: pct(micros / total) }));
  return { totalMs: Math.round(total / 1000), byArea: share(byArea, 12), topSelf: share(byFunction, 20) };
}

// ── 7. Report ──────────────────────────────────────────────────────────────────────────────
const measured = runs.measured;
const report = {
  when: new Date().toISOString(),
  options: { connections: CONNECTIONS, duration: DURATION, warmup: WARMUP, logLevel: LOG_LEVEL, cpuProf: CPU_PROF, server: SERVER },
  machine: { ...machine, loadAverageAtEnd, pressureAtEnd },
  disk: { fsyncedSingleRowCommitsPerSecond: fsyncPerSecond, before: fsyncBefore, after: fsyncAfter },
  samples: { used: samples.map((s) => `${s.serviceId}: ${s.name}`), refused: rejectedSamples },
  runs,
  database: { rows, idempotencyRows, timelineRows, keysAnswered201: expectedRows, setup201, rowsMatch, numbering, walBytesAfterStop: walLeft },
  gracefulStopMs: stopMs,
  serverLog,
  ...(profile ? { profile } : {}),
  target: measured
    ? { ...TARGET, met: measured.submissionsPerSecond >= TARGET.perSecond && measured.latencyMs.p99 < TARGET.p99Ms }
    : { ...TARGET, met: false },
  problems,
};
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'server-bench.json'), `${JSON.stringify(report, null, 2)}\n`);

const row = (label, value) => console.log(`| ${label.padEnd(44)} | ${String(value).padStart(28)} |`);
console.log(`\n## Server: durable case submissions (${CONNECTIONS} connections, ${DURATION} s after ${WARMUP} s warm-up)\n`);
console.log(`| ${'measure'.padEnd(44)} | ${'value'.padStart(28)} |`);
console.log(`|${'-'.repeat(46)}|${'-'.repeat(29)}:|`);
if (measured) {
  row('submissions/s (201 created)', measured.submissionsPerSecond);
  row('latency p50 / p90 / p99 (ms)', `${measured.latencyMs.p50} / ${measured.latencyMs.p90} / ${measured.latencyMs.p99}`);
  row('latency mean / p99.9 / max (ms)', `${measured.latencyMs.mean} / ${measured.latencyMs.p99_9} / ${measured.latencyMs.max}`);
  row('responses (201 created, replayed)', `${measured.responses} (${measured.created201}, ${measured.replayed201})`);
  row('non-2xx / errors / timeouts', `${measured.non2xx} / ${measured.errors} / ${measured.timeouts}`);
  row('cut off at end → retried (new, replayed)', `${measured.settled.count} (${measured.settled.created}, ${measured.settled.replayed})`);
  row('server CPU (% of one core, of it sys)', `${measured.cpu.serverPercentOfOneCore} (${measured.cpu.serverSystemPercent})`);
  row('server CPU ms per submission', measured.cpu.serverCpuMsPerSubmission);
  row('server JS thread: on CPU / waiting for CPU %', `${measured.cpu.serverMainThread.onCpuPercent} / ${measured.cpu.serverMainThread.waitingForCpuPercent}`);
  row('load generator CPU (% of one core)', measured.cpu.loadGeneratorPercentOfOneCore);
  row('load gen. thread: on CPU / waiting for CPU %', `${measured.cpu.loadGeneratorMainThread.onCpuPercent} / ${measured.cpu.loadGeneratorMainThread.waitingForCpuPercent}`);
}
row('samples used (refused today)', `${samples.length} (${rejectedSamples.length})`);
if (runs.warmup) row('warm-up submissions/s, p99 (ms)', `${runs.warmup.submissionsPerSecond}, ${runs.warmup.latencyMs.p99}`);
row('rows in cases / keys answered 201', `${rows} / ${expectedRows}${rowsMatch ? '' : '  MISMATCH'}`);
row('  = checks + warm-up + measured + retried', `${setup201} + ${runs.warmup ? runs.warmup.created201 + runs.warmup.replayed201 : 0} + ${measured ? measured.created201 + measured.replayed201 : 0} + ${Object.values(runs).reduce((sum, run) => sum + run.settled.count - run.settled.failed.length, 0)}`);
row('reference series (gap-free)', numbering.map((entry) => `${entry.series} ${entry.count}${entry.gapFree ? '' : ' GAPS'}`).join(', '));
row('graceful stop (ms)', stopMs);
row(`server log (LOG_LEVEL=${LOG_LEVEL})`, `${serverLog.lines} lines, ${(serverLog.bytes / 1e6).toFixed(1)} MB`);
row('disk: fsynced 1-row commits/s (before, after)', `${fsyncPerSecond} (${fsyncBefore}, ${fsyncAfter})`);
row('machine: cpus, load avg at start', `${machine.cpus}, ${machine.loadAverageAtStart.join(' ')}`);
row('load avg at end', loadAverageAtEnd.join(' '));
row('CPU / IO pressure % (start → end)', `${machine.pressureAtStart.cpuSomeAvg10} → ${pressureAtEnd.cpuSomeAvg10} / ${machine.pressureAtStart.ioSomeAvg10} → ${pressureAtEnd.ioSomeAvg10}`);
console.log('');
if (measured) {
  const ratio = measured.submissionsPerSecond / fsyncPerSecond;
  console.log(
    `Target ≥ ${TARGET.perSecond}/s with p99 < ${TARGET.p99Ms} ms: ${report.target.met ? 'MET' : 'MISSED'} ` +
      `(${measured.submissionsPerSecond}/s = ${ratio.toFixed(2)}× the disk's single-row commit rate; p99 ${measured.latencyMs.p99} ms).`,
  );
}
if (profile) {
  console.log(`\nServer CPU profile (${profile.file}), measured run only (${profile.totalMs} ms sampled), self time by area:`);
  for (const entry of profile.byArea) console.log(`  ${String(entry.percent).padStart(5)} %  ${entry.name}`);
  console.log('Top functions by self time:');
  for (const entry of profile.topSelf) console.log(`  ${String(entry.percent).padStart(5)} %  ${entry.name}`);
}
for (const problem of problems) console.log(`\n!! ${problem}`);
console.log(`\nJSON: ${join(OUT, 'server-bench.json')}`);

if (KEEP || problems.length > 0) console.log(`Data, log: ${work}`);
else rmSync(work, { recursive: true, force: true });
process.exit(problems.length > 0 ? 1 : 0);
