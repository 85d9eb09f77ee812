/**
 * Files the server hands out as they are: the script-tag bundle and its chunks, the OpenAPI
 * document. Read once at start; each gets a content ETag. Chunk names carry a content hash,
 * so they can be cached for good.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
  readonly etag: string;
  /** Named by content hash: cacheable for a year. */
  readonly immutable: boolean;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.yaml': 'application/yaml; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function fileOf(path: string, immutable: boolean): StaticFile {
  const body = readFileSync(path);
  const extension = /\.[a-z]+$/.exec(path)?.[0] ?? '';
  return { body, type: TYPES[extension] ?? 'application/octet-stream', etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, immutable };
}

/** The bundle's files by path under a tenant base: /eservice-kit.js, /chunks/…; empty when the bundle is not built. */
export function loadBundle(bundleDir: string): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const entry = join(bundleDir, 'eservice-kit.js');
  if (!existsSync(entry)) return files;
  files.set('/eservice-kit.js', fileOf(entry, false));
  const chunks = join(bundleDir, 'chunks');
  if (existsSync(chunks)) {
    for (const name of readdirSync(chunks)) if (/^[\w.-]+\.js(\.map)?$/.test(name)) files.set(`/chunks/${name}`, fileOf(join(chunks, name), true));
  }
  return files;
}

export function loadOpenApi(): StaticFile {
  return fileOf(fileURLToPath(new URL('../../../../docs/openapi.yaml', import.meta.url)), false);
}
