#!/usr/bin/env node
/**
 * The reference server's command line:
 *   eservice-kit-server                 start (configuration from the environment)
 *   eservice-kit-server backup <folder>  consistent backup of DATA_DIR while the server runs
 *   eservice-kit-server restore <folder> restore a backup into DATA_DIR (server stopped)
 */
import { startServer } from './app.js';
import { configFromEnv } from './config.js';
import { createLogger } from './logger.js';
import { restoreBackup, takeBackup } from './operations/backup.js';

async function main(argv: readonly string[]): Promise<void> {
  const config = configFromEnv();
  const [command = 'start', folder] = argv;
  if (command === 'backup' || command === 'restore') {
    if (folder === undefined) throw new Error(`Usage: eservice-kit-server ${command} <folder>`);
    const manifest = command === 'backup' ? await takeBackup(config.dataDir, folder) : restoreBackup(folder, config.dataDir);
    console.log(`${command === 'backup' ? 'Backup taken' : 'Restored'}: ${manifest.cases} cases, ${manifest.blobs} files (${manifest.takenAt}).`);
    return;
  }
  if (command !== 'start') throw new Error(`Unknown command "${command}". Use start, backup <folder> or restore <folder>.`);
  const logger = createLogger(config.logLevel);
  const server = await startServer(config, logger);
  console.error(`eservice-kit server: ${server.url}/ (demo site), ${server.url}/health; data in ${config.dataDir}`);
  let stopping = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.log('info', 'stopping', { signal });
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
