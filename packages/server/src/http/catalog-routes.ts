import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServiceCatalog } from '../catalog.js';
import { problem, sendProblem } from './problem.js';

const SERVICE_PREFIX = /^\/api\/services\/([^/]+)(?:\/|$)/;
const SERVICE_PATH = /^\/api\/services\/([a-z][a-z0-9_-]{0,63})(\/validator\.js)?$/;

function etagMatches(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  return typeof header === 'string' && header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

/**
 * GET /api/services, /api/services/{id} and /api/services/{id}/validator.js[?hash=], and
 * 404 service-not-found for anything under an unknown service. Returns false when the
 * request is for other routes (e.g. a known service's cases).
 */
export function handleCatalogRequest(catalog: ServiceCatalog, request: IncomingMessage, response: ServerResponse, url: URL): boolean {
  const serviceId = SERVICE_PREFIX.exec(url.pathname)?.[1];
  if (serviceId !== undefined && !catalog.get(serviceId)) {
    sendProblem(response, problem('service-not-found', 'No such service.'));
    return true;
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  if (url.pathname === '/api/services') {
    response.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache' });
    response.end(JSON.stringify({ services: catalog.list() }));
    return true;
  }
  const match = SERVICE_PATH.exec(url.pathname);
  if (!match) return false;
  const [, id, validatorSuffix] = match as unknown as [string, string, string | undefined];
  const wantedHash = url.searchParams.get('hash');
  const version = wantedHash ? catalog.getVersion(id, wantedHash) : catalog.get(id);
  if (!version) {
    sendProblem(response, problem('not-found', 'No such version of this service.'));
    return true;
  }
  // Revalidated on every use (cheap with ETags): a module changes when the precompiler is fixed.
  const etag = validatorSuffix ? version.validatorEtag : `"${version.hash}"`;
  if (etagMatches(request, etag)) {
    response.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
    return true;
  }
  const [type, body] = validatorSuffix ? ['text/javascript; charset=utf-8', version.validatorSource] : ['application/json', version.json];
  response.writeHead(200, { 'Content-Type': type, ETag: etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  response.end(request.method === 'HEAD' ? undefined : body);
  return true;
}
