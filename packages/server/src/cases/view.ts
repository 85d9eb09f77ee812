/**
 * GET {tenant}/api/cases/{reference} with `Authorization: Bearer <token or tracking code>`.
 * An unknown reference and a wrong secret get the same 404; failed look-ups are rate-limited
 * per client and per reference in storage, so every process behind one database counts
 * them together.
 */
import { normalizeReference, type CitizenCaseView } from '@eservice-kit/core';
import { clientBucket, type RequestContext } from '../http/context.js';
import { json, problem, type Reply } from '../http/reply.js';
import { secretOpens } from './secrets.js';

const NOT_FOUND = () => problem('case-not-found', { detail: 'No case matches this reference and code.' });

export async function viewCase(context: RequestContext): Promise<Reply> {
  const { tenant, request, storage, config } = context;
  const authorization = /^Bearer[ \t]+(\S[^\r\n]{0,299}?)[ \t]*$/i.exec(request.headers.authorization ?? '');
  if (authorization === null) return problem('unauthorized', { headers: { 'www-authenticate': 'Bearer' } });
  const reference = normalizeReference(context.params[0]!);
  // Per client, and per reference across clients (many addresses guessing one case's code);
  // the reference's own limit is higher, so a guesser cannot easily lock its citizen out.
  const limit = config.limits.lookupFailuresPerMinute;
  const buckets: [string, number][] = [
    [clientBucket(context, 'lookup'), limit],
    [`lookup-reference\n${tenant.id}\n${reference ?? 'malformed'}`, limit * 10],
  ];
  // Counted before the secret is compared, in one step per bucket, so parallel guesses cannot
  // all slip past the check; the citizen's own successful look-up is given back.
  const now = Date.now();
  const over = await Promise.all(buckets.map(([bucket, max]) => storage.rateLimitHit(bucket, max, now)));
  if (over.some(Boolean)) {
    return problem('rate-limited', { detail: 'Too many attempts; try again in a minute.', headers: { 'retry-after': '60' } });
  }
  const stored = reference === undefined ? undefined : await storage.getCase(tenant.id, reference);
  if (!secretOpens(authorization[1]!, stored)) return NOT_FOUND();
  await Promise.all(buckets.map(([bucket]) => storage.rateLimitRefund(bucket, now)));
  const version = tenant.catalog.getVersion(stored!.serviceId, stored!.definitionHash) ?? tenant.catalog.get(stored!.serviceId);
  const view: CitizenCaseView = {
    reference: stored!.reference,
    serviceId: stored!.serviceId,
    ...(version === undefined ? {} : { serviceTitle: version.definition.title }),
    status: stored!.status,
    timeline: stored!.timeline,
    submittedAt: stored!.submittedAt,
    expectedBy: stored!.expectedBy,
  };
  return json(200, view);
}
