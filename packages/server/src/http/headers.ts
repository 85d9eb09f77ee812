/** Security and CORS headers, in one place. */
import type { IncomingMessage } from 'node:http';
import type { Tenant } from '../tenancy/tenants.js';

/** For the server's own HTML pages: its own scripts and styles only, never framed. */
export const PAGE_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/** For everything else (JSON, scripts): nothing may run or be framed in its name. */
const RESOURCE_CSP = "default-src 'none'; frame-ancestors 'none'";

export function securityHeaders(kind: 'page' | 'resource', https: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'content-security-policy': kind === 'page' ? PAGE_CSP : RESOURCE_CSP,
    // The bundle and the API are fetched by municipalities' pages on other origins.
    'cross-origin-resource-policy': kind === 'page' ? 'same-origin' : 'cross-origin',
    ...(https ? { 'strict-transport-security': 'max-age=31536000' } : {}),
  };
}

/** CORS for a tenant's allowed origins: the origin echoed when allowed, nothing otherwise. */
export function corsHeaders(tenant: Tenant, request: IncomingMessage): Record<string, string> {
  const origin = request.headers.origin;
  const headers: Record<string, string> = { vary: 'Origin' };
  if (origin === undefined) return headers;
  const allowed = tenant.allowedOrigins.includes('*') || tenant.allowedOrigins.includes(origin);
  if (!allowed) return headers;
  return { ...headers, 'access-control-allow-origin': origin, 'access-control-expose-headers': 'ETag, Retry-After, Location, Idempotent-Replayed' };
}

/** Answer to a preflight: the path's own methods, the headers the contract uses. */
export function preflightHeaders(methods: readonly string[]): Record<string, string> {
  return {
    'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
    'access-control-allow-headers': 'Idempotency-Key, Authorization, Content-Type',
    'access-control-max-age': '600',
  };
}
