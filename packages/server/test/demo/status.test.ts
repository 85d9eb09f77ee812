// The DOM-free helpers of demo-assets/status.js (the page part runs only in a browser and
// is covered by the browser test). The file is plain JavaScript without declarations, so it
// is imported by URL and typed here.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';

type Locale = 'sv' | 'en';
type Outcome = { ok: true; view: Record<string, unknown> } | { ok: false; kind: string; retryAfter?: number };
interface StatusModule {
  STRINGS: Record<Locale, Record<string, string>>;
  pageLocale(tag: string | null | undefined): Locale;
  readLink(href: string): { reference: string | undefined; token: string | undefined; cleanUrl: string };
  normalizeReference(text: string): string;
  caseUrl(base: string, reference: string): string;
  localized(text: unknown, locale: Locale): string;
  formatDate(isoDate: string, locale: Locale): string;
  formatDateTime(isoDateTime: string, locale: Locale, timeZone?: string): string;
  isCaseView(value: unknown): boolean;
  lookupCase(request: { base: string; reference: string; secret: string; fetch?: typeof fetch; timeoutMs?: number }): Promise<Outcome>;
  failureMessage(kind: string, locale: Locale): string;
}

const status = (await import(new URL('../../demo-assets/status.js', import.meta.url).href)) as StatusModule;

const view = {
  reference: 'FEL-2026-000123',
  serviceId: 'fault-report',
  serviceTitle: { sv: 'Felanmälan', en: 'Report a fault' },
  status: { id: 'in-progress', label: { sv: 'Under handläggning', en: 'In progress' }, open311: 'open', final: false },
  timeline: [
    { status: { id: 'received', label: { sv: 'Mottagen', en: 'Received' }, open311: 'open', final: false }, at: '2026-03-09T08:00:00Z' },
    { status: { id: 'in-progress', label: { sv: 'Under handläggning', en: 'In progress' }, open311: 'open', final: false }, at: '2026-03-10T13:05:00Z', message: 'Vi tittar på det.' },
  ],
  submittedAt: '2026-03-09T08:00:00Z',
  expectedBy: '2026-03-16',
};

interface Call {
  readonly url: string;
  readonly init: RequestInit | undefined;
}

function fakeFetch(respond: (call: Call) => Response | Promise<Response>): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    const call = { url: String(input), init };
    calls.push(call);
    return respond(call);
  }) as typeof fetch;
  return { fetch: fetcher, calls };
}

const json = (body: unknown, statusCode = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status: statusCode, headers: { 'content-type': statusCode === 200 ? 'application/json' : 'application/problem+json', ...headers } });

describe('status.js helpers', () => {
  it('reads the reference and the token from the receipt link, and drops the token', () => {
    const link = status.readLink('https://kommun.example/ostra/status?reference=FEL-2026-000123#token=q5cD0Jm3l8Z8n4Xb1r6T2wYvKpQe9sHa0uFgLiNo3cE');
    assert.equal(link.reference, 'FEL-2026-000123');
    assert.equal(link.token, 'q5cD0Jm3l8Z8n4Xb1r6T2wYvKpQe9sHa0uFgLiNo3cE');
    assert.equal(link.cleanUrl, 'https://kommun.example/ostra/status?reference=FEL-2026-000123');
    assert.ok(!link.cleanUrl.includes('#'));

    const other = status.readLink('https://kommun.example/status?reference=FEL-2026-000123#token=abc&x=1');
    assert.equal(other.cleanUrl, 'https://kommun.example/status?reference=FEL-2026-000123#x=1', 'other fragment parameters stay');

    const plain = status.readLink('https://kommun.example/en/status?reference=fel-2026-000123');
    assert.deepEqual(plain, { reference: 'fel-2026-000123', token: undefined, cleanUrl: 'https://kommun.example/en/status?reference=fel-2026-000123' });

    const empty = status.readLink('https://kommun.example/status#token=');
    assert.deepEqual(empty, { reference: undefined, token: undefined, cleanUrl: 'https://kommun.example/status' });
  });

  it('picks the page locale like the elements do', () => {
    assert.equal(status.pageLocale('en'), 'en');
    assert.equal(status.pageLocale('en-GB'), 'en');
    assert.equal(status.pageLocale('sv-SE'), 'sv');
    assert.equal(status.pageLocale('fi'), 'sv');
    assert.equal(status.pageLocale(null), 'sv');
  });

  it('builds the case URL under the tenant base', () => {
    assert.equal(status.caseUrl('', 'FEL-2026-000123'), '/api/cases/FEL-2026-000123');
    assert.equal(status.caseUrl('/ostra', 'FEL-2026-000123'), '/ostra/api/cases/FEL-2026-000123');
    assert.equal(status.caseUrl('/ostra/', 'a/b?c'), '/ostra/api/cases/a%2Fb%3Fc');
    assert.equal(status.normalizeReference('  fel-2026-000123 '), 'FEL-2026-000123');
  });

  it('picks localized texts with fallbacks', () => {
    assert.equal(status.localized({ sv: 'Mottagen', en: 'Received' }, 'en'), 'Received');
    assert.equal(status.localized({ sv: 'Mottagen' }, 'en'), 'Mottagen');
    assert.equal(status.localized({ de: 'Erhalten' }, 'sv'), 'Erhalten');
    assert.equal(status.localized('as written', 'en'), 'as written');
    assert.equal(status.localized(undefined, 'sv'), '');
  });

  it('writes dates in words in the page language', () => {
    assert.match(status.formatDate('2026-03-16', 'sv'), /^måndag 16 mars 2026$/);
    assert.match(status.formatDate('2026-03-16', 'en'), /^Monday,? 16 March 2026$/);
    assert.equal(status.formatDate('not a date', 'sv'), 'not a date');
    // 23:30 UTC on the 9th is already the 10th in Stockholm.
    assert.match(status.formatDateTime('2026-03-09T23:30:00Z', 'sv'), /^10 mars 2026.*00:30$/);
    assert.match(status.formatDateTime('2026-03-10T13:05:00Z', 'en'), /^10 March 2026.*14:05$/);
  });

  it('looks a case up with the secret as a bearer token', async () => {
    const { fetch, calls } = fakeFetch(() => json(view));
    const outcome = await status.lookupCase({ base: '/ostra', reference: ' fel-2026-000123', secret: ' 7KQ4-M2XD-9TPA ', fetch });
    assert.deepEqual(outcome, { ok: true, view });
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.url, '/ostra/api/cases/FEL-2026-000123');
    const headers = new Headers(calls[0]!.init?.headers);
    assert.equal(headers.get('authorization'), 'Bearer 7KQ4-M2XD-9TPA');
    assert.equal(calls[0]!.init?.method, 'GET');
    assert.equal(calls[0]!.init?.credentials, 'omit');
  });

  it('maps failures to what the page says', async () => {
    const cases: [() => Response | Promise<Response>, Outcome][] = [
      [() => json({ type: 'urn:eservice-kit:problem:case-not-found', title: 'Case not found', status: 404 }, 404), { ok: false, kind: 'not-found' }],
      [() => json({ type: 'urn:eservice-kit:problem:rate-limited', title: 'Too many', status: 429 }, 429, { 'retry-after': '30' }), { ok: false, kind: 'rate-limited', retryAfter: 30 }],
      [() => json({}, 429), { ok: false, kind: 'rate-limited' }],
      [() => json({ status: 500 }, 500), { ok: false, kind: 'server' }],
      [() => json({ reference: 'FEL-2026-000123' }), { ok: false, kind: 'server' }],
      [() => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }), { ok: false, kind: 'server' }],
      [() => Promise.reject(new TypeError('Failed to fetch')), { ok: false, kind: 'network' }],
    ];
    for (const [respond, expected] of cases) {
      const { fetch } = fakeFetch(respond);
      assert.deepEqual(await status.lookupCase({ base: '', reference: 'FEL-2026-000123', secret: 'code', fetch }), expected);
    }
  });

  it('gives up after the timeout, and sends no unsendable secret', async () => {
    const hanging = fakeFetch(
      ({ init }) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    assert.deepEqual(await status.lookupCase({ base: '', reference: 'FEL-2026-000123', secret: 'code', fetch: hanging.fetch, timeoutMs: 5 }), { ok: false, kind: 'network' });

    const { fetch, calls } = fakeFetch(() => json(view));
    for (const secret of ['', '   ', 'ÅÄÖ1-2345-6789', 'a\nb']) {
      assert.deepEqual(await status.lookupCase({ base: '', reference: 'FEL-2026-000123', secret, fetch }), { ok: false, kind: 'invalid-code' });
    }
    assert.equal(calls.length, 0);
  });

  it('accepts what the contract allows of a case view, and refuses what it cannot show', () => {
    assert.ok(status.isCaseView(view));
    assert.ok(status.isCaseView({ ...view, serviceTitle: undefined, timeline: [{ ...view.timeline[0], message: { en: 'Hi' } }] }));
    assert.ok(!status.isCaseView({ ...view, timeline: 'none' }));
    assert.ok(!status.isCaseView({ ...view, status: null }));
    assert.ok(!status.isCaseView({ ...view, timeline: [{ at: '2026-03-09T08:00:00Z' }] }));
    assert.ok(!status.isCaseView(null));
  });

  it('has every message in Swedish and English', () => {
    assert.deepEqual(Object.keys(status.STRINGS.sv).sort(), Object.keys(status.STRINGS.en).sort());
    for (const locale of ['sv', 'en'] as const) {
      for (const [key, value] of Object.entries(status.STRINGS[locale])) assert.ok(value.trim() !== '', `${locale}.${key}`);
    }
    assert.match(status.failureMessage('not-found', 'en'), /^No case matches this reference and code/);
    assert.match(status.failureMessage('not-found', 'sv'), /^Inget ärende matchar/);
    assert.match(status.failureMessage('rate-limited', 'en'), /try again/);
    assert.equal(status.failureMessage('something-else', 'sv'), status.STRINGS.sv.server);
  });
});
