/**
 * @eservice-kit/server: the reference server. It receives, stores and tracks e-service cases
 * for one or several municipalities (tenants), on SQLite by default. Start it with
 * `eservice-kit-server` (see docs/operations.md) or embed it with `startServer()`.
 */
export { startServer, dataPaths, type RunningServer } from './app.js';
export { configFromEnv, type Limits, type ServerConfig } from './config.js';
export { ServiceCatalog, type AddResult, type CatalogVersion } from './catalog.js';
export { createLogger, type Logger, type LogLevel } from './logger.js';
export { takeBackup, restoreBackup, checkIntegrity, type BackupManifest } from './operations/backup.js';
export { SqliteStorage } from './storage/sqlite/sqlite-storage.js';
export { FsBlobStore, type BlobStore } from './storage/blob-store.js';
export type * from './storage/types.js';
export type { TenantConfig } from './tenancy/tenant-config.js';
export { open311RequestParameters, open311Status } from './open311/service-request.js';
