/**
 * The demo municipality site: the plain pages a small municipality's web editor would
 * make by pasting the documented snippet (docs/embedding.md) into a CMS. Server-rendered
 * HTML that works under the server's strict CSP: no inline script, no `style` attribute,
 * no inline event handlers; every configured text is escaped.
 *
 * URLs, all under the tenant's `basePath` ('' at the root, else e.g. '/ostra'):
 * - `/` and `/en/`: the list of e-services;
 * - `/e-tjanster/{id}` and `/en/e-services/{id}`: one e-service with `<es-service>`;
 * - `/status` and `/en/status`: "Follow your case" (driven by `demo/status.js`);
 * - assets `/demo/demo.css`, `/demo/status.js`, the bundle `/eservice-kit.js` and,
 *   when the tenant has one, `/branding.css`.
 */

export interface DemoService {
  readonly id: string;
  readonly title: { sv: string; en: string };
  readonly description: { sv: string; en: string };
  readonly handlingDays: number;
}

export interface DemoTenant {
  /** '' for a tenant served at the root, else '/ostra'. Every link and src is under it. */
  readonly basePath: string;
  readonly name: { sv: string; en: string };
  readonly services: readonly DemoService[];
  /** Whether `${basePath}/branding.css` exists (tenant branding tokens); link it if so. */
  readonly hasBranding: boolean;
}

export type DemoPage = { kind: 'index' } | { kind: 'service'; serviceId: string } | { kind: 'status' };

type Locale = 'sv' | 'en';

const TEXT = {
  sv: {
    languageName: 'Svenska',
    skip: 'Hoppa till innehållet',
    navLabel: 'Huvudmeny',
    eservices: 'E-tjänster',
    follow: 'Följ ditt ärende',
    indexIntro: (name: string) => `Här gör du ärenden hos ${name} när det passar dig, dygnet runt.`,
    handling: (days: number) => `Handläggningstid: ${days} ${days === 1 ? 'arbetsdag' : 'arbetsdagar'}`,
    followIntro: 'Har du skickat in ett ärende? Med ärendenumret och spårningskoden från kvittot ser du hur det går.',
    followLink: 'Se hur det går för ditt ärende',
    noServices: 'Det finns inga e-tjänster just nu.',
    serviceNoscript: 'Formuläret behöver JavaScript. Slå på JavaScript i webbläsaren, eller kontakta kommunen.',
    statusIntro:
      'Skriv ärendenumret och spårningskoden från kvittot du fick när du skickade in ärendet. Följer du länken i kvittot visas ärendet direkt.',
    referenceLabel: 'Ärendenummer',
    referenceHint: ['Står på kvittot, till exempel ', 'FEL-2026-000123', '.'],
    codeLabel: 'Spårningskod',
    codeHint: ['Tolv tecken från kvittot, till exempel ', '7KQ4-M2XD-9TPA', '.'],
    show: 'Visa ärendet',
    statusNoscript: 'Sidan behöver JavaScript för att visa ditt ärende. Slå på JavaScript i webbläsaren, eller kontakta kommunen.',
    footer: 'E-tjänster med eservice-kit.',
  },
  en: {
    languageName: 'English',
    skip: 'Skip to content',
    navLabel: 'Main menu',
    eservices: 'E-services',
    follow: 'Follow your case',
    indexIntro: (name: string) => `Contact ${name} online whenever it suits you, day or night.`,
    handling: (days: number) => `Handling time: ${days} ${days === 1 ? 'working day' : 'working days'}`,
    followIntro: 'Have you sent in a case? With the reference and the tracking code from your receipt you can see how it is going.',
    followLink: 'See how your case is going',
    noServices: 'There are no e-services at the moment.',
    serviceNoscript: 'The form needs JavaScript. Turn on JavaScript in your browser, or contact the municipality.',
    statusIntro:
      'Enter the reference and the tracking code from the receipt you got when you sent in your case. If you follow the link in the receipt, the case is shown straight away.',
    referenceLabel: 'Case reference',
    referenceHint: ['On your receipt, for example ', 'FEL-2026-000123', '.'],
    codeLabel: 'Tracking code',
    codeHint: ['Twelve characters from your receipt, for example ', '7KQ4-M2XD-9TPA', '.'],
    show: 'Show the case',
    statusNoscript: 'This page needs JavaScript to show your case. Turn on JavaScript in your browser, or contact the municipality.',
    footer: 'E-services by eservice-kit.',
  },
} as const;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML text and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return String(value).replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}

const BASE_PATH = /^(?:\/[A-Za-z0-9._~%-]+)*$/;

/** `basePath` without trailing slashes ('/' → ''); throws for anything that is not a plain path prefix. */
function normalizeBase(basePath: string): string {
  const base = basePath.replace(/\/+$/, '');
  if (!BASE_PATH.test(base)) throw new RangeError(`demo site: basePath must be '' or like '/ostra', not ${JSON.stringify(basePath)}`);
  return base;
}

/** The path of `page` in `locale` under `base` (not escaped). */
export function demoPagePath(basePath: string, page: DemoPage, locale: Locale): string {
  const base = normalizeBase(basePath);
  const en = locale === 'en';
  switch (page.kind) {
    case 'index':
      return en ? `${base}/en/` : `${base}/`;
    case 'service':
      return `${base}${en ? '/en/e-services/' : '/e-tjanster/'}${encodeURIComponent(page.serviceId)}`;
    case 'status':
      return `${base}${en ? '/en/status' : '/status'}`;
  }
}

/**
 * The `api` attribute for the tenant: its base path, relative to the page's origin. The
 * elements resolve it against the page (`new URL(api + '/', location)`), so `/ostra` means
 * this origin's `/ostra/api/…`; the root tenant gets `/`, since an empty `api` reads as
 * "not configured".
 */
export function demoApiAttribute(basePath: string): string {
  const base = normalizeBase(basePath);
  return base === '' ? '/' : base;
}

interface Frame {
  readonly title: string;
  readonly current: 'index' | 'status' | undefined;
  readonly head?: string;
  /** A `Referrer-Policy` for the page, set before anything loads. */
  readonly referrer?: string;
  readonly main: string;
}

function layout(tenant: DemoTenant, base: string, page: DemoPage, locale: Locale, frame: Frame): string {
  const t = TEXT[locale];
  const other: Locale = locale === 'sv' ? 'en' : 'sv';
  const name = escapeHtml(tenant.name[locale]);
  const here = escapeHtml(demoPagePath(base, page, locale));
  const there = escapeHtml(demoPagePath(base, page, other));
  const navItem = (target: 'index' | 'status', label: string) => {
    const current = frame.current === target ? ' aria-current="page"' : '';
    return `<li><a href="${escapeHtml(demoPagePath(base, { kind: target }, locale))}"${current}>${escapeHtml(label)}</a></li>`;
  };
  const referrer = frame.referrer === undefined ? '' : `\n<meta name="referrer" content="${escapeHtml(frame.referrer)}">`;
  const branding = tenant.hasBranding ? `\n<link rel="stylesheet" href="${escapeHtml(`${base}/branding.css`)}">` : '';
  return `<!doctype html>
<html lang="${locale}" dir="ltr" data-base="${escapeHtml(base)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">${referrer}
<link rel="icon" href="data:,">
<title>${escapeHtml(frame.title)} – ${name}</title>
<link rel="alternate" hreflang="${locale}" href="${here}">
<link rel="alternate" hreflang="${other}" href="${there}">
<link rel="stylesheet" href="${escapeHtml(`${base}/demo/demo.css`)}">${branding}${frame.head ?? ''}
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(t.skip)}</a>
<header class="site-header">
<div class="container site-header-inner">
<a class="site-name" href="${escapeHtml(demoPagePath(base, { kind: 'index' }, locale))}">${name}</a>
<nav aria-label="${escapeHtml(t.navLabel)}">
<ul class="nav-list">
${navItem('index', t.eservices)}
${navItem('status', t.follow)}
<li><a class="language-switch" href="${there}" hreflang="${other}" lang="${other}">${escapeHtml(TEXT[other].languageName)}</a></li>
</ul>
</nav>
</div>
</header>
<main id="main" class="container" tabindex="-1">
${frame.main}
</main>
<footer class="site-footer">
<div class="container">
<p>${escapeHtml(t.footer)}</p>
</div>
</footer>
</body>
</html>
`;
}

function indexMain(tenant: DemoTenant, base: string, locale: Locale): string {
  const t = TEXT[locale];
  const items = tenant.services.map((service) => {
    const href = escapeHtml(demoPagePath(base, { kind: 'service', serviceId: service.id }, locale));
    return `<li class="service-card">
<h2><a href="${href}">${escapeHtml(service.title[locale])}</a></h2>
<p>${escapeHtml(service.description[locale])}</p>
<p class="handling-time">${escapeHtml(t.handling(service.handlingDays))}</p>
</li>`;
  });
  const list = items.length > 0 ? `<ul class="service-list">\n${items.join('\n')}\n</ul>` : `<p>${escapeHtml(t.noServices)}</p>`;
  return `<h1>${escapeHtml(t.eservices)}</h1>
<p class="lead">${escapeHtml(t.indexIntro(tenant.name[locale]))}</p>
${list}
<section class="follow" aria-labelledby="follow-heading">
<h2 id="follow-heading">${escapeHtml(t.follow)}</h2>
<p>${escapeHtml(t.followIntro)}</p>
<p><a href="${escapeHtml(demoPagePath(base, { kind: 'status' }, locale))}">${escapeHtml(t.followLink)}</a></p>
</section>`;
}

function serviceMain(service: DemoService, base: string, locale: Locale): string {
  const t = TEXT[locale];
  // The element shows the title (as the page's h1), the description and the handling time
  // itself; an editor's page around it adds nothing but the way back.
  return `<p class="back"><a href="${escapeHtml(demoPagePath(base, { kind: 'index' }, locale))}">${escapeHtml(t.eservices)}</a></p>
<es-service service="${escapeHtml(service.id)}" api="${escapeHtml(demoApiAttribute(base))}" heading-level="1"></es-service>
<noscript><h1>${escapeHtml(service.title[locale])}</h1><p class="notice">${escapeHtml(t.serviceNoscript)}</p></noscript>`;
}

/** A hint whose example code must not break across lines on a phone. */
function withExample([before, example, after]: readonly [string, string, string]): string {
  return `${escapeHtml(before)}<span class="example">${escapeHtml(example)}</span>${escapeHtml(after)}`;
}

function statusMain(locale: Locale): string {
  const t = TEXT[locale];
  // The code field has no name: without the script, submitting must never put the
  // tracking code into the address (history, logs). The reference is harmless there.
  return `<h1>${escapeHtml(t.follow)}</h1>
<p class="lead">${escapeHtml(t.statusIntro)}</p>
<noscript><p class="notice">${escapeHtml(t.statusNoscript)}</p></noscript>
<form id="status-form" class="status-form" method="get" novalidate>
<div class="field">
<label for="status-reference">${escapeHtml(t.referenceLabel)}</label>
<p class="hint" id="status-reference-hint">${withExample(t.referenceHint)}</p>
<input id="status-reference" name="reference" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" inputmode="text" maxlength="32" aria-describedby="status-reference-hint">
</div>
<div class="field">
<label for="status-code">${escapeHtml(t.codeLabel)}</label>
<p class="hint" id="status-code-hint">${withExample(t.codeHint)}</p>
<input id="status-code" type="text" autocomplete="off" autocapitalize="characters" spellcheck="false" inputmode="text" maxlength="64" aria-describedby="status-code-hint">
</div>
<button type="submit">${escapeHtml(t.show)}</button>
</form>
<p id="status-live" class="status-live" role="status"></p>
<div id="status-error" class="status-error" role="alert"></div>
<section id="status-result" class="status-result" hidden></section>`;
}

/** Full HTML document, or undefined for an unknown service. */
export function renderDemoPage(tenant: DemoTenant, page: DemoPage, locale: 'sv' | 'en'): string | undefined {
  const base = normalizeBase(tenant.basePath);
  const t = TEXT[locale];
  switch (page.kind) {
    case 'index':
      return layout(tenant, base, page, locale, { title: t.eservices, current: 'index', main: indexMain(tenant, base, locale) });
    case 'service': {
      const service = tenant.services.find((candidate) => candidate.id === page.serviceId);
      if (service === undefined) return undefined;
      return layout(tenant, base, page, locale, {
        title: service.title[locale],
        current: undefined,
        head: `\n<script type="module" src="${escapeHtml(`${base}/eservice-kit.js`)}"></script>`,
        main: serviceMain(service, base, locale),
      });
    }
    case 'status':
      return layout(tenant, base, page, locale, {
        title: t.follow,
        current: 'status',
        // The address may carry the case reference: keep it out of Referer headers.
        referrer: 'no-referrer',
        head: `\n<script type="module" src="${escapeHtml(`${base}/demo/status.js`)}"></script>`,
        main: statusMain(locale),
      });
  }
}
