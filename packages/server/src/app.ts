/**
 * The reference server assembled: storage, blob store, tenants, HTTP front, the sweep of
 * unclaimed uploads, and a graceful stop (no new connections, in-flight requests finish,
 * queued writes commit, the database closes cleanly).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { ServerConfig } from './config.js';
import { loadDemoAssets } from './demo/assets.js';
import { createHttpFront, type HttpFront } from './http/server.js';
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

/**
 * What a crash can leave: half-written temporary files, and attachment files whose row was
 * never committed (or whose row the sweep removed just before). With the folder locked, no
 * upload is in progress, so every file no row names is one of those.
 */
async function removeLeftovers(storage: Storage, blobs: FsBlobStore, logger: Logger): Promise<void> {
  await blobs.clearTemporary();
  const inUse = await storage.blobKeysInUse();
  const orphans = (await blobs.keys()).filter((key) => !inUse.has(key));
  for (const key of orphans) await blobs.delete(key);
  if (orphans.length > 0) logger.log('info', 'attachment files without a row deleted', { count: orphans.length });
}

export async function startServer(config: ServerConfig, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const paths = dataPaths(config.dataDir);
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const unlock = lockDataFolder(config.dataDir);
  let opened: SqliteStorage | undefined;
  let started: Omit<RunningServer, 'close'> & { readonly front: HttpFront };
  try {
    const storage = (opened = new SqliteStorage({ path: paths.database }));
    const blobs = new FsBlobStore(paths.blobs);
    await removeLeftovers(storage, blobs, logger);
    const tenants = await loadTenants(loadTenantConfigs(config), storage, logger);
    const bundle = loadBundle(config.bundleDir);
    if (bundle.size === 0) logger.log('warn', 'bundle not found: run npm run build; pages will not load the elements', { bundleDir: config.bundleDir });
    loadDemoAssets(); // a missing file stops the start here, not as a 500 later
    const front = createHttpFront({ config, storage, blobs, logger, serverKey: await storage.serverKey(), tenants }, { bundle, openApi: loadOpenApi() });
    await new Promise<void>((resolve, reject) => {
      front.server.once('error', reject);
      front.server.listen(config.port, config.host, resolve);
    });
    const { port } = front.server.address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    started = { front, tenants, storage, blobs, url: `http://${host.includes(':') ? `[${host}]` : host}:${port}` };
    logger.log('info', 'listening', { port, tenants: tenants.length, services: tenants.reduce((sum, tenant) => sum + tenant.catalog.services().length, 0) });
  } catch (error) {
    // Nothing half-started stays behind: an embedding process can try again.
    await opened?.close();
    unlock();
    throw error;
  }
  const { front, storage, blobs, url, tenants } = started;

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
  return { url, tenants, storage: storage, blobs, close };
}
