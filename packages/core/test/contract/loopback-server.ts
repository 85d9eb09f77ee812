/**
 * A small, real, in-memory implementation of docs/openapi.yaml on node:http, used to prove
 * the contract suite (and later by element tests). Not the reference server.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { summarizeService } from '../../src/case/summary.js';
import type { AddressInfo } from 'node:net';
import { submitCase, viewCase } from './loopback-cases.js';
import { postEvents, postFeedback, postSurveyResponse } from './loopback-evaluation.js';
import { json, problem, readBody, type Reply } from './loopback-http.js';
import { createState, currentServices, findService, type LoopbackOptions, type State, type StoredCase } from './loopback-state.js';
import { postUpload } from './loopback-uploads.js';

export type { LoopbackFaults, LoopbackLimits, LoopbackOptions, LoopbackService } from './loopback-state.js';

export interface LoopbackServer {
  /** The tenant base URL, e.g. "http://127.0.0.1:41234/kommun". */
  readonly baseUrl: string;
  /** Stored cases by reference, with the request exactly as received. */
  readonly cases: ReadonlyMap<string, StoredCase>;
  readonly state: State;
  close(): Promise<void>;
}

type Handler = (state: State, request: IncomingMessage, params: string[], client: string) => Reply | Promise<Reply>;

function catalog(state: State): Reply {
  const services = currentServices(state).map(({ definition, hash }) => summarizeService(definition, hash));
  return json(200, { services });
}

/** True when If-None-Match names this entity tag (weak or strong) or is "*". */
function notModified(request: IncomingMessage, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (header === undefined) return false;
  return header.split(',').some((tag) => {
    const trimmed = tag.trim().replace(/^W\//, '');
    return trimmed === '*' || trimmed === etag;
  });
}

function definition(state: State, request: IncomingMessage, [id]: string[]): Reply {
  const service = findService(state, id!);
  if (service === undefined) return problem('service-not-found', 'No such service');
  const etag = `"${service.hash}"`;
  if (notModified(request, etag)) return { status: 304, headers: { etag } };
  return json(200, service.definition, { etag, 'cache-control': 'no-cache' });
}

function validator(state: State, request: IncomingMessage, [id]: string[]): Reply {
  if (findService(state, id!) === undefined) return problem('service-not-found', 'No such service');
  const hash = new URL(request.url ?? '/', 'http://loopback').searchParams.get('hash') ?? undefined;
  const service = findService(state, id!, hash);
  if (service === undefined) return problem('not-found', 'No validator for this version');
  // The module's own tag, revalidated: a precompiler fix changes the module of one definition version.
  const etag = `"${createHash('sha256').update(service.validatorSource).digest('base64url')}"`;
  if (notModified(request, etag)) return { status: 304, headers: { etag, 'cache-control': 'no-cache' } };
  return { status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', etag, 'cache-control': 'no-cache' }, body: service.validatorSource };
}

const SEGMENT = '([^/]+)';
const ROUTES: readonly { pattern: RegExp; methods: Readonly<Record<string, Handler>> }[] = [
  { pattern: /^\/api\/services$/, methods: { GET: (state) => catalog(state) } },
  { pattern: new RegExp(`^/api/services/${SEGMENT}$`), methods: { GET: definition } },
  { pattern: new RegExp(`^/api/services/${SEGMENT}/validator\\.js$`), methods: { GET: validator } },
  {
    pattern: new RegExp(`^/api/services/${SEGMENT}/cases$`),
    methods: { POST: (state, request, [id], client) => submitCase(state, request, id!, client) },
  },
  {
    pattern: new RegExp(`^/api/cases/${SEGMENT}$`),
    methods: { GET: (state, request, [reference], client) => viewCase(state, request, reference!, client) },
  },
  { pattern: /^\/api\/uploads$/, methods: { POST: (state, request) => postUpload(state, request) } },
  { pattern: /^\/api\/feedback$/, methods: { POST: (state, request) => postFeedback(state, request) } },
  {
    pattern: new RegExp(`^/api/surveys/${SEGMENT}/responses$`),
    methods: { POST: (state, request, [id]) => postSurveyResponse(state, request, id!) },
  },
  { pattern: /^\/api\/events$/, methods: { POST: (state, request) => postEvents(state, request) } },
];

function corsHeaders(state: State, origin: string | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'access-control-expose-headers': 'ETag, Retry-After, Location' };
  const allowed = state.options.allowedOrigins ?? '*';
  if (allowed === '*') headers['access-control-allow-origin'] = '*';
  else if (origin !== undefined && allowed.includes(origin)) {
    headers['access-control-allow-origin'] = origin;
    headers.vary = 'Origin';
  }
  return headers;
}

/** Allows the path's own methods, as a precise server does (GET needs no mention: it is CORS-safelisted). */
function preflight(state: State, methods: readonly string[]): Reply {
  const allowHeaders = state.faults.corsWithoutAuthorization ? 'Idempotency-Key, Content-Type' : 'Idempotency-Key, Authorization, Content-Type';
  const allowMethods = state.faults.corsOnlyGet ? ['GET'] : methods;
  const minimal = state.options.minimalPreflight === true && allowMethods.every((method) => method === 'GET');
  return {
    status: 204,
    headers: {
      ...(minimal ? {} : { 'access-control-allow-methods': [...allowMethods, 'OPTIONS'].join(', ') }),
      'access-control-allow-headers': allowHeaders,
      'access-control-max-age': '600',
    },
  };
}

async function route(state: State, request: IncomingMessage): Promise<Reply> {
  const basePath = state.options.basePath ?? '';
  const pathname = new URL(request.url ?? '/', 'http://loopback').pathname;
  const path = pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : undefined;
  const matched = path === undefined ? undefined : ROUTES.find((candidate) => candidate.pattern.test(path));
  if (matched === undefined || path === undefined) {
    await readBody(request, 0);
    return problem('not-found', 'Not found');
  }
  if (request.method === 'OPTIONS') return preflight(state, Object.keys(matched.methods));
  const handler = matched.methods[request.method ?? ''];
  if (handler === undefined) {
    await readBody(request, 0);
    return problem('method-not-allowed', 'Method not allowed', undefined, { headers: { allow: Object.keys(matched.methods).join(', ') } });
  }
  const params = matched.pattern.exec(path)!.slice(1).map((segment) => decodeURIComponent(segment));
  return handler(state, request, params, request.socket.remoteAddress ?? 'unknown');
}

function send(state: State, request: IncomingMessage, response: ServerResponse, reply: Reply): void {
  const headers = { 'x-content-type-options': 'nosniff', ...corsHeaders(state, request.headers.origin), ...reply.headers };
  response.writeHead(reply.status, headers);
  response.end(reply.body === undefined ? undefined : typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body));
}

export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const state = createState(options);
  const server = createServer((request, response) => {
    route(state, request)
      // Whatever went wrong stays here: the client gets a bare 500 problem.
      .catch(() => problem('server-error', 'Something went wrong'))
      .then((reply) => send(state, request, response, reply))
      .catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}${options.basePath ?? ''}`;
  return {
    baseUrl: state.baseUrl,
    cases: state.cases,
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
