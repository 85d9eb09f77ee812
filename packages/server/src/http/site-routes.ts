/**
 * What a tenant serves besides the API: the bundle and its chunks, the branding stylesheet,
 * the OpenAPI document, and the demo municipality site.
 */
import { renderDemoPage, type DemoPage, type DemoTenant } from '../demo/pages.js';
import { demoAsset } from '../demo/assets.js';
import type { Tenant } from '../tenancy/tenants.js';
import { notModified } from './catalog-routes.js';
import type { RequestContext } from './context.js';
import type { Reply } from './reply.js';
import type { StaticFile } from './static-files.js';

export interface SiteFiles {
  readonly bundle: ReadonlyMap<string, StaticFile>;
  readonly openApi: StaticFile;
}

export type SiteReply = Reply & { readonly kind: 'page' | 'resource'; readonly cors: boolean };

function fileReply(context: RequestContext, file: StaticFile, cors: boolean): SiteReply {
  const cache = file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache';
  if (notModified(context.request, file.etag)) return { kind: 'resource', cors, status: 304, headers: { etag: file.etag, 'cache-control': cache } };
  return { kind: 'resource', cors, status: 200, headers: { 'content-type': file.type, etag: file.etag, 'cache-control': cache }, body: file.body };
}

function demoTenant(tenant: Tenant): DemoTenant {
  return {
    basePath: tenant.basePath,
    name: tenant.name,
    hasBranding: tenant.brandingCss !== undefined,
    services: tenant.catalog.services().map(({ definition }) => ({
      id: definition.id,
      title: { sv: definition.title.sv ?? definition.id, en: definition.title.en ?? definition.title.sv ?? definition.id },
      description: { sv: definition.description.sv ?? '', en: definition.description.en ?? definition.description.sv ?? '' },
      handlingDays: definition.handlingTime.workingDays,
    })),
  };
}

const PAGES: readonly [RegExp, 'sv' | 'en', (match: RegExpExecArray) => DemoPage][] = [
  [/^\/$/, 'sv', () => ({ kind: 'index' })],
  [/^\/en\/?$/, 'en', () => ({ kind: 'index' })],
  [/^\/e-tjanster\/([a-z][a-z0-9_-]{0,63})$/, 'sv', (match) => ({ kind: 'service', serviceId: match[1]! })],
  [/^\/en\/e-services\/([a-z][a-z0-9_-]{0,63})$/, 'en', (match) => ({ kind: 'service', serviceId: match[1]! })],
  [/^\/status$/, 'sv', () => ({ kind: 'status' })],
  [/^\/en\/status$/, 'en', () => ({ kind: 'status' })],
];

/** The reply for a GET of a site path, or undefined when the path is not the site's. */
export function siteReply(context: RequestContext, files: SiteFiles, path: string): SiteReply | undefined {
  const bundleFile = files.bundle.get(path);
  if (bundleFile !== undefined) return fileReply(context, bundleFile, true);
  if (path === '/api/openapi.yaml') return fileReply(context, files.openApi, true);
  if (path === '/branding.css' && context.tenant.brandingCss !== undefined) {
    return { kind: 'resource', cors: true, status: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'no-cache' }, body: context.tenant.brandingCss };
  }
  const asset = /^\/demo\/([\w.-]+)$/.exec(path)?.[1];
  if (asset !== undefined) {
    const file = demoAsset(asset);
    return file === undefined ? undefined : fileReply(context, file, false);
  }
  for (const [pattern, locale, page] of PAGES) {
    const match = pattern.exec(path);
    if (match === null) continue;
    const html = renderDemoPage(demoTenant(context.tenant), page(match), locale);
    if (html === undefined) return undefined;
    return { kind: 'page', cors: false, status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' }, body: html };
  }
  return undefined;
}
