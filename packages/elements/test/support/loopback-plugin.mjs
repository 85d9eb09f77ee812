// web-test-runner plugin: the server command `es-loopback` lets browser tests start
// core's loopback implementation of the HTTP contract (a real in-memory server) with
// the built-in services and test definitions, and read what it received.
//   executeServerCommand('es-loopback', { action: 'start', services?: ['fault-report'], definitions?: [{…}], serverErrors?: {id: [FieldError]}, basePath?: '/kommun', faults?: {} })
//     → { baseUrl }
//   executeServerCommand('es-loopback', { action: 'cases', baseUrl }) → [{ reference, request, answers }]
//   executeServerCommand('es-loopback', { action: 'events', baseUrl }) → the usage events received
import { tsImport } from 'tsx/esm/api';

const servers = new Map();

/**
 * Loopback services: built-in ones by id, plus test definitions given whole. `serverErrors`
 * (service id → field errors) makes the server add errors of its own, as server-only checks
 * (a duplicate report, a booked date) do.
 */
async function servicesFor(ids, definitions, serverErrors) {
  const services = [...(await Promise.all(ids.map(builtInService))), ...(await Promise.all(definitions.map(compiledService)))];
  return services.map((service) => {
    const extra = serverErrors[service.definition.id];
    if (!extra) return service;
    return { ...service, check: (answers) => ({ ...service.check(answers), errors: [...service.check(answers).errors, ...extra] }) };
  });
}

// Compiling a definition takes seconds (civil-wedding most): each is compiled once per
// run, and the built-ins before the first test asks, within the command's 20 s limit.
const compiled = new Map();

function compiledService(definition) {
  const key = JSON.stringify(definition);
  if (!compiled.has(key)) {
    compiled.set(key, tsImport('../../../core/test/contract/fixture.ts', import.meta.url).then(({ lampService }) => lampService(definition)));
  }
  return compiled.get(key);
}

async function builtInService(id) {
  const { loadBuiltInDefinition } = await tsImport('../../../services/src/index.ts', import.meta.url);
  return compiledService(loadBuiltInDefinition(id).definition);
}

export function loopbackPlugin() {
  return {
    name: 'eservice-kit: es-loopback',
    async serverStart() {
      const { BUILT_IN_SERVICE_IDS } = await tsImport('../../../services/src/index.ts', import.meta.url);
      await Promise.all(BUILT_IN_SERVICE_IDS.map(builtInService));
    },
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
      if (payload.action === 'events') {
        const server = servers.get(payload.baseUrl);
        if (!server) throw new Error(`no loopback server at ${payload.baseUrl}`);
        return server.state.events;
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
