/**
 * Category 9: tenants, services, surveys and paths that do not exist, and methods a path does
 * not take (405 with Allow). Refusals with a body drain it, so a kept-alive connection goes on
 * serving: each such case sends a second request over the same socket.
 */
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { send, type Answer, type HostileCase, type Target } from './harness.js';

const notFound = { status: 404, code: 'not-found' } as const;

export function routingCases(target: Target, origin: string): HostileCase[] {
  const { main } = target;
  const allow = (expected: string) => ({ status: 405, code: 'method-not-allowed', check: (answer: Answer) => assert.equal(answer.headers.allow, expected, 'Allow names the methods') }) as const;
  const body = JSON.stringify({ answers: { description: 'x'.repeat(200_000), anonymous: false } });

  /** Sends the hostile request with a body over a kept-alive connection, then GETs the service list over the same one. */
  const thenStillServing = (method: string, path: string, alsoCheck: (answer: Answer) => void = () => undefined) => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    let second: Answer | undefined;
    return {
      send: async () => {
        try {
          const first = await send(origin, path, { method, agent, body, headers: { 'content-type': 'application/json', 'idempotency-key': 'routing-check-1' } });
          second = await send(origin, '/ostra/api/services', { agent });
          return first;
        } finally {
          agent.destroy();
        }
      },
      check: (answer: Answer) => {
        alsoCheck(answer);
        assert.equal(second?.status, 200, 'the next request on the connection is served');
        assert.equal(second?.reusedSocket, true, 'the connection was kept and reused');
      },
    };
  };

  return [
    { name: 'unknown tenant /norra', send: () => main.get('/norra/api/services'), ...notFound },
    { name: 'unknown tenant, submission', ...thenStillServing('POST', '/norra/api/services/broken-lamp/cases'), ...notFound },
    { name: 'unknown tenant, its base', send: () => main.get('/norra'), ...notFound },
    { name: 'the root, where no tenant is', send: () => main.get('/'), ...notFound },
    { name: 'unknown service, submission with a 200 kB body', ...thenStillServing('POST', '/ostra/api/services/no-such/cases'), status: 404, code: 'service-not-found' },
    { name: 'unknown service, definition', send: () => main.get('/ostra/api/services/no-such'), status: 404, code: 'service-not-found' },
    { name: 'unknown service, validator', send: () => main.get('/ostra/api/services/no-such/validator.js'), status: 404, code: 'service-not-found' },
    { name: 'service id in another letter case', send: () => main.get('/vastra/api/services/Broken-Lamp'), status: 404, code: 'service-not-found' },
    { name: 'unknown validator version', send: () => main.get(`/ostra/api/services/broken-lamp/validator.js?hash=sha256-${'A'.repeat(43)}`), ...notFound },
    { name: 'unknown survey, with a body', ...thenStillServing('POST', '/ostra/api/surveys/nope/responses'), status: 404, code: 'survey-not-found' },
    { name: 'unknown API path', send: () => main.json('/ostra/api/nope', {}), ...notFound },
    { name: 'the API base itself', send: () => main.get('/ostra/api'), ...notFound },
    { name: 'POST to a page', send: () => main.json('/ostra/', {}), ...notFound },
    { name: 'DELETE the service list', send: () => main.request('DELETE', '/ostra/api/services'), ...allow('GET, OPTIONS') },
    { name: 'POST to the service list', send: () => main.json('/vastra/api/services', {}), ...allow('GET, OPTIONS') },
    { name: 'PUT a definition', send: () => main.request('PUT', '/ostra/api/services/broken-lamp', { body: '{}', headers: { 'content-type': 'application/json' } }), ...allow('GET, OPTIONS') },
    { name: 'GET the cases of a service', send: () => main.get('/ostra/api/services/broken-lamp/cases'), ...allow('POST, OPTIONS') },
    { name: 'PATCH a case', send: () => main.request('PATCH', `/ostra/api/cases/${target.ostra.reference}`, { body: '{"status":"fixed"}', headers: { 'content-type': 'application/json', authorization: `Bearer ${target.ostra.token}` } }), ...allow('GET, OPTIONS') },
    { name: 'DELETE a case', send: () => main.request('DELETE', `/ostra/api/cases/${target.ostra.reference}`, { headers: { authorization: `Bearer ${target.ostra.token}` } }), ...allow('GET, OPTIONS') },
    { name: 'GET the uploads', send: () => main.get('/ostra/api/uploads'), ...allow('POST, OPTIONS') },
    { name: 'GET the feedback', send: () => main.get('/ostra/api/feedback'), ...allow('POST, OPTIONS') },
    { name: 'PUT events, with a body', ...allow('POST, OPTIONS'), ...thenStillServing('PUT', '/ostra/api/events', allow('POST, OPTIONS').check) },
    { name: 'DELETE survey responses', send: () => main.request('DELETE', '/ostra/api/surveys/standard/responses'), ...allow('POST, OPTIONS') },
    { name: 'TRACE the service list', send: () => main.request('TRACE', '/ostra/api/services'), ...allow('GET, OPTIONS') },
  ];
}
