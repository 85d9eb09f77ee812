/**
 * The reference server assembled: storage, blob store, tenants, HTTP front, the sweep of
 * unclaimed uploads, and a graceful stop (no new connections, in-flight requests finish,
 * queued writes commit, the database closes cleanly).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from './config.js';
import { createHttpFront } from './http/server.js';
import { loadBundle, loadOpenApi } from './http/static-files.js';
import { createLogger, type Logger } from './logger.js';
import { lockDataFolder } from './operations/data-lock.js';
import { FsBlobStore } from './storage/blob-store.js';
import { SqliteStorage } from './storage/sqlite/sqlite-storage.js';
import type { Storage } from './storage/types.js';
import { loadTenantConfigs } from './tenancy/tenant-config.js';
import { loadTenants, type Tenant } from './tenancy/tenants.js';

/** Unclaimed uploads are deleted after a day (docs/openapi.yaml). */
const UPLOAD_LIFETIME_MS = 24 * 60 * 60 * 1000;
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const RATE_SWEEP_INTERVAL_MS = 60 * 1000;

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  readonly url: string;
  readonly tenants: readonly Tenant[];
  readonly storage: Storage;
  readonly blobs: FsBlobStore;
  /** Stops accepting, lets in-flight requests finish (up to the grace time), then closes storage. */
  close(): Promise<void>;
}

export function dataPaths(dataDir: string): { database: string; blobs: string } {
  return { database: join(dataDir, 'eservice-kit.sqlite'), blobs: join(dataDir, 'blobs') };
}

export async function startServer(config: ServerConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const paths = dataPaths(config.dataDir);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataFolder(config.dataDir);
  let storage: SqliteStorage;
  try {
    storage = new SqliteStorage({ path: paths.database });
  } catch (error) {
    unlock();
    throw error;
  }
  const blobs = new FsBlobStore(paths.blobs);
  await blobs.clearTemporary();
  const tenants = await loadTenants(loadTenantConfigs(config), storage, logger).catch(async (error: unknown) => {
    await storage.close();
    unlock();
    throw error;
  });
  const bundle = loadBundle(config.bundleDir);
  if (bundle.size === 0) logger.log('warn', 'bundle not found: run npm run build; pages will not load the elements', { bundleDir: config.bundleDir });
  const front = createHttpFront({ config, storage, blobs, logger, serverKey: await storage.serverKey(), tenants }, { bundle, openApi: loadOpenApi() });

  const sweep = async () => {
    const expired = await storage.takeExpiredUploads(new Date(Date.now() - UPLOAD_LIFETIME_MS).toISOString());
    for (const upload of expired) await blobs.delete(upload.blobKey);
    if (expired.length > 0) logger.log('info', 'unclaimed uploads deleted', { count: expired.length });
  };
  const sweeper = setInterval(() => void sweep().catch(() => logger.log('warn', 'upload sweep failed')), SWEEP_INTERVAL_MS);
  sweeper.unref();
  // Rate-limit windows are kept no longer than they count.
  const rateSweeper = setInterval(() => void storage.sweepRateLimits(Date.now()).catch(() => logger.log('warn', 'rate-limit sweep failed')), RATE_SWEEP_INTERVAL_MS);
  rateSweeper.unref();

  await new Promise<void>((resolve, reject) => {
    front.server.once('error', reject);
    front.server.listen(config.port, config.host, resolve);
  });
  const { port } = front.server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  logger.log('info', 'listening', { port, tenants: tenants.length, services: tenants.reduce((sum, tenant) => sum + tenant.catalog.services().length, 0) });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(sweeper);
      clearInterval(rateSweeper);
      front.refuseNewRequests();
      const stopped = new Promise<void>((resolve) => front.server.close(() => resolve()));
      front.server.closeIdleConnections();
      const deadline = Date.now() + config.shutdownGraceSeconds * 1000;
      while (front.inFlight() > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      front.server.closeAllConnections();
      await stopped;
      await storage.close();
      unlock();
      logger.log('info', 'stopped');
    })());
  return { url, tenants, storage, blobs, close };
}
