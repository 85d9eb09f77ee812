/**
 * The Transport the elements talk to the server through. The fetch implementation lives
 * in the elements package; integrators may plug in their own backend behind this interface.
 * Expected failures are results, never thrown errors or unhandled rejections.
 */
import { problemType } from './problems.js';
import type {
  Catalog,
  CitizenCaseView,
  Created,
  EventsAccepted,
  FeedbackRequest,
  FieldError,
  Problem,
  Receipt,
  SubmitRequest,
  SurveyResponseRequest,
  UploadResult,
  UsageEventBatch,
} from './types.js';

export type TransportFailureKind =
  /** No response: offline, DNS, connection refused or reset. Retry when back online. */
  | 'network'
  /** The request took longer than its timeout. */
  | 'timeout'
  /** The caller's signal aborted the request; not an error to show. */
  | 'aborted'
  /** 400, 401, 413, 415, 422: rejected as it stands; `errors` holds field errors. */
  | 'invalid'
  /** 409: key reused with another body, definition outdated, or request in progress (see problem.type). */
  | 'conflict'
  /** 404 or 410. */
  | 'not-found'
  /** 429; `retryAfter` in seconds when the server said so. */
  | 'rate-limited'
  /** 5xx; safe to retry a submission with the same idempotency key. */
  | 'server'
  /** A response outside the contract: unexpected status, content type or body shape. */
  | 'protocol';

export interface TransportSuccess<T> {
  readonly ok: true;
  readonly value: T;
}

export interface TransportFailure {
  readonly ok: false;
  readonly kind: TransportFailureKind;
  /** HTTP status, when there was a response. */
  readonly status?: number;
  readonly problem?: Problem;
  readonly errors?: readonly FieldError[];
  /** Seconds, from `Retry-After`. */
  readonly retryAfter?: number;
  /** A diagnostic for logs and `es-error` details; not shown to citizens as is. */
  readonly message?: string;
}

export type TransportResult<T> = TransportSuccess<T> | TransportFailure;

export interface RequestOptions {
  readonly signal?: AbortSignal;
  /** Milliseconds before the request fails with `timeout`. */
  readonly timeoutMs?: number;
}

export interface SubmitOptions extends RequestOptions {
  /** One per fill, reused for every retry of it (8–128 chars of [A-Za-z0-9_-]). */
  readonly idempotencyKey: string;
}

export interface DefinitionOptions extends RequestOptions {
  /** The ETag (quoted hash) of a definition already held, for a conditional request. */
  readonly etag?: string;
}

export type DefinitionFetch =
  /** The definition as sent, unchecked: core's loader validates it. `hash` comes from the ETag. */
  | { readonly notModified: false; readonly definition: unknown; readonly hash: string; readonly etag: string }
  /** 304: the held definition is current. */
  | { readonly notModified: true; readonly etag: string };

export interface UploadOptions extends RequestOptions {
  /** The service whose size, count and type limits apply. */
  readonly serviceId?: string;
  /** The answer field the file is for, so the service's limits for that field apply. */
  readonly pointer?: string;
  readonly filename?: string;
}

export interface EventOptions extends RequestOptions {
  /** Let the request outlive the page (for `abandoned` on pagehide). */
  readonly keepalive?: boolean;
}

export interface Transport {
  listServices(options?: RequestOptions): Promise<TransportResult<Catalog>>;
  getDefinition(serviceId: string, options?: DefinitionOptions): Promise<TransportResult<DefinitionFetch>>;
  /** URL of the precompiled validator module; without `hash`, the current version's. */
  getValidatorModuleUrl(serviceId: string, hash?: string): string;
  uploadFile(file: Blob, options?: UploadOptions): Promise<TransportResult<UploadResult>>;
  submitCase(serviceId: string, request: SubmitRequest, options: SubmitOptions): Promise<TransportResult<Receipt>>;
  /** `secret` is the link token or the tracking code as typed. */
  getCase(reference: string, secret: string, options?: RequestOptions): Promise<TransportResult<CitizenCaseView>>;
  sendFeedback(feedback: FeedbackRequest, options?: RequestOptions): Promise<TransportResult<Created>>;
  sendSurveyResponse(
    surveyId: string,
    response: SurveyResponseRequest,
    options?: RequestOptions,
  ): Promise<TransportResult<Created>>;
  sendEvents(batch: UsageEventBatch, options?: EventOptions): Promise<TransportResult<EventsAccepted>>;
}

/** The failure kind an HTTP error status maps to (undefined for success statuses). */
export function failureKindForStatus(status: number): TransportFailureKind | undefined {
  if (status < 400) return undefined;
  if (status === 404 || status === 410) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'server';
  return 'invalid';
}

/** Whether repeating the same request (same idempotency key) may succeed later. */
export function isRetryable(failure: TransportFailure): boolean {
  if (failure.kind === 'network' || failure.kind === 'timeout' || failure.kind === 'rate-limited') return true;
  if (failure.kind === 'server') return failure.status !== 501;
  return failure.kind === 'conflict' && failure.problem?.type === problemType('request-in-progress');
}

/** Parses `Retry-After` (delta seconds or an HTTP date) into seconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: Date = new Date()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now.getTime()) / 1000));
}
