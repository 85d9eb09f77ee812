/**
 * Shape checks for the success bodies of docs/openapi.yaml, shared by clients (a body that
 * fails them is a `protocol` failure of HttpTransport: nothing off-contract is rendered or
 * stored) and the contract suite, which adds per-field detail.
 * Problem bodies are checked with core's `isProblem`/`isFieldError`, not here.
 */
import { TOKEN_PATTERN } from './random.js';
import { REFERENCE_PATTERN } from './reference.js';
import { TRACKING_CODE_PATTERN } from './tracking-code.js';
import type { Catalog, CitizenCaseView, Created, EventsAccepted, Receipt, UploadResult } from './types.js';

type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
const UPLOAD_ID = /^[A-Za-z0-9_-]{16,64}$/;

const isString = (value: unknown): value is string => typeof value === 'string';
const isNonNegativeInteger = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const optional = (value: unknown, check: (value: unknown) => boolean) => value === undefined || check(value);

function isAbsoluteUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

export function isLocalizedText(value: unknown): boolean {
  return isRecord(value) && Object.keys(value).length > 0 && Object.values(value).every(isString);
}

function isStatusView(value: unknown): boolean {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isLocalizedText(value.label) &&
    optional(value.description, isLocalizedText) &&
    (value.open311 === 'open' || value.open311 === 'closed') &&
    typeof value.final === 'boolean'
  );
}

function isServiceSummary(value: unknown): boolean {
  return (
    isRecord(value) &&
    isString(value.id) &&
    isString(value.version) &&
    isString(value.hash) &&
    isLocalizedText(value.title) &&
    isLocalizedText(value.description) &&
    isString(value.category) &&
    isRecord(value.handlingTime) &&
    isNonNegativeInteger(value.handlingTime.workingDays) &&
    optional(value.handlingTime.description, isLocalizedText)
  );
}

export const isCatalog: Guard<Catalog> = (value): value is Catalog =>
  isRecord(value) && Array.isArray(value.services) && value.services.every(isServiceSummary);

export const isReceipt: Guard<Receipt> = (value): value is Receipt =>
  isRecord(value) &&
  isString(value.reference) &&
  REFERENCE_PATTERN.test(value.reference) &&
  isString(value.token) &&
  TOKEN_PATTERN.test(value.token) &&
  isString(value.trackingCode) &&
  TRACKING_CODE_PATTERN.test(value.trackingCode) &&
  isStatusView(value.status) &&
  isString(value.expectedBy) &&
  DATE.test(value.expectedBy) &&
  isString(value.trackingUrl) &&
  isAbsoluteUrl(value.trackingUrl);

function isTimelineEntry(value: unknown): boolean {
  if (!isRecord(value) || !isStatusView(value.status) || !isString(value.at) || !DATE_TIME.test(value.at)) return false;
  const message = value.message;
  return message === undefined || isString(message) || (isRecord(message) && isLocalizedText(message) && Object.keys(message).every((key) => key === 'sv' || key === 'en'));
}

export const isCitizenCaseView: Guard<CitizenCaseView> = (value): value is CitizenCaseView =>
  isRecord(value) &&
  isString(value.reference) &&
  isString(value.serviceId) &&
  optional(value.serviceTitle, isLocalizedText) &&
  isStatusView(value.status) &&
  Array.isArray(value.timeline) &&
  value.timeline.length > 0 &&
  value.timeline.every(isTimelineEntry) &&
  isString(value.submittedAt) &&
  DATE_TIME.test(value.submittedAt) &&
  isString(value.expectedBy) &&
  DATE.test(value.expectedBy);

export const isUploadResult: Guard<UploadResult> = (value): value is UploadResult =>
  isRecord(value) && isString(value.uploadId) && UPLOAD_ID.test(value.uploadId) && isString(value.mediaType) && Number.isInteger(value.size) && (value.size as number) >= 1;

export const isCreated: Guard<Created> = (value): value is Created => isRecord(value) && isString(value.id) && value.id !== '';

export const isEventsAccepted: Guard<EventsAccepted> = (value): value is EventsAccepted => isRecord(value) && isNonNegativeInteger(value.accepted);

/** A definition is checked by core's loader later; here it only has to be a JSON object. */
export const isJsonObject: Guard<Record<string, unknown>> = isRecord;
