/**
 * Bodies of the HTTP contract (docs/openapi.yaml) as TypeScript types, shared by the
 * elements' transport, the reference server and the contract suite.
 */
import type { LanguageTag, LocalizedText, Open311Status } from '../definition/types.js';
import type { BilingualMessage } from '../i18n/localized.js';
import type { FieldError } from '../rules/types.js';

/** Field errors are the very ones core's evaluation returns: one type from browser to server. */
export type { FieldError } from '../rules/types.js';
export type { BilingualMessage } from '../i18n/localized.js';

/** RFC 9457 problem details, as every error response of the contract carries. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  /** Set on `definition-outdated`: what to refetch. */
  readonly currentVersion?: string;
  readonly currentHash?: string;
  readonly [extension: string]: unknown;
}

/** A service's entry in `GET /api/services`. */
export interface ServiceSummary {
  readonly id: string;
  readonly version: string;
  readonly hash: string;
  readonly title: LocalizedText;
  readonly description: LocalizedText;
  readonly category: string;
  readonly handlingTime: {
    readonly workingDays: number;
    readonly description?: LocalizedText;
  };
}

export interface Catalog {
  readonly services: readonly ServiceSummary[];
}

/** Body of `POST /api/services/{id}/cases`. */
export interface SubmitRequest {
  /** Pruned answers: fields hidden by rules are left out. */
  readonly answers: Readonly<Record<string, unknown>>;
  readonly locale: LanguageTag;
  readonly definitionVersion: string;
  readonly definitionHash: string;
  /** Time from first change to submit, for the insights' time-to-complete (no personal data). */
  readonly durationMs?: number;
}

/** A status as the citizen sees it; self-contained, so old cases render without old definitions. */
export interface StatusView {
  readonly id: string;
  readonly label: LocalizedText;
  readonly description?: LocalizedText;
  readonly open311: Open311Status;
  readonly final: boolean;
}

/** The `201` answer to a submission; replayed identically for the same idempotency key and body. */
export interface Receipt {
  /** Human reference, e.g. "FEL-2026-000123". */
  readonly reference: string;
  /** Link token (≥ 128 bits, base64url); also in `trackingUrl`'s fragment. */
  readonly token: string;
  /** Typed code from the printed receipt, e.g. "7KQ4-M2XD-9TPA"; valid only with `reference`. */
  readonly trackingCode: string;
  readonly status: StatusView;
  /** Expected handling date, YYYY-MM-DD in Europe/Stockholm. */
  readonly expectedBy: string;
  /** Absolute URL of the status page, with `#token=…`. */
  readonly trackingUrl: string;
}

export interface TimelineEntry {
  readonly status: StatusView;
  /** ISO 8601 date-time with offset. */
  readonly at: string;
  /** The case handler's note: localized, or plain text in the language it was written in. */
  readonly message?: Partial<BilingualMessage> | string;
}

/** Body of `GET /api/cases/{reference}`. */
export interface CitizenCaseView {
  readonly reference: string;
  readonly serviceId: string;
  readonly serviceTitle?: LocalizedText;
  readonly status: StatusView;
  /** Oldest first; the first entry is the initial status at submission. */
  readonly timeline: readonly TimelineEntry[];
  readonly submittedAt: string;
  readonly expectedBy: string;
}

/** Answer to `POST /api/uploads`. */
export interface UploadResult {
  readonly uploadId: string;
  /** Media type sniffed from the content. */
  readonly mediaType: string;
  readonly size: number;
}

interface FeedbackBase {
  readonly serviceId?: string;
  /** For standalone prompts on content pages, e.g. a page path. */
  readonly topic?: string;
  readonly definitionHash?: string;
  readonly reference?: string;
  readonly locale?: LanguageTag;
  /** ≤ 1200 characters; the prompt asks for no personal details. */
  readonly comment?: string;
}

/** Body of `POST /api/feedback`: a 1–5 rating or a thumbs answer, never both. */
export type FeedbackRequest =
  | (FeedbackBase & { readonly rating: 1 | 2 | 3 | 4 | 5; readonly helpful?: never })
  | (FeedbackBase & { readonly helpful: boolean; readonly rating?: never });

/** Body of `POST /api/surveys/{id}/responses`. */
export interface SurveyResponseRequest {
  /** Question id → answer; unanswered questions are left out. */
  readonly answers: Readonly<Record<string, string | number | boolean | readonly string[]>>;
  readonly serviceId?: string;
  readonly definitionHash?: string;
  readonly reference?: string;
  readonly trigger?: string;
  readonly locale?: LanguageTag;
}

/** `{id}` of a stored feedback or survey response. */
export interface Created {
  readonly id: string;
}

export type UsageEventType = 'started' | 'step' | 'submitted' | 'abandoned';

/** One usage event; deliberately without any personal data or persistent identifier. */
export interface UsageEvent {
  /** Random per fill, held in memory only; 16–64 chars of [A-Za-z0-9_-]. */
  readonly fillId: string;
  readonly type: UsageEventType;
  readonly serviceId: string;
  readonly definitionHash: string;
  /** Step id, for `step` (and optionally `abandoned`). */
  readonly step?: string;
  readonly at: string;
}

export interface UsageEventBatch {
  readonly events: readonly UsageEvent[];
}

export interface EventsAccepted {
  readonly accepted: number;
}
