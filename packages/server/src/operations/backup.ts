/**
 * Backup and restore of a data folder: the SQLite database as one consistent snapshot taken
 * while the server keeps writing, and the blobs that snapshot refers to.
 * Blobs are written and fsynced before the row naming them commits, and never change, so
 * every blob of the snapshot is on disk when it is copied.
 */
import { createHash } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dataPaths } from '../app.js';
import { FsBlobStore } from '../storage/blob-store.js';
import { serverUsing } from './data-lock.js';

export interface BackupManifest {
  readonly format: 'eservice-kit-backup/1';
  readonly takenAt: string;
  readonly databaseSha256: string;
  /** One digest over every blob's key and content, so a changed or missing file is noticed. */
  readonly blobsSha256: string;
  readonly cases: number;
  readonly blobs: number;
}

const MANIFEST = 'manifest.json';
const DATABASE = 'eservice-kit.sqlite';

function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function blobsDigest(folder: string, keys: readonly string[]): string {
  const digest = createHash('sha256');
  for (const key of [...keys].sort()) digest.update(`${key}\n`).update(readFileSync(join(folder, key.slice(0, 2), key)));
  return digest.digest('hex');
}

/** Fails unless SQLite's own integrity check passes. */
export function checkIntegrity(path: string): void {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const result = db.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`integrity check failed: ${String(result)}`);
  } finally {
    db.close();
  }
}

/** Takes a backup of `dataDir` into the new folder `target`, while a server may be running on it. */
export async function takeBackup(dataDir: string, target: string): Promise<BackupManifest> {
  if (existsSync(target) && readdirSync(target).length > 0) throw new Error(`${target} is not empty; choose a new folder for the backup.`);
  const paths = dataPaths(dataDir);
  if (!existsSync(paths.database)) throw new Error(`No database in ${dataDir}.`);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  try {
    return await copyInto(paths, target);
  } catch (error) {
    // A half-made backup must not pass for one, nor block the next attempt.
    rmSync(target, { recursive: true, force: true });
    throw error;
  }
}

async function copyInto(paths: { database: string; blobs: string }, target: string): Promise<BackupManifest> {
  const databaseCopy = join(target, DATABASE);
  // Read-only, and without the storage layer: a backup never migrates the live database.
  // VACUUM INTO copies one read snapshot in a single pass; the page-by-page online backup
  // would start over each time the running server commits, and might never finish under load.
  const live = new Database(paths.database, { readonly: true, fileMustExist: true });
  try {
    live.prepare('VACUUM INTO ?').run(databaseCopy);
  } finally {
    live.close();
  }
  chmodSync(databaseCopy, 0o600);
  const snapshot = new Database(databaseCopy);
  let cases: number;
  let uploads: { blob_key: string; attached: number }[];
  try {
    cases = snapshot.prepare('SELECT count(*) FROM cases').pluck().get() as number;
    uploads = snapshot.prepare('SELECT blob_key, case_id IS NOT NULL AS attached FROM uploads').all() as typeof uploads;
  } finally {
    snapshot.close();
  }
  const copied = new Set(await new FsBlobStore(paths.blobs).copyTo(join(target, 'blobs'), uploads.map((upload) => upload.blob_key)));
  // Only an unclaimed upload can lose its file meanwhile (the sweep); a case's attachment never does.
  const missing = uploads.filter((upload) => upload.attached && !copied.has(upload.blob_key));
  if (missing.length > 0) throw new Error(`${missing.length} attachment file(s) of cases are missing from ${paths.blobs}.`);
  checkIntegrity(databaseCopy);
  const manifest: BackupManifest = {
    format: 'eservice-kit-backup/1',
    takenAt: new Date().toISOString(),
    databaseSha256: sha256File(databaseCopy),
    blobsSha256: blobsDigest(join(target, 'blobs'), [...copied]),
    cases,
    blobs: copied.size,
  };
  writeFileSync(join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  return manifest;
}

/**
 * Restores a backup into `dataDir` (the server must be stopped). The backup is checked first;
 * existing data is kept aside as `{dataDir}.before-restore-{time}` instead of being deleted.
 */
export function restoreBackup(source: string, dataDir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(join(source, MANIFEST), 'utf8')) as BackupManifest;
  if (manifest.format !== 'eservice-kit-backup/1') throw new Error(`${source} is not an eservice-kit backup.`);
  const database = join(source, DATABASE);
  if (sha256File(database) !== manifest.databaseSha256) throw new Error('The backup database does not match its manifest (changed or damaged).');
  checkIntegrity(database);
  const blobFolder = join(source, 'blobs');
  const keys = existsSync(blobFolder) ? readdirSync(blobFolder).flatMap((fan) => readdirSync(join(blobFolder, fan))) : [];
  if (blobsDigest(blobFolder, keys) !== manifest.blobsSha256) throw new Error('The backup\'s attachment files do not match its manifest (changed, missing or added).');
  const running = serverUsing(dataDir);
  if (running !== undefined) throw new Error(`A server (process ${running}) is using ${dataDir}; stop it before restoring.`);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    renameSync(dataDir, `${dataDir}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  }
  const paths = dataPaths(dataDir);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  cpSync(database, paths.database);
  if (existsSync(join(source, 'blobs'))) cpSync(join(source, 'blobs'), paths.blobs, { recursive: true });
  else mkdirSync(paths.blobs, { recursive: true });
  rmSync(`${paths.database}-wal`, { force: true });
  return manifest;
}
