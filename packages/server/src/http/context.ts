/** What every route gets: the tenant, the request, and the server's parts. */
import { createHmac } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ServerConfig } from '../config.js';
import type { Logger } from '../logger.js';
import type { BlobStore } from '../storage/blob-store.js';
import type { Storage } from '../storage/types.js';
import type { Tenant } from '../tenancy/tenants.js';

export interface ServerParts {
  readonly config: ServerConfig;
  readonly storage: Storage;
  readonly blobs: BlobStore;
  readonly logger: Logger;
  /** Derives replayable receipt secrets; never leaves the process. */
  readonly serverKey: Buffer;
  readonly tenants: readonly Tenant[];
}

export interface RequestContext extends ServerParts {
  readonly tenant: Tenant;
  readonly request: IncomingMessage;
  /** Path params in route order, percent-decoded. */
  readonly params: readonly string[];
  readonly url: URL;
  /** The client's address (from X-Forwarded-For only with TRUST_PROXY), for rate limits; never logged. */
  readonly client: string;
  /** Absolute URL of the tenant's base, e.g. https://e.kommun.se/ostra, for links in receipts. */
  readonly tenantUrl: string;
}

/** The client address: the socket's, or behind a trusted proxy the last address it appended. */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = String(request.headers['x-forwarded-for'] ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    if (forwarded.length > 0) return forwarded.at(-1)!;
  }
  return request.socket.remoteAddress ?? 'unknown';
}

const HOST = /^[A-Za-z0-9.-]+(?::\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](?::\d{1,5})?$/;

/** The public origin: PUBLIC_URL, else the Host header (and X-Forwarded-Proto/-Host behind a trusted proxy). */
export function publicOrigin(request: IncomingMessage, config: ServerConfig): string {
  if (config.publicUrl !== undefined) return config.publicUrl;
  const forwardedHost = config.trustProxy ? String(request.headers['x-forwarded-host'] ?? '').split(',')[0]!.trim() : '';
  const host = forwardedHost || request.headers.host || `localhost:${config.port}`;
  const proto = config.trustProxy && request.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
  return HOST.test(host) ? `${proto}://${host}` : `http://localhost:${config.port}`;
}

/**
 * A rate-limit bucket for this client in this tenant. The address is kept only as a keyed
 * hash, so the limits table (and its backups) holds no IP addresses.
 */
export function clientBucket(context: RequestContext, kind: string): string {
  const client = createHmac('sha256', context.serverKey).update(`client\n${context.client}`).digest('base64url').slice(0, 22);
  return `${kind}\n${context.tenant.id}\n${client}`;
}
