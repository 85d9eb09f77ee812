/**
 * One server per data folder: a pid file marks the folder as in use, so a second server,
 * or a restore, cannot work on it underneath a running one. A pid file left by a crash
 * names a process that is gone, and is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const PID_FILE = 'server.pid';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid of a live server using `dataDir`, if any. */
export function serverUsing(dataDir: string): number | undefined {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, PID_FILE), 'utf8').trim());
  } catch {
    return undefined;
  }
  // Our own pid in the file is a leftover (a container's server is pid 1 on every start).
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid) ? pid : undefined;
}

/** Marks `dataDir` as used by this process; throws when a live server already uses it. Returns the release. */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, PID_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(path, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return () => rmSync(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = serverUsing(dataDir);
      if (owner !== undefined) throw new Error(`Another server (process ${owner}) is using ${dataDir}; stop it first, or give this one its own DATA_DIR.`);
      rmSync(path, { force: true }); // left by a crash
    }
  }
  throw new Error(`Cannot lock ${dataDir}.`);
}
