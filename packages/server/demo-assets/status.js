// "Follow your case" on the demo site (served as `{base}/demo/status.js`, loaded with
// type="module"). Looks a case up with `GET {base}/api/cases/{reference}` and
// `Authorization: Bearer <link token or typed tracking code>`, and shows its status and
// timeline. With `?reference=…#token=…` (the receipt's link) it looks the case up at once
// and takes the token out of the address, so it does not stay in the history.
//
// Plain JavaScript, no build step. The exports are DOM-free helpers, imported by the
// server's Node tests; the page part runs only where there is a document. The DOM is
// built with createElement and textContent only: server texts are never parsed as HTML.

/** @typedef {'sv' | 'en'} Locale */

export const STRINGS = {
  sv: {
    loading: 'Hämtar ärendet …',
    yourCase: 'Ditt ärende',
    reference: 'Ärendenummer',
    status: 'Status',
    submitted: 'Skickat',
    expected: 'Beräknas vara handlagt senast',
    history: 'Händelser i ärendet',
    errorPrefix: 'Fel: ',
    missingReference: 'Skriv ärendenumret.',
    missingCode: 'Skriv spårningskoden.',
    'not-found':
      'Inget ärende matchar det här ärendenumret och den här koden. Kontrollera att du har skrivit av båda rätt från kvittot.',
    'invalid-code': 'Spårningskoden innehåller tecken som inte finns i en kod. Den ser ut så här: 7KQ4-M2XD-9TPA.',
    'rate-limited': 'För många försök just nu. Vänta en stund och försök sedan igen.',
    network: 'Vi fick ingen kontakt med servern. Kontrollera din anslutning och försök igen.',
    server: 'Ärendet kan inte visas just nu på grund av ett fel hos oss. Försök igen senare.',
  },
  en: {
    loading: 'Fetching the case …',
    yourCase: 'Your case',
    reference: 'Case reference',
    status: 'Status',
    submitted: 'Sent',
    expected: 'Expected to be handled by',
    history: 'Case history',
    errorPrefix: 'Error: ',
    missingReference: 'Enter the case reference.',
    missingCode: 'Enter the tracking code.',
    'not-found': 'No case matches this reference and code. Check that you have copied both correctly from your receipt.',
    'invalid-code': 'The tracking code contains characters that are not in any code. It looks like this: 7KQ4-M2XD-9TPA.',
    'rate-limited': 'Too many attempts right now. Wait a moment and then try again.',
    network: 'We could not reach the server. Check your connection and try again.',
    server: 'The case cannot be shown right now because of an error on our side. Try again later.',
  },
};

const INTL_TAGS = { sv: 'sv-SE', en: 'en-GB' };
/** Printable ASCII without surrounding space: what can travel in a header. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const DEFAULT_TIMEOUT_MS = 30000;

/**
 * The page's locale from a language tag (`<html lang>`): `en`, `en-GB` → 'en'; anything
 * else → 'sv', as the elements do.
 * @param {string | null | undefined} tag
 * @returns {Locale}
 */
export function pageLocale(tag) {
  const language = String(tag ?? '').trim().toLowerCase().split(/[-_]/)[0];
  return language === 'en' ? 'en' : 'sv';
}

/**
 * What the address says: the `reference` query parameter, the `token` of the fragment, and
 * the address to show instead (the same without the token; equal to `href` when it has none).
 * @param {string} href
 * @returns {{ reference: string | undefined, token: string | undefined, cleanUrl: string }}
 */
export function readLink(href) {
  const url = new URL(href);
  const reference = url.searchParams.get('reference')?.trim() || undefined;
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  if (!fragment.has('token')) return { reference, token: undefined, cleanUrl: url.href };
  const token = fragment.get('token')?.trim() || undefined;
  fragment.delete('token');
  const rest = fragment.toString();
  url.hash = rest === '' ? '' : `#${rest}`;
  return { reference, token, cleanUrl: url.href };
}

/**
 * A reference as typed, tidied: surrounding space dropped, upper case (the server matches
 * it case-insensitively either way).
 * @param {string} text
 */
export function normalizeReference(text) {
  return String(text ?? '').trim().toUpperCase();
}

/**
 * The case's URL under the tenant base ('' at the root, '/ostra' for a prefixed tenant).
 * @param {string} base
 * @param {string} reference
 */
export function caseUrl(base, reference) {
  return `${String(base ?? '').replace(/\/+$/, '')}/api/cases/${encodeURIComponent(reference)}`;
}

/**
 * Localized text (`{ sv, en }`, maybe only the definition's default language) or a plain
 * string, in `locale` if present, else Swedish, else any language given.
 * @param {unknown} text
 * @param {Locale} locale
 * @returns {string}
 */
export function localized(text, locale) {
  if (typeof text === 'string') return text;
  if (typeof text !== 'object' || text === null) return '';
  const record = /** @type {Record<string, unknown>} */ (text);
  for (const key of [locale, 'sv', 'en']) if (typeof record[key] === 'string') return /** @type {string} */ (record[key]);
  const any = Object.values(record).find((value) => typeof value === 'string');
  return typeof any === 'string' ? any : '';
}

/**
 * A calendar date (`2026-03-16`) in words: "måndag 16 mars 2026", "Monday 16 March 2026".
 * Formatted in UTC, so the day never shifts with the reader's time zone. Anything else is
 * returned as it is.
 * @param {string} isoDate
 * @param {Locale} locale
 */
export function formatDate(isoDate, locale) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(isoDate));
  if (!match) return String(isoDate);
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return String(isoDate);
  return new Intl.DateTimeFormat(INTL_TAGS[locale], { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/**
 * A moment (`2026-03-10T13:05:00Z`) as date and time of day, in the municipality's time
 * zone by default: "10 mars 2026 kl. 14:05", "10 March 2026 at 14:05".
 * @param {string} isoDateTime
 * @param {Locale} locale
 * @param {string} [timeZone]
 */
export function formatDateTime(isoDateTime, locale, timeZone = 'Europe/Stockholm') {
  const date = new Date(String(isoDateTime));
  if (Number.isNaN(date.getTime())) return String(isoDateTime);
  return new Intl.DateTimeFormat(INTL_TAGS[locale], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

/** @param {unknown} value */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function isStatusView(value) {
  return isObject(value) && (typeof value.label === 'string' || isObject(value.label));
}

/**
 * Whether a response body has what the page shows of a CitizenCaseView
 * (docs/openapi.yaml): enough to render without surprises, not a full contract check.
 * @param {unknown} value
 */
export function isCaseView(value) {
  return (
    isObject(value) &&
    typeof value.reference === 'string' &&
    isStatusView(value.status) &&
    typeof value.expectedBy === 'string' &&
    Array.isArray(value.timeline) &&
    value.timeline.every((entry) => isObject(entry) && isStatusView(entry.status) && typeof entry.at === 'string')
  );
}

/**
 * Looks a case up. Never throws.
 * Resolves to `{ ok: true, view }` or `{ ok: false, kind }`, kind one of 'not-found' (404,
 * 410, 401), 'invalid-code' (a secret that cannot be sent; no request made),
 * 'rate-limited' (429, with `retryAfter` seconds when given), 'network' (no answer, or
 * none within the timeout), 'server' (anything else).
 * @param {{ base: string, reference: string, secret: string, fetch?: typeof fetch, timeoutMs?: number }} request
 */
export async function lookupCase({ base, reference, secret, fetch: fetcher = (input, init) => globalThis.fetch(input, init), timeoutMs = DEFAULT_TIMEOUT_MS }) {
  const trimmed = String(secret ?? '').trim();
  if (!HEADER_SAFE.test(trimmed)) return { ok: false, kind: 'invalid-code' };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetcher(caseUrl(base, normalizeReference(reference)), {
      method: 'GET',
      headers: { Accept: 'application/json, application/problem+json', Authorization: `Bearer ${trimmed}` },
      credentials: 'omit',
      cache: 'no-store',
      signal: controller.signal,
    });
    if (response.status === 200) {
      let body;
      try {
        body = await response.json();
      } catch {
        return { ok: false, kind: 'server' };
      }
      return isCaseView(body) ? { ok: true, view: body } : { ok: false, kind: 'server' };
    }
    if (response.status === 404 || response.status === 410 || response.status === 401) return { ok: false, kind: 'not-found' };
    if (response.status === 429) {
      const seconds = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
      return Number.isFinite(seconds) && seconds >= 0 ? { ok: false, kind: 'rate-limited', retryAfter: seconds } : { ok: false, kind: 'rate-limited' };
    }
    return { ok: false, kind: 'server' };
  } catch {
    return { ok: false, kind: 'network' };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The message for a failed look-up.
 * @param {string} kind
 * @param {Locale} locale
 */
export function failureMessage(kind, locale) {
  const strings = STRINGS[locale];
  return kind in strings ? strings[/** @type {keyof typeof strings} */ (kind)] : strings.server;
}

// ---------------------------------------------------------------- the page

/**
 * @param {string} tag
 * @param {string} [text]
 * @param {string} [className]
 */
function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className !== undefined) node.className = className;
  return node;
}

function start() {
  const root = document.documentElement;
  const locale = pageLocale(root.getAttribute('lang'));
  const text = STRINGS[locale];
  const base = root.dataset.base ?? document.querySelector('main[data-base]')?.getAttribute('data-base') ?? '';
  const form = document.getElementById('status-form');
  const referenceInput = /** @type {HTMLInputElement | null} */ (document.getElementById('status-reference'));
  const codeInput = /** @type {HTMLInputElement | null} */ (document.getElementById('status-code'));
  const live = document.getElementById('status-live');
  const errorBox = document.getElementById('status-error');
  const result = document.getElementById('status-result');
  if (!form || !referenceInput || !codeInput || !live || !errorBox || !result) return;

  // The token leaves the address before anything else happens; it is kept in memory only,
  // so the form can try again with it (the code field stays empty).
  const link = readLink(window.location.href);
  if (link.cleanUrl !== window.location.href) window.history.replaceState(window.history.state, '', link.cleanUrl);
  if (link.reference !== undefined) referenceInput.value = normalizeReference(link.reference);
  const linkSecret = link.reference !== undefined && link.token !== undefined ? { reference: normalizeReference(link.reference), token: link.token } : undefined;

  let current = 0;

  /** @param {HTMLInputElement} input @param {string | undefined} message */
  const setFieldError = (input, message) => {
    const id = `${input.id}-error`;
    document.getElementById(id)?.remove();
    const described = (input.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((token) => token !== '' && token !== id);
    if (message === undefined) {
      input.removeAttribute('aria-invalid');
    } else {
      const error = element('p', undefined, 'field-error');
      error.id = id;
      error.append(element('span', text.errorPrefix, 'field-error-prefix'), message);
      input.before(error);
      input.setAttribute('aria-invalid', 'true');
      described.push(id);
    }
    input.setAttribute('aria-describedby', described.join(' '));
  };

  /** @param {string} message */
  const showError = (message) => {
    live.textContent = '';
    const paragraph = element('p', undefined, 'status-error-text');
    paragraph.append(element('strong', text.errorPrefix), message);
    errorBox.replaceChildren(paragraph);
  };

  /** @param {Record<string, any>} view */
  const showCase = (view) => {
    const heading = element('h2', localized(view.serviceTitle, locale) || text.yourCase);
    heading.id = 'status-result-heading';
    heading.tabIndex = -1;

    const facts = element('dl', undefined, 'case-facts');
    /** @param {string} term @param {Node | string} value */
    const fact = (term, value) => {
      const row = element('div');
      const dd = element('dd');
      dd.append(value);
      row.append(element('dt', term), dd);
      facts.append(row);
    };
    const time = (/** @type {string} */ iso, /** @type {string} */ shown) => {
      const node = element('time', shown);
      node.setAttribute('datetime', iso);
      return node;
    };
    fact(text.reference, view.reference);
    const statusValue = element('span');
    statusValue.append(element('strong', localized(view.status.label, locale)));
    const description = localized(view.status.description, locale);
    if (description !== '') statusValue.append(element('span', description, 'status-description'));
    fact(text.status, statusValue);
    if (typeof view.submittedAt === 'string') fact(text.submitted, time(view.submittedAt, formatDateTime(view.submittedAt, locale)));
    fact(text.expected, time(view.expectedBy, formatDate(view.expectedBy, locale)));

    const historyHeading = element('h3', text.history);
    const timeline = element('ol', undefined, 'timeline');
    for (const entry of view.timeline) {
      const item = element('li');
      const when = element('p', undefined, 'timeline-when');
      when.append(time(entry.at, formatDateTime(entry.at, locale)));
      item.append(when, element('p', localized(entry.status.label, locale), 'timeline-status'));
      const message = localized(entry.message, locale);
      if (message !== '') item.append(element('p', message, 'timeline-message'));
      timeline.append(item);
    }

    result.setAttribute('aria-labelledby', heading.id);
    result.replaceChildren(heading, facts, historyHeading, timeline);
    result.hidden = false;
    live.textContent = '';
    heading.focus();
  };

  /** @param {string} reference @param {string} secret */
  const look = async (reference, secret) => {
    const attempt = ++current;
    errorBox.replaceChildren();
    result.hidden = true;
    result.replaceChildren();
    live.textContent = text.loading;
    const outcome = await lookupCase({ base, reference, secret });
    if (attempt !== current) return; // a newer look-up started meanwhile
    if (outcome.ok) showCase(outcome.view);
    else showError(failureMessage(outcome.kind, locale));
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const reference = normalizeReference(referenceInput.value);
    const code = codeInput.value.trim();
    const useLink = code === '' && linkSecret !== undefined && linkSecret.reference === reference;
    setFieldError(referenceInput, reference === '' ? text.missingReference : undefined);
    setFieldError(codeInput, code === '' && !useLink ? text.missingCode : undefined);
    if (reference === '' || (code === '' && !useLink)) {
      live.textContent = '';
      errorBox.replaceChildren();
    }
    if (reference === '') return referenceInput.focus();
    if (code === '' && !useLink) return codeInput.focus();
    void look(reference, useLink ? linkSecret.token : code);
  });

  if (linkSecret !== undefined) void look(linkSecret.reference, linkSecret.token);
}

if (typeof document !== 'undefined' && typeof window !== 'undefined') start();
