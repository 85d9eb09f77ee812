/**
 * Tenants at run time: each one's configuration with its service catalog. Definitions are
 * recorded in storage the first time they are seen, so every version a case was submitted
 * against can be served (and its validator rebuilt) after the file changed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInDefinitionPath } from '@eservice-kit/services';
import { ServiceCatalog } from '../catalog.js';
import type { Logger } from '../logger.js';
import type { Storage } from '../storage/types.js';
import type { TenantConfig } from './tenant-config.js';

export interface Tenant extends TenantConfig {
  readonly catalog: ServiceCatalog;
  /** The branding stylesheet, when the tenant has tokens. */
  readonly brandingCss?: string;
}

function brandingCss(tokens: Readonly<Record<string, string>>): string | undefined {
  const entries = Object.entries(tokens);
  if (entries.length === 0) return undefined;
  return `:root {\n${entries.map(([name, value]) => `  ${name}: ${value};`).join('\n')}\n}\n`;
}

function ownDefinitionFiles(folder: string): string[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => join(folder, name));
}

async function tenantOf(config: TenantConfig, storage: Storage, logger: Logger): Promise<Tenant> {
  const catalog = new ServiceCatalog();
  // Older versions first, so the files below become the current ones.
  for (const record of await storage.definitionVersions(config.id)) {
    const added = catalog.add(record.definitionJson, { current: false });
    if (!added.ok) throw new Error(`Tenant ${config.id}: stored definition ${record.serviceId} ${record.version} no longer loads: ${JSON.stringify(added.errors)}`);
  }
  const sources = [
    ...config.builtInServices.map((id) => ({ file: builtInDefinitionPath(id as Parameters<typeof builtInDefinitionPath>[0]), own: false })),
    ...(config.definitionsDir === undefined ? [] : ownDefinitionFiles(config.definitionsDir).map((file) => ({ file, own: true }))),
  ];
  for (const { file, own } of sources) {
    const added = catalog.add(readFileSync(file, 'utf8'));
    if (!added.ok) {
      const messages = added.errors.map((issue) => `${issue.pointer || '/'}: ${issue.message.en}`).join('; ');
      throw new Error(`Tenant ${config.id}: ${own ? 'definition file' : 'built-in definition'} ${file} is refused: ${messages}`);
    }
    for (const warning of added.warnings) {
      // Built-in definitions name widgets of later releases (map, file upload): expected, so quiet.
      logger.log(own ? 'warn' : 'debug', 'definition warning', { tenant: config.id, service: added.version.definition.id, pointer: warning.pointer, code: warning.code, message: warning.message.en });
    }
    const { definition, hash, json } = added.version;
    await storage.saveDefinitionVersion(config.id, { serviceId: definition.id, version: definition.version, hash, definitionJson: json });
  }
  const css = brandingCss(config.branding);
  return { ...config, catalog, ...(css === undefined ? {} : { brandingCss: css }) };
}

export async function loadTenants(configs: readonly TenantConfig[], storage: Storage, logger: Logger): Promise<Tenant[]> {
  const tenants: Tenant[] = [];
  for (const config of configs) tenants.push(await tenantOf(config, storage, logger));
  return tenants;
}

/** The tenant a path belongs to and the path inside it; a named tenant wins over the root one. */
export function resolveTenant(tenants: readonly Tenant[], pathname: string): { tenant: Tenant; path: string } | undefined {
  const segment = /^\/([^/]+)/.exec(pathname)?.[1];
  const named = segment === undefined ? undefined : tenants.find((tenant) => tenant.basePath === `/${segment}`);
  if (named !== undefined) return { tenant: named, path: pathname.slice(named.basePath.length) || '/' };
  const root = tenants.find((tenant) => tenant.basePath === '');
  return root === undefined ? undefined : { tenant: root, path: pathname };
}
