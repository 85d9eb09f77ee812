/**
 * The tenants file: which municipalities this server hosts, under which path, with which
 * services, branding and allowed origins. Read once at start; every mistake is reported with
 * where it is, and the server does not start half-configured.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { BUILT_IN_SERVICE_IDS } from '@eservice-kit/services';
import { isAllowedOrigin, type ServerConfig } from '../config.js';

export interface TenantConfig {
  /** Storage key and, unless `path` says otherwise, the path segment: /{id}. */
  readonly id: string;
  /** '' for the tenant at the root, else '/{segment}'. */
  readonly basePath: string;
  readonly name: { readonly sv: string; readonly en: string };
  readonly allowedOrigins: readonly string[];
  /** Built-in service ids enabled for this tenant. */
  readonly builtInServices: readonly string[];
  /** Folder of the tenant's own definition files (*.json), if any. */
  readonly definitionsDir?: string;
  /** CSS custom properties (--es-*) served as {basePath}/branding.css. */
  readonly branding: Readonly<Record<string, string>>;
}

const ID = /^[a-z][a-z0-9-]{0,62}$/;
/** Path segments the server uses itself at the root; a tenant cannot take them. */
const RESERVED = new Set(['api', 'health', 'demo', 'chunks', 'en', 'e-tjanster', 'e-services', 'status', 'openapi', 'validators']);
const TOKEN_NAME = /^--es-[a-z0-9-]{1,60}$/;
/** Colours, lengths, font stacks: nothing that can end the declaration or open a url(). */
const TOKEN_VALUE = /^(?!.*url\()[#(),.%\w\s'"-]{1,120}$/i;

function fail(where: string, message: string): never {
  throw new Error(`Tenants file, ${where}: ${message}`);
}

function text(value: unknown, where: string): { sv: string; en: string } {
  if (typeof value === 'string' && value.trim() !== '') return { sv: value, en: value };
  if (typeof value === 'object' && value !== null && typeof (value as { sv?: unknown }).sv === 'string') {
    const { sv, en } = value as { sv: string; en?: unknown };
    return { sv, en: typeof en === 'string' ? en : sv };
  }
  return fail(where, 'name must be a text or {"sv": …, "en": …}');
}

function originList(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return fail(where, 'allowedOrigins must be a list of origins');
  return value.map((origin, index) => {
    if (!isAllowedOrigin(origin)) {
      return fail(`${where}.allowedOrigins[${index}]`, `"${String(origin)}" is not an origin like https://www.kommun.se`);
    }
    return origin;
  });
}

function branding(value: unknown, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(where, 'branding must be an object of --es-* tokens');
  for (const [name, token] of Object.entries(value)) {
    if (!TOKEN_NAME.test(name)) fail(`${where}.branding`, `"${name}" is not an --es-* token name`);
    if (typeof token !== 'string' || !TOKEN_VALUE.test(token)) fail(`${where}.branding["${name}"]`, 'is not a plain CSS value');
  }
  return value as Record<string, string>;
}

function tenantOf(raw: unknown, index: number, folder: string): TenantConfig {
  const where = `tenants[${index}]`;
  if (typeof raw !== 'object' || raw === null) return fail(where, 'must be an object');
  const entry = raw as Record<string, unknown>;
  const id = entry.id;
  if (typeof id !== 'string' || !ID.test(id)) return fail(where, 'id must be lower-case letters, digits and hyphens, starting with a letter');
  const root = entry.path === '/';
  if (entry.path !== undefined && !root && entry.path !== `/${id}`) fail(where, 'path must be "/" (the root) or left out (then it is /{id})');
  if (!root && RESERVED.has(id)) fail(where, `"${id}" is a path the server uses itself; choose another id`);
  const services = entry.services ?? [...BUILT_IN_SERVICE_IDS];
  if (!Array.isArray(services) || services.some((service) => !(BUILT_IN_SERVICE_IDS as readonly unknown[]).includes(service))) {
    fail(where, `services must list built-in services (${BUILT_IN_SERVICE_IDS.join(', ')})`);
  }
  const definitionsDir = entry.definitionsDir;
  if (definitionsDir !== undefined && typeof definitionsDir !== 'string') fail(where, 'definitionsDir must be a folder path');
  return {
    id,
    basePath: root ? '' : `/${id}`,
    name: text(entry.name ?? id, where),
    allowedOrigins: originList(entry.allowedOrigins, where),
    builtInServices: services as string[],
    ...(definitionsDir === undefined ? {} : { definitionsDir: resolve(folder, definitionsDir) }),
    branding: branding(entry.branding, where),
  };
}

/** The tenants of this server: from the tenants file, or one at the root. */
export function loadTenantConfigs(config: ServerConfig): TenantConfig[] {
  if (config.tenantsFile === undefined) {
    return [
      {
        id: 'default',
        basePath: '',
        name: { sv: config.municipalityName, en: config.municipalityName === 'Demokommun' ? 'Demo municipality' : config.municipalityName },
        allowedOrigins: config.allowedOrigins,
        builtInServices: [...BUILT_IN_SERVICE_IDS],
        branding: {},
      },
    ];
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(config.tenantsFile, 'utf8'));
  } catch (error) {
    throw new Error(`Tenants file ${config.tenantsFile} cannot be read as JSON: ${(error as Error).message}`);
  }
  const list = (parsed as { tenants?: unknown }).tenants;
  if (!Array.isArray(list) || list.length === 0) throw new Error('Tenants file: "tenants" must be a non-empty list.');
  const tenants = list.map((raw, index) => tenantOf(raw, index, dirname(config.tenantsFile!)));
  const ids = tenants.map((tenant) => tenant.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`Tenants file: the id "${duplicate}" is used twice.`);
  if (tenants.filter((tenant) => tenant.basePath === '').length > 1) throw new Error('Tenants file: only one tenant can be at the root ("path": "/").');
  return tenants;
}
