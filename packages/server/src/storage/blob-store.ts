/**
 * Attachment bytes live outside the database, behind this interface (a filesystem now; object
 * storage can follow). Keys are made by the store, never taken from a request.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, unlink, copyFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BlobStore {
  /** Stores the bytes durably and returns their new key. */
  put(bytes: Uint8Array): Promise<string>;
  get(key: string): Promise<Buffer | undefined>;
  delete(key: string): Promise<void>;
  keys(): Promise<string[]>;
}

const KEY_PATTERN = /^[A-Za-z0-9_-]{32}$/;

async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** One file per blob in a two-level fan-out, written to a temporary name, fsynced, then renamed. */
export class FsBlobStore implements BlobStore {
  constructor(readonly directory: string) {
    mkdirSync(join(directory, 'tmp'), { recursive: true, mode: 0o700 });
  }

  private pathOf(key: string): string {
    if (!KEY_PATTERN.test(key)) throw new Error('invalid blob key');
    return join(this.directory, key.slice(0, 2), key);
  }

  async put(bytes: Uint8Array): Promise<string> {
    const key = randomBytes(24).toString('base64url');
    const temporary = join(this.directory, 'tmp', key);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    const folder = join(this.directory, key.slice(0, 2));
    // A new fan-out folder is durable only once the store's folder holding its name is synced.
    if ((await mkdir(folder, { recursive: true, mode: 0o700 })) !== undefined) await fsyncPath(this.directory);
    await rename(temporary, this.pathOf(key));
    // The rename is durable only once the folder holding the new name is.
    await fsyncPath(folder);
    return key;
  }

  async get(key: string): Promise<Buffer | undefined> {
    if (!KEY_PATTERN.test(key)) return undefined;
    return readFile(this.pathOf(key)).catch(() => undefined);
  }

  async delete(key: string): Promise<void> {
    if (!KEY_PATTERN.test(key)) return;
    await unlink(this.pathOf(key)).catch(() => undefined);
  }

  async keys(): Promise<string[]> {
    const folders = (await readdir(this.directory, { withFileTypes: true })).filter((entry) => entry.isDirectory() && entry.name !== 'tmp');
    const nested = await Promise.all(folders.map((folder) => readdir(join(this.directory, folder.name))));
    return nested.flat().filter((name) => KEY_PATTERN.test(name)).sort();
  }

  /**
   * Copies blobs into `target` (a backup); blobs are immutable, so each copy is consistent.
   * Returns the keys copied: a blob deleted meanwhile (an expired upload) is skipped.
   */
  async copyTo(target: string, keys: readonly string[]): Promise<string[]> {
    const copied: string[] = [];
    for (const key of keys) {
      const folder = join(target, key.slice(0, 2));
      await mkdir(folder, { recursive: true, mode: 0o700 });
      try {
        await copyFile(this.pathOf(key), join(folder, key));
        copied.push(key);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    return copied;
  }

  /** Leftovers of writes a crash interrupted. */
  async clearTemporary(): Promise<void> {
    await rm(join(this.directory, 'tmp'), { recursive: true, force: true });
    await mkdir(join(this.directory, 'tmp'), { recursive: true });
  }
}
