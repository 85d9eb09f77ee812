/**
 * The fetch-based client of the HTTP contract (docs/openapi.yaml), implementing core's
 * `Transport`. DOM-free apart from fetch, AbortController, FormData and Blob, so it runs
 * in browsers and in Node 20 alike.
 */
import {
  IDEMPOTENCY_KEY_PATTERN,
  failureKindForStatus,
  isCatalog,
  isCitizenCaseView,
  isCreated,
  isEventsAccepted,
  isJsonObject,
  isReceipt,
  isUploadResult,
  isProblem,
  parseRetryAfter,
  problemType,
} from '@eservice-kit/core';
import type {
  Catalog,
  CitizenCaseView,
  Created,
  DefinitionFetch,
  DefinitionOptions,
  EventOptions,
  EventsAccepted,
  FeedbackRequest,
  Problem,
  Receipt,
  RequestOptions,
  SubmitOptions,
  SubmitRequest,
  SurveyResponseRequest,
  Transport,
  TransportFailure,
  TransportResult,
  UploadOptions,
  UploadResult,
  UsageEventBatch,
} from '@eservice-kit/core';

/** Options of {@link HttpTransport}. */
export interface HttpTransportOptions {
  /**
   * The tenant base URL, the elements' `api` attribute, e.g. `https://kommun.example/eservice`.
   * With or without a trailing slash; a path prefix is kept. Resolved against the page's
   * `location` when relative and a page is there.
   */
  readonly api: string;
  /** The fetch to use; default `globalThis.fetch` (looked up at each request). */
  readonly fetch?: typeof fetch;
  /**
   * Milliseconds before a request fails with `timeout`, including reading its body;
   * default {@link DEFAULT_TIMEOUT_MS}. Uploads get four times as long. A request's own
   * `timeoutMs` wins.
   */
  readonly timeoutMs?: number;
}

/** Default request timeout of {@link HttpTransport}. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const UPLOAD_TIMEOUT_FACTOR = 4;
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const ETAG = /^(?:W\/)?"(sha256-[A-Za-z0-9_-]{43})"$/;
/** Printable ASCII without surrounding space: what a header value may carry safely. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;
const ACCEPT = 'application/json, application/problem+json';

type Method = 'GET' | 'POST';

interface Call {
  readonly method: Method;
  /** Relative to the tenant base, without a leading slash. */
  readonly path: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | FormData;
  readonly keepalive?: boolean;
  readonly options: RequestOptions | undefined;
  readonly timeoutMs: number;
}

/** A response with its whole body read. */
interface Received {
  readonly ok: true;
  readonly call: Call;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

function failure(kind: TransportFailure['kind'], message: string, extra: Partial<TransportFailure> = {}): TransportFailure {
  return { ok: false, kind, message, ...extra };
}

function label(call: Call): string {
  return `${call.method} ${call.path.split('?')[0]}`;
}

function errorText(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function parseJson(received: Received): { readonly ok: true; readonly value: unknown } | { readonly ok: false } {
  if (!JSON_TYPE.test(received.headers.get('content-type') ?? '')) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(received.text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Rejects when `signal` aborts, so a fetch (or body) that ignores its signal still ends.
 * The loser of the race is given a handler: it can never become an unhandled rejection.
 */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  promise.catch(() => undefined);
  if (signal.aborted) return Promise.reject(new Error('aborted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** The failure an HTTP error (or otherwise unexpected) status stands for. */
function statusFailure(received: Received): TransportFailure {
  const { status, headers } = received;
  const where = `${label(received.call)} → ${status}`;
  const kind = failureKindForStatus(status);
  if (kind === undefined) return failure('protocol', `${where}: status outside the contract`, { status });
  const retryAfter = parseRetryAfter(headers.get('retry-after'));
  const timing = retryAfter === undefined ? {} : { retryAfter };

  let problem: Problem | undefined;
  const parsed = parseJson(received);
  if (parsed.ok) {
    // A body that claims to be JSON must be a problem; HTML from a proxy is tolerated below.
    if (!isProblem(parsed.value)) return failure('protocol', `${where}: malformed problem body`, { status, ...timing });
    problem = parsed.value;
  } else if (JSON_TYPE.test(headers.get('content-type') ?? '')) {
    return failure('protocol', `${where}: body is not JSON`, { status, ...timing });
  }
  // Without a problem the client cannot tell a conflict's type nor map field errors.
  if (problem === undefined && (kind === 'conflict' || status === 422)) {
    return failure('protocol', `${where}: no problem details`, { status, ...timing });
  }
  if (status === 422 && (problem?.errors === undefined || problem.errors.length === 0)) {
    return failure('protocol', `${where}: invalid-answers without field errors`, { status, problem: problem!, ...timing });
  }
  if (problem?.type === problemType('definition-outdated') && typeof problem.currentHash !== 'string') {
    return failure('protocol', `${where}: definition-outdated without currentHash`, { status, problem, ...timing });
  }
  return failure(kind, problem === undefined ? where : `${where}: ${problem.type}`, {
    status,
    ...(problem === undefined ? {} : { problem }),
    ...(kind === 'invalid' && problem?.errors !== undefined ? { errors: problem.errors } : {}),
    ...timing,
  });
}

/** The value of a response expected with `expected` status and a JSON body `guard` accepts. */
function expectJson<T>(received: Received, expected: number, guard: (value: unknown) => value is T): TransportResult<T> {
  if (received.status !== expected) return statusFailure(received);
  const parsed = parseJson(received);
  const where = `${label(received.call)} → ${received.status}`;
  if (!parsed.ok) return failure('protocol', `${where}: body is not JSON`, { status: received.status });
  if (!guard(parsed.value)) return failure('protocol', `${where}: body does not match the contract`, { status: received.status });
  return { ok: true, value: parsed.value };
}

/**
 * The fetch-based {@link Transport} of the elements: one instance per tenant base URL.
 *
 * Every method resolves to a {@link TransportResult}; none throws or leaves a rejection
 * unhandled. Failures are typed by `kind`:
 * - `network`: no response (offline, DNS, refused); `timeout`: slower than `timeoutMs`;
 *   `aborted`: the caller's `signal` aborted (not an error to show);
 * - `invalid` (400, 401, 413, 415, 422): `errors` holds the problem's field errors, pointing
 *   into the answers for 422 `invalid-answers` and into the request body for 400;
 * - `conflict` (409): branch on `problem.type`; `definition-outdated` carries `currentHash`;
 * - `not-found` (404, 410); `rate-limited` (429) with `retryAfter`; `server` (5xx);
 * - `protocol`: a status, content type or body outside the contract.
 *
 * `retryAfter` is set on any failure whose response had `Retry-After`. Core's
 * `isRetryable(failure)` says whether repeating the request (with the same idempotency key)
 * may succeed.
 *
 * @example
 * const transport = new HttpTransport({ api: 'https://kommun.example/eservice' });
 * const result = await transport.submitCase('fault-report', request, { idempotencyKey });
 * if (result.ok) showReceipt(result.value);
 * else if (result.kind === 'invalid') showFieldErrors(result.errors ?? []);
 */
export class HttpTransport implements Transport {
  readonly #base: URL;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  /** @throws TypeError when `api` is not a URL (relative ones need a page `location`). */
  constructor(options: HttpTransportOptions) {
    const page = (globalThis as { location?: { href?: string } }).location?.href;
    // Exactly one trailing slash, so relative paths resolve under the tenant prefix.
    this.#base = new URL(`${options.api.replace(/\/+$/, '')}/`, page);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** The tenant base URL as resolved, with a trailing slash. */
  get api(): string {
    return this.#base.href;
  }

  /** `GET /api/services`: the tenant's enabled services. */
  async listServices(options?: RequestOptions): Promise<TransportResult<Catalog>> {
    const received = await this.#exchange(this.#get('api/services', options));
    return received.ok ? expectJson(received, 200, isCatalog) : received;
  }

  /**
   * `GET /api/services/{id}`: the current definition, unchecked (core's loader validates it),
   * with `hash` from its ETag. With `options.etag`, sends `If-None-Match` and gives
   * `{ notModified: true }` while that version is current.
   */
  async getDefinition(serviceId: string, options?: DefinitionOptions): Promise<TransportResult<DefinitionFetch>> {
    const etag = options?.etag;
    const call = this.#get(`api/services/${encodeURIComponent(serviceId)}`, options, etag === undefined ? {} : { 'If-None-Match': etag });
    if (etag !== undefined && !HEADER_SAFE.test(etag)) return failure('invalid', `${label(call)}: etag is not a header value`);
    const received = await this.#exchange(call);
    if (!received.ok) return received;
    const where = `${label(call)} → ${received.status}`;
    const tag = received.headers.get('etag');
    if (received.status === 304) {
      if (etag === undefined) return failure('protocol', `${where}: 304 to an unconditional request`, { status: 304 });
      return { ok: true, value: { notModified: true, etag: tag ?? etag } };
    }
    const result = expectJson(received, 200, isJsonObject);
    if (!result.ok) return result;
    const hash = ETAG.exec(tag ?? '')?.[1];
    if (tag === null || hash === undefined) return failure('protocol', `${where}: missing or malformed ETag`, { status: 200 });
    return { ok: true, value: { notModified: false, definition: result.value, hash, etag: tag } };
  }

  /**
   * The URL of `GET /api/services/{id}/validator.js`, to `import()`; with `hash`, that
   * definition version's module. Makes no request.
   */
  getValidatorModuleUrl(serviceId: string, hash?: string): string {
    const url = this.#url(`api/services/${encodeURIComponent(serviceId)}/validator.js`);
    if (hash !== undefined) url.searchParams.set('hash', hash);
    return url.href;
  }

  /**
   * `POST /api/uploads`: one file as multipart form data (part `file`, plus `serviceId` and `pointer` when
   * given, so that service's limits apply). The filename is `options.filename`, else a
   * `File`'s own name. Timeout: four times the transport's unless `options.timeoutMs`.
   */
  async uploadFile(file: Blob, options?: UploadOptions): Promise<TransportResult<UploadResult>> {
    const form = new FormData();
    if (options?.serviceId !== undefined) form.append('serviceId', options.serviceId);
    if (options?.pointer !== undefined) form.append('pointer', options.pointer);
    const ownName = (file as Blob & { name?: unknown }).name;
    form.append('file', file, options?.filename ?? (typeof ownName === 'string' && ownName !== '' ? ownName : 'upload'));
    const received = await this.#exchange({
      method: 'POST',
      path: 'api/uploads',
      headers: { Accept: ACCEPT },
      body: form,
      options,
      timeoutMs: this.#timeoutMs * UPLOAD_TIMEOUT_FACTOR,
    });
    return received.ok ? expectJson(received, 201, isUploadResult) : received;
  }

  /**
   * `POST /api/services/{id}/cases` with `Idempotency-Key` exactly as given: keep one key
   * per fill and reuse it for every retry (after `network`, `timeout`, `server`,
   * `rate-limited`, and after `definition-outdated` once revalidated), so a retry or a double
   * click makes one case and gets the same receipt. A key outside 8–128 characters of
   * `[A-Za-z0-9_-]` is refused as `invalid` without a request.
   */
  async submitCase(serviceId: string, request: SubmitRequest, options: SubmitOptions): Promise<TransportResult<Receipt>> {
    const path = `api/services/${encodeURIComponent(serviceId)}/cases`;
    const key = options?.idempotencyKey;
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return failure('invalid', `POST ${path}: the idempotency key must be 8–128 characters of [A-Za-z0-9_-]`);
    }
    const call = this.#postJson(path, request, options, { 'Idempotency-Key': key });
    if (!call.ok) return call;
    const received = await this.#exchange(call.value);
    return received.ok ? expectJson(received, 201, isReceipt) : received;
  }

  /**
   * `GET /api/cases/{reference}` with `Authorization: Bearer <secret>`: the link token or the
   * tracking code as typed (the server normalises it). A secret that cannot travel in a
   * header (empty, or not printable ASCII) is refused as `invalid` without a request; a wrong
   * one is `not-found`, like an unknown reference.
   */
  async getCase(reference: string, secret: string, options?: RequestOptions): Promise<TransportResult<CitizenCaseView>> {
    const trimmed = typeof secret === 'string' ? secret.trim() : '';
    const call = this.#get(`api/cases/${encodeURIComponent(String(reference).trim())}`, options, { Authorization: `Bearer ${trimmed}` });
    if (!HEADER_SAFE.test(trimmed)) return failure('invalid', `${label(call)}: the secret is empty or not printable ASCII`);
    const received = await this.#exchange(call);
    return received.ok ? expectJson(received, 200, isCitizenCaseView) : received;
  }

  /** `POST /api/feedback`: a rating or thumbs answer; `value.id` names the stored answer. */
  async sendFeedback(feedback: FeedbackRequest, options?: RequestOptions): Promise<TransportResult<Created>> {
    const call = this.#postJson('api/feedback', feedback, options);
    if (!call.ok) return call;
    const received = await this.#exchange(call.value);
    return received.ok ? expectJson(received, 201, isCreated) : received;
  }

  /** `POST /api/surveys/{id}/responses`. */
  async sendSurveyResponse(surveyId: string, response: SurveyResponseRequest, options?: RequestOptions): Promise<TransportResult<Created>> {
    const call = this.#postJson(`api/surveys/${encodeURIComponent(surveyId)}/responses`, response, options);
    if (!call.ok) return call;
    const received = await this.#exchange(call.value);
    return received.ok ? expectJson(received, 201, isCreated) : received;
  }

  /**
   * `POST /api/events`: a batch of usage events (only where the page opted in). With
   * `keepalive` (for `abandoned` on pagehide) the request may outlive the page; it is then
   * sent as `text/plain`, which the contract accepts, so that no preflight is needed.
   */
  async sendEvents(batch: UsageEventBatch, options?: EventOptions): Promise<TransportResult<EventsAccepted>> {
    const keepalive = options?.keepalive === true;
    const call = this.#postJson('api/events', batch, options, {}, keepalive ? 'text/plain;charset=UTF-8' : 'application/json');
    if (!call.ok) return call;
    const received = await this.#exchange({ ...call.value, keepalive });
    return received.ok ? expectJson(received, 202, isEventsAccepted) : received;
  }

  #url(path: string): URL {
    return new URL(path, this.#base);
  }

  #get(path: string, options: RequestOptions | undefined, headers: Record<string, string> = {}): Call {
    return { method: 'GET', path, headers: { Accept: ACCEPT, ...headers }, options, timeoutMs: this.#timeoutMs };
  }

  #postJson(
    path: string,
    body: unknown,
    options: RequestOptions | undefined,
    headers: Record<string, string> = {},
    contentType = 'application/json',
  ): TransportResult<Call> {
    let text: string | undefined;
    try {
      text = JSON.stringify(body);
    } catch (error) {
      return failure('invalid', `POST ${path}: the body cannot be sent as JSON (${errorText(error)})`);
    }
    if (text === undefined) return failure('invalid', `POST ${path}: the body cannot be sent as JSON`);
    return {
      ok: true,
      value: {
        method: 'POST',
        path,
        headers: { Accept: ACCEPT, 'Content-Type': contentType, ...headers },
        body: text,
        options,
        timeoutMs: this.#timeoutMs,
      },
    };
  }

  /**
   * Sends a request and reads its whole body under one deadline. Whatever goes wrong ends
   * here as a failure: the caller's abort, the timeout, or no response at all.
   */
  async #exchange(call: Call): Promise<Received | TransportFailure> {
    const signal = call.options?.signal;
    if (signal?.aborted) return failure('aborted', `${label(call)}: aborted before sending`);
    const controller = new AbortController();
    let cause: 'timeout' | 'aborted' | undefined;
    const onAbort = () => {
      cause ??= 'aborted';
      controller.abort();
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const timeoutMs = call.options?.timeoutMs ?? call.timeoutMs;
    const timer =
      Number.isFinite(timeoutMs) && timeoutMs > 0
        ? setTimeout(() => {
            cause ??= 'timeout';
            controller.abort();
          }, timeoutMs)
        : undefined;
    try {
      const fetcher = this.#fetch;
      const init: RequestInit = {
        method: call.method,
        headers: call.headers ?? {},
        signal: controller.signal,
        credentials: 'omit',
        ...(call.body === undefined ? {} : { body: call.body }),
        ...(call.keepalive === true ? { keepalive: true } : {}),
      };
      const response = await untilAborted(Promise.resolve(fetcher(this.#url(call.path).href, init)), controller.signal);
      const text = await untilAborted(response.text(), controller.signal);
      return { ok: true, call, status: response.status, headers: response.headers, text };
    } catch (error) {
      if (cause === 'aborted') return failure('aborted', `${label(call)}: aborted`);
      if (cause === 'timeout') return failure('timeout', `${label(call)}: no complete answer within ${timeoutMs} ms`);
      return failure('network', `${label(call)}: ${errorText(error)}`);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }
}
