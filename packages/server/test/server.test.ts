import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LATITUDE, contains, jpegFile } from './uploads/fixtures.js';
import { validLampAnswers } from './support/lamp.js';
import { FIXTURE_DEFINITIONS, TWO_TENANTS, startInProcess, temporaryFolder } from './support/test-server.js';

const lampDefinition = JSON.parse(readFileSync(join(FIXTURE_DEFINITIONS, 'broken-lamp.json'), 'utf8')) as Record<string, unknown>;

async function submitLamp(base: string, hash: string, key: string, version = '1.0.0') {
  const response = await fetch(`${base}/api/services/broken-lamp/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ answers: validLampAnswers, locale: 'sv', definitionVersion: version, definitionHash: hash }),
  });
  return { status: response.status, receipt: (await response.json()) as { reference: string; token: string; trackingUrl: string } };
}

describe('the server as a municipality\'s IT person and a citizen meet it', () => {
  let server: Awaited<ReturnType<typeof startInProcess>>;
  before(async () => {
    server = await startInProcess({ tenants: TWO_TENANTS, env: { PUBLIC_URL: 'https://e.kommun.example' } });
  });
  after(() => server.close());

  test('answers /health at the server root', async () => {
    const response = await fetch(`${server.url}/health`);
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { status: 'ok' });
  });

  test('links the receipt to the tenant\'s status page on the public address, with the token in the fragment only', async () => {
    const hash = server.tenants[0]!.catalog.get('broken-lamp')!.hash;
    const { status, receipt } = await submitLamp(`${server.url}/ostra`, hash, 'receipt-link-check');
    assert.equal(status, 201);
    assert.equal(receipt.trackingUrl, `https://e.kommun.example/ostra/status?reference=${receipt.reference}#token=${receipt.token}`);
  });

  test('serves the demo pages under a strict policy of their own, and the API under one that runs nothing', async () => {
    const page = await fetch(`${server.url}/ostra/e-tjanster/fault-report`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-security-policy')!, /^default-src 'self'; script-src 'self'; style-src 'self';.*frame-ancestors 'none'/);
    assert.match(await page.text(), /<es-service service="fault-report" api="\/ostra"/);
    const api = await fetch(`${server.url}/ostra/api/services`);
    assert.equal(api.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    for (const response of [page, api]) {
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer');
    }
    assert.equal((await fetch(`${server.url}/ostra/e-tjanster/no-such-service`)).status, 404);
  });

  test('serves the bundle and its chunks to the tenant\'s origins, and the branding tokens as a stylesheet', async () => {
    const bundle = await fetch(`${server.url}/vastra/eservice-kit.js`, { headers: { origin: 'https://www.vastra.example' } });
    assert.equal(bundle.status, 200);
    assert.match(bundle.headers.get('content-type')!, /^text\/javascript/);
    assert.equal(bundle.headers.get('access-control-allow-origin'), 'https://www.vastra.example');
    const chunk = /chunks\/[\w.-]+\.js/.exec(await bundle.text())?.[0];
    assert.ok(chunk, 'the bundle names a chunk');
    const chunkResponse = await fetch(`${server.url}/vastra/${chunk}`);
    assert.equal(chunkResponse.status, 200);
    assert.match(chunkResponse.headers.get('cache-control')!, /immutable/);
    const branding = await fetch(`${server.url}/ostra/branding.css`);
    assert.equal(await branding.text(), ':root {\n  --es-color-primary: #00543c;\n}\n');
    assert.equal((await fetch(`${server.url}/vastra/branding.css`)).status, 404, 'a tenant without tokens has no stylesheet');
  });

  test('strips the GPS position from an uploaded photo before it is stored, and never serves it back', async () => {
    const form = new FormData();
    form.append('file', new Blob([jpegFile({ metadata: true })], { type: 'image/jpeg' }), 'IMG_0001.jpg');
    const response = await fetch(`${server.url}/ostra/api/uploads`, { method: 'POST', body: form });
    assert.equal(response.status, 201);
    const result = (await response.json()) as { uploadId: string; mediaType: string; size: number };
    assert.equal(result.mediaType, 'image/jpeg');
    const stored = await server.storage.getUpload('ostra', result.uploadId);
    assert.equal(await server.storage.getUpload('vastra', result.uploadId), undefined);
    const bytes = await server.blobs.get(stored!.blobKey);
    assert.deepEqual(new Uint8Array(bytes!), jpegFile({ metadata: false }));
    assert.ok(!contains(bytes!, LATITUDE));
    assert.equal((await fetch(`${server.url}/ostra/api/uploads/${result.uploadId}`)).status, 404);
  });

  test('takes a file for a field only where the service takes files', async () => {
    const upload = async (fields: Record<string, string>) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append('file', new Blob([jpegFile({ metadata: false })], { type: 'image/jpeg' }), 'photo.jpg');
      const response = await fetch(`${server.url}/ostra/api/uploads`, { method: 'POST', body: form });
      return { status: response.status, body: (await response.json()) as { errors?: { pointer: string }[] } };
    };
    assert.equal((await upload({ serviceId: 'fault-report', pointer: '/media' })).status, 201);
    assert.equal((await upload({ serviceId: 'fault-report', pointer: '/media/2' })).status, 201);
    const misnamed: Record<string, string>[] = [{ serviceId: 'fault-report', pointer: '/description' }, { pointer: '/media' }, { serviceId: 'complaint', pointer: '/media' }];
    for (const fields of misnamed) {
      const refused = await upload(fields);
      assert.equal(refused.status, 400, JSON.stringify(fields));
      assert.deepEqual(refused.body.errors?.map((error) => error.pointer), ['/pointer']);
    }
  });
});

describe('definition versions over restarts', () => {
  test('a changed definition becomes current, and cases sent against the old one still show, with the old validator served', async () => {
    const definitions = temporaryFolder('definitions');
    const tenants = { tenants: [{ id: 'ostra', definitionsDir: definitions, services: [] }] };
    writeFileSync(join(definitions, 'broken-lamp.json'), JSON.stringify(lampDefinition));
    const first = await startInProcess({ tenants });
    const oldHash = first.tenants[0]!.catalog.get('broken-lamp')!.hash;
    const { receipt } = await submitLamp(`${first.url}/ostra`, oldHash, 'before-the-change');
    await first.close();

    writeFileSync(join(definitions, 'broken-lamp.json'), JSON.stringify({ ...lampDefinition, version: '1.1.0', title: { sv: 'Trasig gatlampa', en: 'Broken street lamp' } }));
    const second = await startInProcess({ tenants, dataDir: first.dataDir });
    try {
      const current = second.tenants[0]!.catalog.get('broken-lamp')!;
      assert.equal(current.definition.version, '1.1.0');
      const outdated = await submitLamp(`${second.url}/ostra`, oldHash, 'after-the-change');
      assert.equal(outdated.status, 409);
      const view = await fetch(`${second.url}/ostra/api/cases/${receipt.reference}`, { headers: { authorization: `Bearer ${receipt.token}` } });
      assert.deepEqual(((await view.json()) as { serviceTitle: unknown }).serviceTitle, { sv: 'Trasig lampa', en: 'Broken lamp' }, 'the title it was sent under');
      assert.equal((await fetch(`${second.url}/ostra/api/services/broken-lamp/validator.js?hash=${oldHash}`)).status, 200);
    } finally {
      await second.close();
    }
  });

  test('refuses to start when a municipality\'s own definition is broken, naming the file and the reason', async () => {
    const definitions = temporaryFolder('definitions');
    mkdirSync(definitions, { recursive: true });
    writeFileSync(join(definitions, 'broken-lamp.json'), JSON.stringify({ ...lampDefinition, referencePrefix: 'lamp' }));
    await assert.rejects(startInProcess({ tenants: { tenants: [{ id: 'ostra', definitionsDir: definitions }] } }), /Tenant ostra: definition file .*broken-lamp\.json is refused: \/referencePrefix/);
  });
});

describe('guessing tracking codes', () => {
  test('is limited per client and per reference, so many addresses cannot share out the guesses for one case', async () => {
    // The limits count in whole minutes: start early in one, so the 24 look-ups share it.
    if (Date.now() % 60_000 > 45_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - (Date.now() % 60_000) + 100));
    const server = await startInProcess({ tenants: TWO_TENANTS, env: { TRUST_PROXY: 'true', RATE_LIMIT_LOOKUP_FAILURES: '2' } });
    try {
      const guess = (reference: string, client: string) =>
        fetch(`${server.url}/ostra/api/cases/${reference}`, { headers: { authorization: 'Bearer 0000-0000-0000', 'x-forwarded-for': client } }).then((response) => response.status);
      const statuses = [];
      for (let client = 1; client <= 11; client++) {
        statuses.push(await guess('LMP-2026-000001', `10.0.0.${client}`), await guess('LMP-2026-000001', `10.0.0.${client}`));
      }
      assert.deepEqual(statuses.slice(0, 20), Array(20).fill(404), 'two guesses from each of ten addresses');
      assert.deepEqual(statuses.slice(20), [429, 429], 'the reference has had its twenty');
      assert.equal(await guess('LMP-2026-000002', '10.0.0.12'), 404, 'other cases are still open to look-ups');
      assert.equal(await guess('LMP-2026-000002', '10.0.0.1'), 429, 'that client has had its two');
    } finally {
      await server.close();
    }
  });
});

describe('one server per data folder', () => {
  test('refuses a folder a live server uses, and takes over a pid file left behind', async () => {
    const dataDir = temporaryFolder('data');
    const first = await startInProcess({ dataDir });
    try {
      writeFileSync(join(dataDir, 'server.pid'), `${process.ppid}\n`, { mode: 0o600 }); // another live process
      await assert.rejects(startInProcess({ dataDir }), /Another server \(process \d+\) is using/);
    } finally {
      await first.close();
    }
    for (const leftover of [process.pid, 2 ** 22 + 1]) {
      // Our own pid (a container's server is always pid 1) and a pid nobody has.
      writeFileSync(join(dataDir, 'server.pid'), `${leftover}\n`);
      const again = await startInProcess({ dataDir });
      await again.close();
    }
  });
});

describe('odd requests', () => {
  let server: Awaited<ReturnType<typeof startInProcess>>;
  before(async () => {
    server = await startInProcess({ tenants: TWO_TENANTS });
  });
  after(() => server.close());

  /** A raw request line, as no fetch() would send it. */
  const raw = (path: string) =>
    new Promise<number>((resolve, reject) => {
      const socket = connect(Number(new URL(server.url).port), '127.0.0.1', () => socket.end(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1])));
      socket.on('error', reject);
    });

  test('a path starting with // stays a path: never a host, never another tenant, never a 500', async () => {
    for (const path of ['//[', '//a:99999/x', '//%zz/', '//evil.example/api/services', '//vastra/api/services']) {
      assert.equal(await raw(path), 404, path);
    }
  });

  test('a request with thousands of mistakes gets the first fifty back, not a reply larger than itself', async () => {
    const body = Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`member${index}`, 0]));
    const response = await fetch(`${server.url}/ostra/api/services/broken-lamp/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'many-mistakes-1' },
      body: JSON.stringify(body),
    });
    const problem = (await response.json()) as { errors: unknown[]; truncated?: boolean };
    assert.equal(response.status, 400);
    assert.equal(problem.errors.length, 50);
    assert.equal(problem.truncated, true);
  });
});

describe('starting and restarting', () => {
  test('a start that fails (port taken) leaves the data folder free for the next try', async () => {
    const running = await startInProcess();
    const dataDir = temporaryFolder('data');
    try {
      await assert.rejects(startInProcess({ dataDir, env: { PORT: new URL(running.url).port } }), /EADDRINUSE/);
      const next = await startInProcess({ dataDir });
      await next.close();
    } finally {
      await running.close();
    }
  });

  test('attachment files a crash left without a row are removed at the next start', async () => {
    const first = await startInProcess();
    const kept = await first.blobs.put(new Uint8Array([1, 2, 3]));
    await first.storage.createUpload({ tenant: 'default', id: 'kept-upload', mediaType: 'image/png', size: 3, blobKey: kept, createdAt: new Date().toISOString() });
    const orphan = await first.blobs.put(new Uint8Array([4, 5, 6])); // as if the process died before its row
    await first.close();
    const second = await startInProcess({ dataDir: first.dataDir });
    try {
      assert.deepEqual(await second.blobs.keys(), [kept]);
      assert.equal(await second.blobs.get(orphan), undefined);
    } finally {
      await second.close();
    }
  });
});
