/** CORS: the elements run on the municipality's own origin. */
import { expect, headerList, skip } from './assert.js';
import type { Check } from './context.js';
import type { HttpResponse } from './http.js';

const REQUEST_HEADERS = ['idempotency-key', 'authorization', 'content-type'];

/**
 * Whether a preflight answer allows `method`: named in Access-Control-Allow-Methods, or `*`
 * (no credentials are ever sent). GET needs no mention: it is a CORS-safelisted method, so
 * browsers accept it whatever the header says. POST is safelisted too, but the contract asks
 * for it by name on the paths that take it, as docs/openapi.yaml documents.
 */
function preflightAllowsMethod(response: HttpResponse, method: string): boolean {
  const methods = headerList(response, 'access-control-allow-methods');
  return method === 'GET' || methods.includes(method.toLowerCase()) || methods.includes('*');
}

/** Paths the elements call with non-safelisted headers, and the method each preflight asks for. */
const PREFLIGHTS = (serviceId: string): readonly (readonly [path: string, method: string])[] => [
  [`api/services/${serviceId}/cases`, 'POST'],
  ['api/cases/ABC-2000-000001', 'GET'],
];

export const corsChecks: readonly Check[] = [
  {
    id: 'cors.preflight',
    name: 'Preflight allows the requested method (POST for cases, GET for a case) with Idempotency-Key, Authorization and Content-Type',
    async run(context) {
      const id = context.serviceId ?? skip('no service to test');
      for (const [path, method] of PREFLIGHTS(id)) {
        const response = await context.http.request('OPTIONS', path, {
          headers: {
            origin: context.origin,
            'access-control-request-method': method,
            'access-control-request-headers': REQUEST_HEADERS.join(', '),
          },
        });
        expect(response.status === 204 || response.status === 200, `preflight on ${path} answered ${response.status}`);
        const allowOrigin = response.headers.get('access-control-allow-origin');
        expect(allowOrigin === '*' || allowOrigin === context.origin, `${path}: Access-Control-Allow-Origin is ${allowOrigin}`);
        const methods = response.headers.get('access-control-allow-methods');
        expect(preflightAllowsMethod(response, method), `${path}: ${method} not among allowed methods (Access-Control-Allow-Methods: ${methods ?? 'absent'})`);
        const allowed = headerList(response, 'access-control-allow-headers');
        for (const header of REQUEST_HEADERS) {
          // A wildcard never covers Authorization (Fetch standard), so it must be named.
          const covered = allowed.includes(header) || (header !== 'authorization' && allowed.includes('*'));
          expect(covered, `${path}: ${header} not allowed (Access-Control-Allow-Headers: ${allowed.join(', ')})`);
        }
      }
    },
  },
  {
    id: 'cors.expose',
    name: 'Responses carry CORS headers and expose ETag, Retry-After and Location',
    async run(context) {
      const id = context.serviceId ?? skip('no service to test');
      const response = await context.http.request('GET', `api/services/${id}`, { headers: { origin: context.origin } });
      const allowOrigin = response.headers.get('access-control-allow-origin');
      expect(allowOrigin === '*' || allowOrigin === context.origin, `Access-Control-Allow-Origin is ${allowOrigin}`);
      const exposed = headerList(response, 'access-control-expose-headers');
      for (const header of ['etag', 'retry-after', 'location']) {
        expect(exposed.includes(header), `${header} not in Access-Control-Expose-Headers (${exposed.join(', ')})`);
      }
      expect(response.headers.get('access-control-allow-credentials') !== 'true', 'credentials must not be allowed');
    },
  },
];
