/** GET {tenant}/api/services, a definition (ETag = its hash) and a version's validator module. */
import type { IncomingMessage } from 'node:http';
import type { RequestContext } from './context.js';
import { json, problem, type Reply } from './reply.js';

/** True when If-None-Match names this entity tag (weak or strong) or is "*". */
export function notModified(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return typeof header === 'string' && header.split(',').some((tag) => ['*', etag].includes(tag.trim().replace(/^W\//, '')));
}

export function listServices(context: RequestContext): Reply {
  return json(200, { services: context.tenant.catalog.list() }, { 'cache-control': 'no-cache' });
}

export function getDefinition(context: RequestContext): Reply {
  const version = context.tenant.catalog.get(context.params[0]!)!;
  const etag = `"${version.hash}"`;
  if (notModified(context.request, etag)) return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', etag, 'cache-control': 'no-cache' }, body: version.json };
}

export function getValidator(context: RequestContext): Reply {
  const id = context.params[0]!;
  const hash = context.url.searchParams.get('hash');
  const version = hash === null ? context.tenant.catalog.get(id) : context.tenant.catalog.getVersion(id, hash);
  if (version === undefined) return problem('not-found', { detail: 'No such version of this service.' });
  // Revalidated on every use (cheap with ETags): a module changes when the precompiler is fixed.
  const etag = version.validatorEtag;
  if (notModified(context.request, etag)) return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
  return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', etag, 'cache-control': 'no-cache' }, body: version.validatorSource };
}
