/**
 * Starts the real server for a test: in this process (fast, for HTTP tests) or as a child
 * process running the built `main.js` (for crash, signal and backup tests). Each gets its own
 * temporary data folder; tenants come from a tenants file written here.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configFromEnv, createLogger, startServer, type RunningServer } from '../../src/index.js';

export const FIXTURE_DEFINITIONS = fileURLToPath(new URL('../fixtures/definitions/', import.meta.url));
export const MAIN_JS = fileURLToPath(new URL('../../dist/main.js', import.meta.url));

/** Two municipalities with the same service ids (built-ins and the lamp fixture), so references collide. */
export const TWO_TENANTS = {
  tenants: [
    { id: 'ostra', name: { sv: 'Östra kommun', en: 'Östra municipality' }, allowedOrigins: ['https://www.ostra.example'], definitionsDir: FIXTURE_DEFINITIONS, branding: { '--es-color-primary': '#00543c' } },
    { id: 'vastra', name: { sv: 'Västra kommun', en: 'Västra municipality' }, allowedOrigins: ['https://www.vastra.example'], definitionsDir: FIXTURE_DEFINITIONS },
  ],
};

export function temporaryFolder(label: string): string {
  return mkdtempSync(join(tmpdir(), `eservice-kit-${label}-`));
}

export interface TestServerOptions {
  readonly tenants?: unknown;
  readonly env?: Readonly<Record<string, string>>;
  readonly dataDir?: string;
}

function environment(options: TestServerOptions, dataDir: string): Record<string, string> {
  const env: Record<string, string> = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...options.env };
  if (options.tenants !== undefined) {
    const file = join(temporaryFolder('tenants'), 'tenants.json');
    writeFileSync(file, JSON.stringify(options.tenants));
    env.TENANTS_FILE = file;
  }
  return env;
}

export async function startInProcess(options: TestServerOptions = {}): Promise<RunningServer & { dataDir: string }> {
  const dataDir = options.dataDir ?? temporaryFolder('data');
  const config = configFromEnv(environment(options, dataDir));
  const server = await startServer(config, createLogger('silent'));
  return Object.assign(server, { dataDir });
}

export interface ChildServer {
  readonly process: ChildProcess;
  readonly url: string;
  readonly dataDir: string;
  /** Everything the child wrote to stdout (its JSON log lines). */
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Runs the built server as its own process and resolves once it listens. */
export async function startChild(options: TestServerOptions = {}): Promise<ChildServer> {
  const dataDir = options.dataDir ?? temporaryFolder('data');
  const env = { ...process.env, ...environment({ ...options, env: { LOG_LEVEL: 'info', ...options.env } }, dataDir) };
  const child = spawn(process.execPath, [MAIN_JS], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${errors}`)), 30_000);
    const look = () => {
      const line = output.split('\n').find((candidate) => candidate.includes('"msg":"listening"'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
      }
    };
    child.stdout!.on('data', look);
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${errors}`)));
  });
  return { process: child, url, dataDir, output: () => output, exited };
}
