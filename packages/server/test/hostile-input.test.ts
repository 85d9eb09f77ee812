/**
 * Hostile input against the reference server: a corpus of requests in nine categories, each of
 * which must be refused with the right 4xx and an application/problem+json body of the right
 * type that gives nothing of the server away; after all of them no row, blob or file has
 * appeared, no prototype is polluted, and the server still takes a valid case.
 *
 * Rate limits are raised for the corpus, so it tests validation; the look-up limit has its own
 * small test at the end.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TableCounts } from '../src/storage/types.js';
import { fileCases } from './hostile/files.js';
import {
  CATEGORIES,
  LAMP_CASES,
  client,
  filePart,
  freshKey,
  judge,
  lampSubmission,
  listFiles,
  multipart,
  runCases,
  send,
  type Answer,
  type Category,
  type HostileCase,
  type Seeded,
  type Target,
} from './hostile/harness.js';
import { idempotencyCases } from './hostile/idempotency.js';
import { injectionCases } from './hostile/injection.js';
import { jsonCases } from './hostile/json.js';
import { pathCases } from './hostile/paths.js';
import { routingCases } from './hostile/routing.js';
import { secretCases, unknownReference } from './hostile/secrets.js';
import { sizeCases } from './hostile/size.js';
import { typeCases } from './hostile/types.js';
import { jpegFile } from './uploads/fixtures.js';
import { TWO_TENANTS, startInProcess } from './support/test-server.js';

const NO_RATE_LIMITS = {
  RATE_LIMIT_SUBMISSIONS: '100000',
  RATE_LIMIT_LOOKUP_FAILURES: '100000',
  RATE_LIMIT_UPLOADS: '100000',
  RATE_LIMIT_EVALUATION: '100000',
};
const LOOKUP_LIMIT = 5;
/**
 * The second server: the smallest body limits config allows (64 KiB of JSON, 64 KiB per file)
 * so oversize cases stay cheap, and a look-up limit of 5 for the rate-limit test (the oversize
 * cases make no look-ups, so they never touch it).
 */
const SMALL_LIMITS = {
  ...NO_RATE_LIMITS,
  MAX_JSON_BYTES: String(64 * 1024),
  MAX_UPLOAD_BYTES: '65536',
  RATE_LIMIT_LOOKUP_FAILURES: String(LOOKUP_LIMIT),
};
const MIN_PER_CATEGORY = 8;
const MIN_TOTAL = 100;
const TENANTS = ['ostra', 'vastra'] as const;

type Server = Awaited<ReturnType<typeof startInProcess>>;

const prototypeMembers = Object.getOwnPropertyNames(Object.prototype).sort();
function assertNoPollution(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype.polluted is not set');
  assert.equal(Object.hasOwn(Object.prototype, 'polluted'), false);
  assert.deepEqual(Object.getOwnPropertyNames(Object.prototype).sort(), prototypeMembers, 'Object.prototype gained no members');
  assert.equal(([] as unknown as Record<string, unknown>).polluted, undefined, 'Array.prototype is not polluted');
}

async function submit(origin: string, tenant: string, key: string, body: Record<string, unknown>): Promise<Seeded> {
  const answer = await send(origin, `/${tenant}/api/services/broken-lamp/cases`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'idempotency-key': key } });
  assert.equal(answer.status, 201, `seeding a case in /${tenant}: ${answer.body}`);
  return JSON.parse(answer.body) as Seeded;
}

interface Snapshot {
  readonly counts: Record<string, TableCounts>;
  readonly blobs: readonly string[];
  readonly files: readonly string[];
}
async function snapshot(server: Server): Promise<Snapshot> {
  const counts: Record<string, TableCounts> = {};
  for (const tenant of TENANTS) counts[tenant] = await server.storage.counts(tenant);
  return { counts, blobs: await server.blobs.keys(), files: listFiles(server.dataDir) };
}

describe('hostile input: each refusal is the right problem, and nothing is stored', () => {
  let main: Server;
  let small: Server;
  let target: Target;
  let serverSecrets: string[] = [];
  /** A case on the small server, for the rate-limit test. */
  let smallCase: Seeded;
  const baseline: { main?: Snapshot; small?: Snapshot } = {};
  const sent = new Map<Category, number>();

  before(async () => {
    [main, small] = await Promise.all([startInProcess({ tenants: TWO_TENANTS, env: NO_RATE_LIMITS }), startInProcess({ tenants: TWO_TENANTS, env: SMALL_LIMITS })]);
    const lampHash = main.tenants[0]!.catalog.get('broken-lamp')!.hash;
    assert.equal(main.tenants[1]!.catalog.get('broken-lamp')!.hash, lampHash, 'both tenants serve the same lamp definition');
    const seedKey = freshKey();
    const seedBody = lampSubmission({ lampHash });
    const ostra = await submit(main.url, 'ostra', seedKey, seedBody);
    const ostraOther = await submit(main.url, 'ostra', freshKey(), lampSubmission({ lampHash }, { answers: { description: 'Lampan vid skolan blinkar.', anonymous: true } }));
    const vastra = await submit(main.url, 'vastra', freshKey(), seedBody);
    assert.equal(vastra.reference, ostra.reference, 'the first case of each tenant has the same reference');
    smallCase = await submit(small.url, 'ostra', freshKey(), lampSubmission({ lampHash }));
    target = { main: client(main.url), small: client(small.url), lampHash, ostra, ostraOther, vastra, seedKey, seedBody };
    const key = await main.storage.serverKey();
    serverSecrets = [
      ...[ostra, ostraOther, vastra, smallCase].flatMap((receipt) => [receipt.token, receipt.trackingCode]),
      key.toString('hex'),
      key.toString('base64'),
      key.toString('base64url'),
      main.dataDir,
      small.dataDir,
      ...(process.cwd().length > 4 ? [process.cwd()] : []),
    ];
    baseline.main = await snapshot(main);
    baseline.small = await snapshot(small);
  });
  after(async () => {
    await main?.close();
    await small?.close();
  });

  const corpus: readonly [Category, (target: Target) => HostileCase[]][] = [
    ['malformed and hostile JSON', jsonCases],
    ['wrong types', typeCases],
    ['oversize bodies and files', sizeCases],
    ['disguised file types', fileCases],
    ['path traversal in names and ids', pathCases],
    ['XSS and SQL strings', injectionCases],
    ['forged, empty and expired secrets', secretCases],
    ['idempotency-key reuse and malformed keys', idempotencyCases],
    ['unknown tenants, services and methods', (target) => routingCases(target, main.url)],
  ];
  assert.deepEqual(corpus.map(([category]) => category), [...CATEGORIES]);

  for (const [index, [category, build]] of corpus.entries()) {
    test(`${index + 1}. ${category}`, async () => {
      const cases = build(target);
      const casesBefore = await main.storage.counts('ostra');
      const { sent: count, failures, answers } = await runCases(cases, serverSecrets);
      sent.set(category, count);

      if (category === 'malformed and hostile JSON') assertNoPollution();
      if (category === 'forged, empty and expired secrets') {
        // Wrong secret, other tenant's secret and unknown reference: one body, byte for byte, and the same headers.
        const reference = answers.get('a random token for a reference that never existed');
        assert.ok(reference !== undefined && reference.status === 404, `the unknown reference ${unknownReference(target)} answers 404`);
        const headersOf = (answer: Answer) => Object.entries(answer.headers).filter(([name]) => !['date', 'keep-alive', 'connection'].includes(name)).sort();
        for (const [name, answer] of answers) {
          if (answer.status !== 404) continue;
          if (answer.body !== reference.body) failures.push(`${name}: 404 body differs from the unknown reference's:\n      ${answer.body}\n      ${reference.body}`);
          else assert.deepEqual(headersOf(answer), headersOf(reference), `${name}: the same headers as for an unknown reference`);
        }
        // The secrets themselves still work: the refusals were about the secret, not a broken case.
        const own = await target.main.get(`/ostra/api/cases/${target.ostra.reference}`, { authorization: `Bearer ${target.ostra.trackingCode.toLowerCase()}` });
        assert.equal(own.status, 200, 'the right tracking code, typed in lower case, opens the case');
      }
      if (category === 'idempotency-key reuse and malformed keys') {
        assert.deepEqual(await main.storage.counts('ostra'), casesBefore, 'no case, key or other row was made');
        const replay = await target.main.json(LAMP_CASES, target.seedBody, { 'idempotency-key': target.seedKey });
        assert.equal(replay.status, 201, 'the same key with the same body replays the receipt');
        assert.equal(replay.headers['idempotent-replayed'], 'true');
        assert.equal((JSON.parse(replay.body) as Seeded).reference, target.ostra.reference);
      }

      assert.ok(count >= MIN_PER_CATEGORY, `${category}: ${count} requests, at least ${MIN_PER_CATEGORY} wanted`);
      assert.equal(failures.length, 0, `${failures.length} of ${count} requests in "${category}" were not refused as they must be:\n  ${failures.join('\n  ')}`);
    });
  }

  test('the corpus counts: at least 100 requests, at least 8 in every category', () => {
    const rows = CATEGORIES.map((category, index) => ({ category: `${index + 1}. ${category}`, requests: sent.get(category) ?? 0 }));
    const total = rows.reduce((sum, row) => sum + row.requests, 0);
    console.log(`hostile requests per category:\n${rows.map((row) => `  ${String(row.requests).padStart(4)}  ${row.category}`).join('\n')}\n  ${String(total).padStart(4)}  total`);
    for (const row of rows) assert.ok(row.requests >= MIN_PER_CATEGORY, `${row.category}: ${row.requests} requests`);
    assert.ok(total >= MIN_TOTAL, `${total} hostile requests in all, at least ${MIN_TOTAL} wanted`);
  });

  test('after the whole corpus: the same rows, the same blobs, the same files, no polluted prototype', async () => {
    assertNoPollution();
    for (const [server, earlier] of [[main, baseline.main!], [small, baseline.small!]] as const) {
      const now = await snapshot(server);
      for (const tenant of TENANTS) assert.deepEqual(now.counts[tenant], earlier.counts[tenant], `row counts of ${tenant} unchanged`);
      assert.deepEqual(now.blobs, earlier.blobs, 'no blob was stored');
      assert.deepEqual(now.files, earlier.files, 'no file appeared in or vanished from the data folder');
      for (const name of ['x.jpg', 'passwd', 'package.json']) {
        assert.equal(existsSync(join(dirname(server.dataDir), name)), false, `no ${name} next to the data folder`);
      }
    }
  });

  test('text that is data (a feedback topic with <script>, SQL in a comment) is stored as data and never served back', async () => {
    const marker = `<script>alert("hostile-${process.pid}")</script>`;
    const earlier = await main.storage.counts('ostra');
    const answer = await target.main.json('/ostra/api/feedback', { topic: marker, rating: 2, comment: "'); DROP TABLE feedback; --" });
    assert.equal(answer.status, 201);
    assert.deepEqual(Object.keys(JSON.parse(answer.body) as object), ['id'], 'the receipt of feedback holds only its id');
    assert.equal(answer.body.includes('<script'), false);
    assert.equal((await main.storage.counts('ostra')).feedback, (earlier.feedback ?? 0) + 1, 'one feedback row, and the table is still there');
    for (const page of ['/ostra/', '/ostra/en/', '/ostra/status', '/ostra/e-tjanster/broken-lamp', '/ostra/api/services', '/ostra/api/services/broken-lamp']) {
      const served = await target.main.get(page);
      assert.equal(served.status, 200, page);
      assert.equal(served.body.includes(marker) || served.body.includes('hostile-'), false, `${page} does not serve the stored text`);
    }
    // Survey answers are free-form keys: prototype names among them must not reach any prototype.
    const survey = await target.main.post('/ostra/api/surveys/standard/responses', '{"answers":{"__proto__":"polluted","constructor":"polluted","prototype":"polluted","ease":4}}');
    assert.ok([201, 400].includes(survey.status), `survey with prototype-named answers: ${survey.status}`);
    assertNoPollution();
  });

  test('upload file names with traversal are display text only: the bytes land in the blob store under a key of its own', async () => {
    const earlier = await snapshot(main);
    const names = ['../../x.jpg', '..\\..\\..\\x.jpg', '/etc/cron.d/x.jpg', '..%2F..%2Fx.jpg', '....//....//x.jpg', 'x.jpg\u0000.html', '\u202Egpj.exe'];
    const ids: string[] = [];
    for (const filename of names) {
      const answer = await target.main.post('/ostra/api/uploads', multipart('traversal-boundary', [filePart('file', filename, jpegFile({ metadata: true }))]), {
        'content-type': 'multipart/form-data; boundary=traversal-boundary',
      });
      assert.equal(answer.status, 201, `${JSON.stringify(filename)}: ${answer.body}`);
      assert.equal(answer.body.includes('x.jpg') || answer.body.includes('..'), false, 'the name is not echoed');
      ids.push((JSON.parse(answer.body) as { uploadId: string }).uploadId);
    }
    const now = await snapshot(main);
    const newBlobs = now.blobs.filter((key) => !earlier.blobs.includes(key));
    assert.equal(newBlobs.length, names.length, 'one blob per upload');
    const newFiles = now.files.filter((file) => !earlier.files.includes(file));
    assert.deepEqual(newFiles.sort(), newBlobs.map((key) => join('blobs', key.slice(0, 2), key)).sort(), 'the only new files are the blobs, at their keys');
    assert.deepEqual(earlier.files.filter((file) => !now.files.includes(file)), [], 'no file vanished');
    assert.equal(now.counts.ostra?.uploads, (earlier.counts.ostra?.uploads ?? 0) + names.length, 'one upload row per file');
    for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{24}$/, 'upload ids are the server\'s, never the name');
    assert.equal(existsSync(join(dirname(main.dataDir), 'x.jpg')), false);
    assert.equal(existsSync(join(main.dataDir, 'x.jpg')), false);
  });

  test('dot segments collapse before routing: /ostra/../vastra is /vastra, with /vastra\'s CORS, never /ostra\'s data (not counted: no refusal is due)', async () => {
    // The server parses request targets with WHATWG URL rules, as browsers and proxies do; asking
    // /ostra/../vastra/… is asking /vastra/…, whose list is public anyway.
    const origin = { origin: 'https://www.ostra.example' };
    const dotted = await target.main.get('/ostra/../vastra/api/services', origin);
    const direct = await target.main.get('/vastra/api/services', origin);
    assert.equal(dotted.status, 200);
    assert.equal(dotted.body, direct.body);
    assert.equal(dotted.headers['access-control-allow-origin'], undefined, "/ostra's origin gets no CORS for /vastra");
    const across = await target.main.get(`/ostra/api/cases/x/../../../../vastra/api/cases/${target.vastra.reference}`, { authorization: `Bearer ${target.ostra.token}` });
    assert.equal(across.status, 404, "an /ostra secret does not open /vastra's case with the same reference, however the path is spelled");
    assert.equal((JSON.parse(across.body) as { type: string }).type, 'urn:eservice-kit:problem:case-not-found', 'the path reached /vastra\'s case route');
  });

  test('the server keeps serving: a valid submission succeeds and /health answers 200', async () => {
    const health = await target.main.get('/health');
    assert.equal(health.status, 200);
    assert.deepEqual(JSON.parse(health.body), { status: 'ok' });
    for (const tenant of TENANTS) {
      const answer = await send(main.url, `/${tenant}/api/services/broken-lamp/cases`, { method: 'POST', body: JSON.stringify(lampSubmission(target, { durationMs: 42_000 })), headers: { 'content-type': 'application/json', 'idempotency-key': freshKey() } });
      assert.equal(answer.status, 201, `/${tenant}: ${answer.body}`);
      const receipt = JSON.parse(answer.body) as Seeded;
      const view = await target.main.get(`/${tenant}/api/cases/${receipt.reference}`, { authorization: `Bearer ${receipt.token}` });
      assert.equal(view.status, 200);
    }
    assert.equal((await target.small.get('/health')).status, 200);
    assertNoPollution();
  });

  test(`the look-up limit: ${LOOKUP_LIMIT} failed look-ups, then 429 rate-limited with Retry-After, counted per tenant and client address`, async (context) => {
    // Limits count in one-minute windows: start well inside one, so all hits land in the same window.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 54_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoWindow + 100));
    const look = (tenant: string, secret: string, options: { localAddress?: string; headers?: Record<string, string> } = {}) =>
      send(small.url, `/${tenant}/api/cases/${smallCase.reference}`, { headers: { authorization: `Bearer ${secret}`, ...options.headers }, ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const wrong = 'WRNG-WRNG-WRNG';

    for (let attempt = 1; attempt <= LOOKUP_LIMIT; attempt++) assert.equal((await look('ostra', wrong)).status, 404, `failed look-up ${attempt} is a plain 404`);
    const limited = await look('ostra', wrong);
    const issues = judge({ name: 'over the limit', send: async () => limited, status: 429, code: 'rate-limited' }, limited, serverSecrets);
    assert.deepEqual(issues, [], issues.join('\n'));
    assert.match(String(limited.headers['retry-after']), /^[1-9]\d*$/, 'Retry-After in whole seconds');
    assert.equal((await look('ostra', smallCase.token)).status, 429, 'inside the window even the right secret waits (no oracle)');
    assert.equal((await look('ostra', wrong, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status, 429, 'X-Forwarded-For is not trusted without TRUST_PROXY');

    assert.equal((await look('vastra', wrong)).status, 404, 'the same address in another tenant has its own count');
    // Another client: the whole of 127.0.0.0/8 is loopback on Linux; where it is not (macOS), say so and stop here.
    const other = await look('ostra', wrong, { localAddress: '127.0.0.2' }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRNOTAVAIL') return undefined;
      throw error;
    });
    if (other === undefined) return context.diagnostic('127.0.0.2 is not a local address here: the per-address part is not checked');
    assert.equal(other.status, 404, 'another client address has its own count');
    assert.equal((await look('ostra', smallCase.token, { localAddress: '127.0.0.2' })).status, 200, 'and reads its case');
  });
});
