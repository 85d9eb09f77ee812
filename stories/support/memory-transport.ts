// A Transport (core's interface, the one HttpTransport implements) that keeps everything
// in memory: for stories, demos and tests without a server or a network. It validates
// nothing; it records what it is sent and answers the way the reference server would
// (a receipt with reference, tracking code and expected date; replayed for a repeated
// idempotency key). Options make it slow, never answer, or fail on purpose.
//
//   const transport = new MemoryTransport({ services: [{ definition }], today: '2026-05-01' });
//   element.transport = transport;
//   …
//   transport.submissions; // what the element sent
import {
  addWorkingDays,
  base64url,
  canonicalJson,
  definitionHash,
  encodeTrackingCode,
  formatReference,
  problemType,
  stockholmDate,
  toStatusView,
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
  Receipt,
  RequestOptions,
  ServiceDefinition,
  ServiceSummary,
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

/** The Transport methods that talk to a server (all but `getValidatorModuleUrl`). */
export type MemoryOperation =
  | 'listServices'
  | 'getDefinition'
  | 'uploadFile'
  | 'submitCase'
  | 'getCase'
  | 'sendFeedback'
  | 'sendSurveyResponse'
  | 'sendEvents';

/** A failure to answer with, e.g. `{ kind: 'network' }` or `{ kind: 'server', status: 503 }`. */
export type FailureSpec = Omit<TransportFailure, 'ok'>;

export interface MemoryService {
  /** The definition as the server would send it (not checked here: the element's loader checks it). */
  readonly definition: unknown;
  /**
   * Where the element may `import()` the precompiled validator from when it loads the
   * service by id (`service` attribute). Without it the URL leads nowhere, so loading by
   * id ends in `validator-missing`; pass the `definition` and `validator` properties instead.
   */
  readonly validatorUrl?: string;
}

export interface MemoryTransportOptions {
  readonly services?: readonly MemoryService[];
  /**
   * Milliseconds every answer takes (or per operation). `Infinity` never answers: the
   * request stays pending until its signal aborts ("Sending…" forever).
   */
  readonly delayMs?: number | Partial<Record<MemoryOperation, number>>;
  /**
   * Failures per operation. One failure: every call fails. A list: the calls fail in
   * turn, one entry each, and later calls succeed (a dropped network, then a retry that
   * goes through).
   */
  readonly failures?: Partial<Record<MemoryOperation, FailureSpec | readonly FailureSpec[]>>;
  /** The day cases arrive (YYYY-MM-DD), for the expected date; default today in Stockholm. */
  readonly today?: string;
  /** Sequence number of the first case reference (default 1): `FEL-2026-000001`. */
  readonly firstSequence?: number;
  /** The citizen's status page; the receipt links to it with `#token=…`. */
  readonly statusPage?: string;
}

export interface RecordedSubmission {
  readonly serviceId: string;
  readonly request: SubmitRequest;
  readonly idempotencyKey: string;
  readonly receipt: Receipt;
}

/** Deterministic bytes from a text (xorshift32 seeded with FNV-1a): plausible, repeatable secrets. */
function bytesFrom(seed: string, length: number): Uint8Array {
  let state = 0x811c9dc5;
  for (let index = 0; index < seed.length; index++) state = Math.imul(state ^ seed.charCodeAt(index), 0x01000193) >>> 0;
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    bytes[index] = state & 0xff;
  }
  return bytes;
}

function isDefinition(value: unknown): value is ServiceDefinition {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return typeof record['id'] === 'string' && Array.isArray(record['statuses']) && typeof record['handlingTime'] === 'object';
}

export class MemoryTransport implements Transport {
  /** Every case the element sent (a replayed retry is recorded once). */
  readonly submissions: RecordedSubmission[] = [];
  readonly feedback: FeedbackRequest[] = [];
  readonly surveyResponses: { readonly surveyId: string; readonly response: SurveyResponseRequest }[] = [];
  readonly events: UsageEventBatch['events'][number][] = [];
  readonly uploads: { readonly uploadId: string; readonly file: Blob; readonly options: UploadOptions | undefined }[] = [];
  /** Every call, in order: `submitCase fault-report`, `sendFeedback`, … */
  readonly calls: string[] = [];

  readonly #services = new Map<string, MemoryService>();
  readonly #options: MemoryTransportOptions;
  readonly #failuresLeft = new Map<MemoryOperation, FailureSpec[]>();
  #sequence: number;
  #nextId = 1;

  constructor(options: MemoryTransportOptions = {}) {
    this.#options = options;
    this.#sequence = (options.firstSequence ?? 1) - 1;
    for (const service of options.services ?? []) this.addService(service);
    for (const [operation, spec] of Object.entries(options.failures ?? {}) as [MemoryOperation, FailureSpec | readonly FailureSpec[]][]) {
      if (Array.isArray(spec)) this.#failuresLeft.set(operation, [...(spec as readonly FailureSpec[])]);
    }
  }

  addService(service: MemoryService): void {
    if (!isDefinition(service.definition)) throw new TypeError('MemoryTransport: a service needs a definition with an id');
    this.#services.set(service.definition.id, service);
  }

  async listServices(options?: RequestOptions): Promise<TransportResult<Catalog>> {
    return this.#answer<Catalog>('listServices', options, () => {
      const services: ServiceSummary[] = [];
      for (const { definition } of this.#services.values()) {
        const d = definition as ServiceDefinition;
        services.push({
          id: d.id,
          version: d.version,
          hash: definitionHash(d),
          title: d.title,
          description: d.description,
          category: d.category,
          handlingTime: d.handlingTime,
        });
      }
      return { ok: true, value: { services } };
    });
  }

  async getDefinition(serviceId: string, options?: DefinitionOptions): Promise<TransportResult<DefinitionFetch>> {
    return this.#answer<DefinitionFetch>('getDefinition', options, () => {
      const service = this.#services.get(serviceId);
      if (!service) return this.#fail({ kind: 'not-found', status: 404, message: `no service ${serviceId}` });
      const hash = definitionHash(service.definition);
      const etag = `"${hash}"`;
      if (options?.etag === etag) return { ok: true, value: { notModified: true, etag } };
      // A copy, as a server's JSON would be: the element may not change our instance.
      return { ok: true, value: { notModified: false, definition: JSON.parse(JSON.stringify(service.definition)) as unknown, hash, etag } };
    });
  }

  getValidatorModuleUrl(serviceId: string, hash?: string): string {
    const known = this.#services.get(serviceId)?.validatorUrl;
    if (known) return new URL(known, document.baseURI).href;
    // Nothing is served here: importing it fails, as a missing validator on a server would.
    return new URL(`memory-transport/validators/${encodeURIComponent(serviceId)}.validator.js${hash ? `?hash=${hash}` : ''}`, document.baseURI).href;
  }

  async uploadFile(file: Blob, options?: UploadOptions): Promise<TransportResult<UploadResult>> {
    return this.#answer('uploadFile', options, () => {
      const uploadId = base64url(bytesFrom(`upload-${this.#nextId++}`, 18));
      this.uploads.push({ uploadId, file, options });
      return { ok: true, value: { uploadId, mediaType: file.type || 'application/octet-stream', size: file.size } };
    });
  }

  async submitCase(serviceId: string, request: SubmitRequest, options: SubmitOptions): Promise<TransportResult<Receipt>> {
    return this.#answer<Receipt>('submitCase', options, () => {
      const service = this.#services.get(serviceId);
      if (!service) return this.#fail({ kind: 'not-found', status: 404, problem: { type: problemType('service-not-found'), title: 'Service not found', status: 404 } });
      const earlier = this.submissions.find((submission) => submission.idempotencyKey === options.idempotencyKey);
      if (earlier) {
        // The same fill again (a retry, a double click): one case, the same receipt.
        if (earlier.serviceId === serviceId && canonicalJson(earlier.request) === canonicalJson(request)) return { ok: true, value: earlier.receipt };
        return this.#fail({ kind: 'conflict', status: 409, problem: { type: problemType('idempotency-key-reused'), title: 'Idempotency key reused with another body', status: 409 } });
      }
      const receipt = this.#receipt(service.definition as ServiceDefinition);
      this.submissions.push({ serviceId, request, idempotencyKey: options.idempotencyKey, receipt });
      return { ok: true, value: receipt };
    });
  }

  async getCase(reference: string, secret: string, options?: RequestOptions): Promise<TransportResult<CitizenCaseView>> {
    return this.#answer<CitizenCaseView>('getCase', options, () => {
      const found = this.submissions.find((submission) => submission.receipt.reference === reference);
      const receipt = found?.receipt;
      if (!found || !receipt || (secret !== receipt.token && secret.toUpperCase() !== receipt.trackingCode)) {
        // As the server: a wrong secret looks exactly like an unknown case.
        return this.#fail({ kind: 'not-found', status: 404, problem: { type: problemType('case-not-found'), title: 'Case not found', status: 404 } });
      }
      const definition = this.#services.get(found.serviceId)?.definition as ServiceDefinition | undefined;
      const submittedAt = `${this.#today()}T09:00:00+02:00`;
      return {
        ok: true,
        value: {
          reference,
          serviceId: found.serviceId,
          ...(definition ? { serviceTitle: definition.title } : {}),
          status: receipt.status,
          timeline: [{ status: receipt.status, at: submittedAt }],
          submittedAt,
          expectedBy: receipt.expectedBy,
        },
      };
    });
  }

  async sendFeedback(feedback: FeedbackRequest, options?: RequestOptions): Promise<TransportResult<Created>> {
    return this.#answer('sendFeedback', options, () => {
      this.feedback.push(feedback);
      return { ok: true, value: { id: `feedback-${this.#nextId++}` } };
    });
  }

  async sendSurveyResponse(surveyId: string, response: SurveyResponseRequest, options?: RequestOptions): Promise<TransportResult<Created>> {
    return this.#answer('sendSurveyResponse', options, () => {
      this.surveyResponses.push({ surveyId, response });
      return { ok: true, value: { id: `survey-response-${this.#nextId++}` } };
    });
  }

  async sendEvents(batch: UsageEventBatch, options?: EventOptions): Promise<TransportResult<EventsAccepted>> {
    return this.#answer('sendEvents', options, () => {
      this.events.push(...batch.events);
      return { ok: true, value: { accepted: batch.events.length } };
    });
  }

  #today(): string {
    return this.#options.today ?? stockholmDate(new Date());
  }

  #receipt(definition: ServiceDefinition): Receipt {
    const sequence = ++this.#sequence;
    const today = this.#today();
    const reference = formatReference(definition.referencePrefix, Number(today.slice(0, 4)), sequence);
    const token = base64url(bytesFrom(`token:${reference}`, 24));
    const status = definition.statuses[0];
    if (!status) throw new Error(`MemoryTransport: ${definition.id} has no statuses`);
    const page = this.#options.statusPage ?? 'https://kommun.example/eservice/arende';
    return {
      reference,
      token,
      trackingCode: encodeTrackingCode(bytesFrom(`code:${reference}`, 8)),
      status: toStatusView(status),
      expectedBy: addWorkingDays(today, definition.handlingTime.workingDays),
      trackingUrl: `${page}?reference=${encodeURIComponent(reference)}#token=${token}`,
    };
  }

  #fail(spec: FailureSpec): TransportFailure {
    return { ok: false, ...spec };
  }

  /** The failure planned for this call, if any (a list is used up one entry per call). */
  #plannedFailure(operation: MemoryOperation): FailureSpec | undefined {
    const queue = this.#failuresLeft.get(operation);
    if (queue) return queue.shift();
    const spec = this.#options.failures?.[operation];
    return spec && !Array.isArray(spec) ? (spec as FailureSpec) : undefined;
  }

  #delay(operation: MemoryOperation): number {
    const delay = this.#options.delayMs;
    return typeof delay === 'number' ? delay : (delay?.[operation] ?? 0);
  }

  /** Waits the configured delay (or until aborted), then fails as planned or answers. */
  async #answer<T>(operation: MemoryOperation, options: RequestOptions | undefined, answer: () => TransportResult<T>): Promise<TransportResult<T>> {
    this.calls.push(operation);
    const signal = options?.signal;
    if (signal?.aborted) return this.#fail({ kind: 'aborted', message: `${operation}: aborted before sending` });
    const delay = this.#delay(operation);
    const aborted = await new Promise<boolean>((resolve) => {
      const onAbort = () => {
        clearTimeout(timer);
        resolve(true);
      };
      // Infinity (or anything beyond a timer's range) never fires: only an abort ends it.
      const timer = Number.isFinite(delay) && delay < 2 ** 31 ? setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(false);
      }, delay) : undefined;
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (aborted) return this.#fail({ kind: 'aborted', message: `${operation}: aborted` });
    const failure = this.#plannedFailure(operation);
    if (failure) return this.#fail({ message: `${operation}: planned failure (${failure.kind})`, ...failure });
    return answer();
  }
}
