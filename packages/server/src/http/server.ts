/**
 * The HTTP front: finds the tenant and the route, applies CORS and security headers, turns
 * every failure into a problem without internals, and logs one line per request (route
 * name, status, time; never the path, which may hold a case reference).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { resolveTenant } from '../tenancy/tenants.js';
import { readBody } from './body.js';
import { clientAddress, publicOrigin, type RequestContext, type ServerParts } from './context.js';
import { corsHeaders, preflightHeaders, securityHeaders } from './headers.js';
import { problem, type Reply } from './reply.js';
import { API_ROUTES, matchRoute } from './routes.js';
import { siteReply, type SiteFiles } from './site-routes.js';

interface Outcome {
  readonly reply: Reply;
  readonly kind: 'page' | 'resource';
  readonly cors: RequestContext['tenant'] | undefined;
  readonly route: string;
  readonly tenant?: string;
}

/** Reads and drops a body nobody will use, so the connection stays usable for the next request. */
async function drain(request: IncomingMessage): Promise<void> {
  await readBody(request, 0);
}

async function handle(parts: ServerParts, files: SiteFiles, request: IncomingMessage): Promise<Outcome> {
  const rawUrl = request.url ?? '/';
  if (!rawUrl.startsWith('/') || rawUrl.length > 4096) {
    await drain(request);
    return { reply: problem('not-found'), kind: 'resource', cors: undefined, route: 'invalid-url' };
  }
  // Appended, not resolved: a path starting with // must stay a path, never become a host.
  const url = new URL(`http://server.invalid${rawUrl}`);
  const method = request.method === 'HEAD' ? 'GET' : (request.method ?? '');
  if (url.pathname === '/health') {
    await drain(request);
    const healthy = await parts.storage.healthy().catch(() => false);
    const reply: Reply = healthy
      ? { status: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: '{"status":"ok"}' }
      : problem('unavailable', { detail: 'The database cannot be read.', headers: { 'retry-after': '30' } });
    return { reply, kind: 'resource', cors: undefined, route: 'health' };
  }
  const found = resolveTenant(parts.tenants, url.pathname);
  if (found === undefined) {
    await drain(request);
    return { reply: problem('not-found', { detail: 'No municipality is served at this path.' }), kind: 'resource', cors: undefined, route: 'unknown-tenant' };
  }
  const { tenant, path } = found;
  const matched = matchRoute(API_ROUTES, path);
  const context: RequestContext = {
    ...parts,
    tenant,
    request,
    url,
    params: matched?.params ?? [],
    client: clientAddress(request, parts.config.trustProxy),
    tenantUrl: `${publicOrigin(request, parts.config)}${tenant.basePath}`,
  };
  const base = { cors: tenant, tenant: tenant.id };
  if (matched === undefined) {
    await drain(request);
    const site = method === 'GET' || method === 'OPTIONS' ? siteReply(context, files, path) : undefined;
    if (site === undefined) return { ...base, reply: problem('not-found'), kind: 'resource', route: 'not-found' };
    if (method === 'OPTIONS') return { ...base, reply: { status: 204, headers: preflightHeaders(['GET', 'HEAD']) }, kind: 'resource', route: 'preflight' };
    return { ...base, reply: site, kind: site.kind, cors: site.cors ? tenant : undefined, route: 'site' };
  }
  const { route, params } = matched;
  // A preflight always succeeds, so the browser lets the page read the real answer (a 404 included).
  if (method === 'OPTIONS') {
    await drain(request);
    return { ...base, reply: { status: 204, headers: preflightHeaders(Object.keys(route.methods)) }, kind: 'resource', route: 'preflight' };
  }
  if (route.serviceScoped && tenant.catalog.get(params[0]!) === undefined) {
    await drain(request);
    return { ...base, reply: problem('service-not-found'), kind: 'resource', route: route.name };
  }
  const handler = route.methods[method];
  if (handler === undefined) {
    await drain(request);
    return { ...base, reply: problem('method-not-allowed', { headers: { allow: [...Object.keys(route.methods), 'OPTIONS'].join(', ') } }), kind: 'resource', route: route.name };
  }
  return { ...base, reply: await handler(context), kind: 'resource', route: route.name };
}

export interface HttpFront {
  readonly server: Server;
  /** Requests being handled now; shutdown waits for them. */
  inFlight(): number;
  /** From now on, requests on open connections get 503 with Retry-After and the connection closes. */
  refuseNewRequests(): void;
}

/** The answer while stopping: with the tenant's CORS, so a page on its site can read the Retry-After. */
function shuttingDown(parts: ServerParts, request: IncomingMessage): Outcome {
  const rawUrl = request.url ?? '/';
  const pathname = rawUrl.startsWith('/') ? new URL(`http://server.invalid${rawUrl}`).pathname : '/';
  return {
    reply: problem('unavailable', { detail: 'The server is restarting; try again in a few seconds.', headers: { 'retry-after': '5', connection: 'close' } }),
    kind: 'resource',
    cors: resolveTenant(parts.tenants, pathname)?.tenant,
    route: 'shutting-down',
  };
}

export function createHttpFront(parts: ServerParts, files: SiteFiles): HttpFront {
  let inFlight = 0;
  let refusing = false;
  const respond = (request: IncomingMessage, response: ServerResponse, outcome: Outcome, started: number) => {
    const https = parts.config.trustProxy && request.headers['x-forwarded-proto'] === 'https';
    const headers = {
      ...securityHeaders(outcome.kind, https),
      ...(outcome.cors === undefined ? {} : corsHeaders(outcome.cors, request)),
      ...outcome.reply.headers,
    };
    response.writeHead(outcome.reply.status, headers);
    response.end(request.method === 'HEAD' ? undefined : outcome.reply.body);
    const level = outcome.reply.status >= 500 ? 'error' : 'info';
    parts.logger.log(level, 'request', {
      method: request.method,
      route: outcome.route,
      tenant: outcome.tenant,
      status: outcome.reply.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  };
  // Long enough for a 10 MiB photo over a slow mobile connection; headers must come quickly.
  const server = createServer({ requestTimeout: 300_000, headersTimeout: 20_000 }, (request, response) => {
    const started = performance.now();
    // Counted until the handler is done, not until the client goes: a stop waits for the work.
    inFlight++;
    (refusing ? drain(request).then(() => shuttingDown(parts, request)) : handle(parts, files, request))
      .catch((error: unknown) => {
        if (request.destroyed && !request.complete) {
          // The client went away mid-body (a dropped mobile upload): nothing to answer, nothing wrong here.
          parts.logger.log('info', 'client went away', {});
          return undefined;
        }
        // The details stay in the log (no answers there: errors carry code and message only); the client gets a bare 500.
        parts.logger.log('error', 'request failed', { error: error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 300) : 'unknown' });
        return { reply: problem('server-error'), kind: 'resource' as const, cors: undefined, route: 'error' };
      })
      .then((outcome) => outcome && respond(request, response, outcome, started))
      .catch(() => response.destroy())
      .finally(() => inFlight--);
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: application/problem+json\r\nConnection: close\r\n\r\n{"type":"urn:eservice-kit:problem:invalid-request","title":"The request is not valid","status":400}');
    else socket.destroy();
  });
  return {
    server,
    inFlight: () => inFlight,
    refuseNewRequests: () => {
      refusing = true;
    },
  };
}
