/**
 * Server configuration from environment variables (documented in docs/operations.md). Bad
 * values stop the start with a message naming the variable, instead of a surprise later.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Limits {
  /** Largest JSON body accepted, in bytes. */
  readonly jsonBytes: number;
  /** Largest upload, in bytes (a definition cannot raise it). */
  readonly uploadBytes: number;
  /** Case submissions per client address per minute (each limit counts per tenant). */
  readonly submissionsPerMinute: number;
  /** Failed case look-ups per client address per minute. */
  readonly lookupFailuresPerMinute: number;
  /** Uploads per client address per minute. */
  readonly uploadsPerMinute: number;
  /** Feedback, survey responses and usage-event batches per client address per minute. */
  readonly evaluationPostsPerMinute: number;
}

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Holds the SQLite database and the blob store. */
  readonly dataDir: string;
  /** Trust X-Forwarded-For/-Proto/-Host from the proxy in front (TLS termination). */
  readonly trustProxy: boolean;
  /** The public origin (e.g. https://e.kommun.se) used in receipts' links; else taken from the request. */
  readonly publicUrl?: string;
  /** JSON file listing the tenants; without it, one tenant is served at the root. */
  readonly tenantsFile?: string;
  /** Allowed CORS origins of the root tenant when there is no tenants file. */
  readonly allowedOrigins: readonly string[];
  /** Name of the root tenant when there is no tenants file. */
  readonly municipalityName: string;
  /** Where the script-tag bundle (eservice-kit.js and chunks/) is read from. */
  readonly bundleDir: string;
  readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  readonly limits: Limits;
  /** Seconds in-flight requests get to finish on SIGTERM. */
  readonly shutdownGraceSeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  return value;
}

function origins(env: Env, name: string): string[] {
  return (env[name] ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '')
    .map((origin) => {
      if (!isAllowedOrigin(origin)) throw new Error(`${name}: "${origin}" is not an origin like https://www.kommun.se`);
      return origin;
    });
}

/** An allowed-origins entry: "*" (any page), or exactly an origin like https://www.kommun.se. */
export function isAllowedOrigin(value: unknown): value is string {
  return value === '*' || (typeof value === 'string' && URL.canParse(value) && new URL(value).origin === value);
}

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function configFromEnv(env: Env = process.env, cwd = process.cwd()): ServerConfig {
  const logLevel = (env.LOG_LEVEL ?? 'info') as ServerConfig['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}.`);
  const publicUrl = env.PUBLIC_URL?.replace(/\/+$/, '');
  if (publicUrl !== undefined && publicUrl !== '' && !/^https?:\/\/[^/]+$/.test(publicUrl)) throw new Error('PUBLIC_URL must be an origin like https://e.kommun.se (no path).');
  const trustProxy = env.TRUST_PROXY ?? 'false';
  if (!['true', 'false', '1', '0'].includes(trustProxy)) throw new Error('TRUST_PROXY must be true or false.');
  return {
    port: integer(env, 'PORT', 8080, 0, 65535),
    host: env.HOST ?? '0.0.0.0',
    dataDir: resolve(cwd, env.DATA_DIR ?? 'data'),
    trustProxy: trustProxy === 'true' || trustProxy === '1',
    ...(publicUrl ? { publicUrl } : {}),
    ...(env.TENANTS_FILE ? { tenantsFile: resolve(cwd, env.TENANTS_FILE) } : {}),
    allowedOrigins: origins(env, 'ALLOWED_ORIGINS'),
    municipalityName: env.MUNICIPALITY_NAME ?? 'Demokommun',
    bundleDir: resolve(cwd, env.BUNDLE_DIR ?? fileURLToPath(new URL('../../../dist', import.meta.url))),
    logLevel,
    limits: {
      // The contract: at least 64 KiB accepted, nothing above 1 MiB.
      jsonBytes: integer(env, 'MAX_JSON_BYTES', 256 * 1024, 64 * 1024, 1024 * 1024),
      uploadBytes: integer(env, 'MAX_UPLOAD_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
      submissionsPerMinute: integer(env, 'RATE_LIMIT_SUBMISSIONS', 60, 1, 10_000_000),
      lookupFailuresPerMinute: integer(env, 'RATE_LIMIT_LOOKUP_FAILURES', 30, 1, 10_000_000),
      uploadsPerMinute: integer(env, 'RATE_LIMIT_UPLOADS', 30, 1, 10_000_000),
      evaluationPostsPerMinute: integer(env, 'RATE_LIMIT_EVALUATION', 120, 1, 10_000_000),
    },
    shutdownGraceSeconds: integer(env, 'SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
  };
}
