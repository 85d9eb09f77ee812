/** CORS: the elements run on the municipality's own origin. */
import { expect, headerList, skip } from './assert.js';
import type { Check } from './context.js';

const REQUEST_HEADERS = ['idempotency-key', 'authorization', 'content-type'];

export const corsChecks: readonly Check[] = [
  {
    id: 'cors.preflight',
    name: 'Preflight allows POST with Idempotency-Key, Authorization and Content-Type',
    async run(context) {
      const id = context.serviceId ?? skip('no service to test');
      for (const path of [`api/services/${id}/cases`, 'api/cases/ABC-2000-000001']) {
        const response = await context.http.request('OPTIONS', path, {
          headers: {
            origin: context.origin,
            'access-control-request-method': path.endsWith('/cases') ? 'POST' : 'GET',
            'access-control-request-headers': REQUEST_HEADERS.join(', '),
          },
        });
        expect(response.status === 204 || response.status === 200, `preflight on ${path} answered ${response.status}`);
        const allowOrigin = response.headers.get('access-control-allow-origin');
        expect(allowOrigin === '*' || allowOrigin === context.origin, `${path}: Access-Control-Allow-Origin is ${allowOrigin}`);
        const methods = headerList(response, 'access-control-allow-methods');
        expect(methods.includes('post') || methods.includes('*'), `${path}: POST not among allowed methods`);
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
