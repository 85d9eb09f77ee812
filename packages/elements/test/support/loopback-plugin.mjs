// web-test-runner plugin: the server command `es-loopback` lets browser tests start
// core's loopback implementation of the HTTP contract (a real in-memory server) with
// the built-in services and test definitions, and read what it received.
//   executeServerCommand('es-loopback', { action: 'start', services?: ['fault-report'], definitions?: [{…}], serverErrors?: {id: [FieldError]}, basePath?: '/kommun', faults?: {} })
//     → { baseUrl }
//   executeServerCommand('es-loopback', { action: 'cases', baseUrl }) → [{ reference, request, answers, idempotencyKeys }]
import { tsImport } from 'tsx/esm/api';

const servers = new Map();

/**
 * Loopback services: built-in ones by id, plus test definitions given whole. `serverErrors`
 * (service id → field errors) makes the server add errors of its own, as server-only checks
 * (a duplicate report, a booked date) do.
 */
async function servicesFor(ids, definitions, serverErrors) {
  const { lampService } = await tsImport('../../../core/test/contract/fixture.ts', import.meta.url);
  const { loadBuiltInDefinition } = await tsImport('../../../services/src/index.ts', import.meta.url);
  const services = [...ids.map((id) => lampService(loadBuiltInDefinition(id).definition)), ...definitions.map((definition) => lampService(definition))];
  return services.map((service) => {
    const extra = serverErrors[service.definition.id];
    if (!extra) return service;
    return { ...service, check: (answers) => ({ ...service.check(answers), errors: [...service.check(answers).errors, ...extra] }) };
  });
}

export function loopbackPlugin() {
  return {
    name: 'eservice-kit: es-loopback',
    async executeCommand({ command, payload }) {
      if (command !== 'es-loopback') return undefined;
      if (payload.action === 'start') {
        const { startLoopbackServer } = await tsImport('../../../core/test/contract/loopback-server.ts', import.meta.url);
        const server = await startLoopbackServer({
          services: await servicesFor(payload.services ?? [], payload.definitions ?? [], payload.serverErrors ?? {}),
          basePath: payload.basePath ?? '/kommun',
          faults: payload.faults ?? {},
          ...(payload.limits ? { limits: payload.limits } : {}),
        });
        servers.set(server.baseUrl, server);
        return { baseUrl: server.baseUrl };
      }
      if (payload.action === 'cases') {
        const server = servers.get(payload.baseUrl);
        if (!server) throw new Error(`no loopback server at ${payload.baseUrl}`);
        return [...server.cases.values()].map((stored) => ({ reference: stored.reference, request: stored.request, answers: stored.answers }));
      }
      if (payload.action === 'stop') {
        for (const server of servers.values()) await server.close();
        servers.clear();
        return true;
      }
      throw new Error(`es-loopback: unknown action ${payload.action}`);
    },
  };
}
