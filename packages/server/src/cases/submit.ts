/**
 * POST {tenant}/api/services/{id}/cases: checks the envelope, the idempotency key and the
 * definition version, judges the answers with core's evaluation of that very version, and
 * stores the pruned answers. The 201 leaves only after the case is committed to disk.
 */
import {
  DEFINITION_HASH_PATTERN,
  IDEMPOTENCY_KEY_PATTERN,
  canonicalJson,
  initialStatus,
  isRecord,
  toStatusView,
  type FieldError,
  type Receipt,
  type SubmitRequest,
} from '@eservice-kit/core';
import { demoPagePath } from '../demo/pages.js';
import { parseJson, readTypedBody } from '../http/body.js';
import { clientBucket, type RequestContext } from '../http/context.js';
import { MESSAGES, fieldError, invalidRequest, json, problem, unknownMembers, type Reply } from '../http/reply.js';
import type { StoredCase } from '../storage/types.js';
import { expectedFrom, stockholmToday } from './calendar-cache.js';
import { uploadReferences } from './upload-fields.js';
import { receiptSecrets, sha256, type ReceiptSecrets } from './secrets.js';

const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const ENVELOPE = ['answers', 'locale', 'definitionVersion', 'definitionHash', 'durationMs'];

function envelopeErrors(body: unknown): FieldError[] {
  if (!isRecord(body)) return [fieldError('', 'type', { sv: 'Förväntade ett objekt.', en: 'Expected an object.' })];
  const errors = unknownMembers(body, ENVELOPE);
  if (!isRecord(body.answers)) errors.push(fieldError('/answers', body.answers === undefined ? 'required' : 'type', MESSAGES.missing));
  if (typeof body.locale !== 'string' || body.locale.length > 35 || !LOCALE.test(body.locale)) errors.push(fieldError('/locale', body.locale === undefined ? 'required' : 'pattern', MESSAGES.invalid));
  if (typeof body.definitionVersion !== 'string' || body.definitionVersion.length > 64) errors.push(fieldError('/definitionVersion', 'required', MESSAGES.invalid));
  if (typeof body.definitionHash !== 'string' || !DEFINITION_HASH_PATTERN.test(body.definitionHash)) errors.push(fieldError('/definitionHash', body.definitionHash === undefined ? 'required' : 'pattern', MESSAGES.invalid));
  if (body.durationMs !== undefined && !(Number.isSafeInteger(body.durationMs) && (body.durationMs as number) >= 0)) {
    errors.push(fieldError('/durationMs', 'minimum', MESSAGES.invalid));
  }
  return errors;
}

function created(context: RequestContext, stored: StoredCase, { token, trackingCode }: ReceiptSecrets, replayed: boolean): Reply {
  const receipt: Receipt = {
    reference: stored.reference,
    token,
    trackingCode,
    status: stored.timeline[0]!.status,
    expectedBy: stored.expectedBy,
    // The status page in the language the case was sent in (the stored locale, so a replay links alike).
    trackingUrl: `${context.tenantUrl}${demoPagePath('', { kind: 'status' }, stored.locale.toLowerCase().startsWith('en') ? 'en' : 'sv')}?reference=${stored.reference}#token=${token}`,
  };
  return json(201, receipt, {
    location: `${context.tenant.basePath}/api/cases/${stored.reference}`,
    ...(replayed ? { 'idempotent-replayed': 'true' } : {}),
  });
}

export async function submitCase(context: RequestContext): Promise<Reply> {
  const { tenant, request, storage, config } = context;
  const service = tenant.catalog.get(context.params[0]!)!;
  // The order of checks is the contract's (docs/openapi.yaml), so clients see predictable errors.
  const body = await readTypedBody(request, config.limits.jsonBytes);
  if (!('bytes' in body)) return body;
  if (await storage.rateLimitHit(clientBucket(context, 'submit'), config.limits.submissionsPerMinute, Date.now())) {
    return problem('rate-limited', { detail: 'Too many submissions from this address; try again in a minute.', headers: { 'retry-after': '60' } });
  }
  const key = request.headers['idempotency-key'];
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
    return problem('invalid-idempotency-key', { detail: 'Send 8–128 characters of [A-Za-z0-9_-] in Idempotency-Key.' });
  }
  const read = parseJson(body.bytes);
  if (!('value' in read)) return read;
  const envelope = envelopeErrors(read.value);
  if (envelope.length > 0) return invalidRequest(envelope);
  const submission = read.value as SubmitRequest;
  const serviceId = service.definition.id;
  const keyHash = sha256(key);
  const fingerprint = sha256(canonicalJson(submission));

  const earlier = await storage.findCaseByIdempotencyKey(tenant.id, serviceId, keyHash);
  if (earlier !== undefined) {
    return earlier.fingerprint.equals(fingerprint) ? created(context, earlier.case, receiptSecrets(context.serverKey, tenant.id, serviceId, key), true) : problem('idempotency-key-reused');
  }
  if (submission.definitionHash !== service.hash || submission.definitionVersion !== service.definition.version) {
    return problem('definition-outdated', {
      detail: 'Fetch the current definition and submit again with the same Idempotency-Key.',
      members: { currentVersion: service.definition.version, currentHash: service.hash },
    });
  }
  const evaluation = service.check(submission.answers);
  if (evaluation.errors.length > 0) return problem('invalid-answers', { errors: evaluation.errors });

  const uploads = uploadReferences(service.definition, evaluation.pruned);
  const now = new Date();
  const today = stockholmToday(now);
  const secrets = receiptSecrets(context.serverKey, tenant.id, serviceId, key);
  const status = initialStatus(service.definition);
  if (status === undefined) throw new Error(`service ${serviceId} has no initial status`);
  const result = await storage.createCase({
    tenant: tenant.id,
    serviceId,
    referencePrefix: service.definition.referencePrefix,
    year: Number(today.slice(0, 4)),
    definitionVersion: service.definition.version,
    definitionHash: service.hash,
    locale: submission.locale,
    answers: evaluation.pruned,
    tokenHash: sha256(secrets.token),
    codeHash: sha256(secrets.trackingCode),
    initialStatus: toStatusView(status),
    submittedAt: now.toISOString(),
    expectedBy: expectedFrom(today, service.definition.handlingTime.workingDays),
    ...(submission.durationMs === undefined ? {} : { durationMs: submission.durationMs }),
    idempotencyKeyHash: keyHash,
    fingerprint,
    uploadIds: uploads.map((upload) => upload.id),
  });
  switch (result.kind) {
    case 'created':
      return created(context, result.case, secrets, false);
    case 'existing':
      // The same key arrived twice at once: the second waited for the first's commit.
      return result.sameRequest ? created(context, result.case, secrets, true) : problem('idempotency-key-reused');
    case 'unknown-uploads':
      return problem('invalid-answers', {
        errors: uploads
          .filter((upload) => result.uploadIds.includes(upload.id))
          .map((upload) => fieldError(upload.pointer, 'upload', { sv: 'Filen finns inte längre. Ladda upp den igen.', en: 'The file is no longer there. Upload it again.' })),
      });
  }
}
