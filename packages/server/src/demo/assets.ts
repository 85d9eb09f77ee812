/**
 * The demo site's static files (`{base}/demo/demo.css`, `{base}/demo/status.js`), served
 * as they are. They live in `packages/server/demo-assets/`, outside `src` and `dist`: tsc
 * neither compiles nor copies them, and the one relative URL `../../demo-assets/` finds
 * them from this module in `src/demo/` (tsx) and from its output in `dist/demo/` alike.
 * (A published package needs `demo-assets` in its `files`.)
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** One demo asset, read once. Shaped like the server's other static files (`StaticFile`). */
export interface DemoAsset {
  readonly name: string;
  readonly body: Buffer;
  /** `Content-Type` header value. */
  readonly type: string;
  /** A strong `ETag` header value (quoted), from the content. */
  readonly etag: string;
  /** Always false: the names carry no content hash, so caches revalidate (`no-cache` + ETag). */
  readonly immutable: boolean;
}

/** The files under `{base}/demo/`; nothing else is ever read from the folder. */
export const DEMO_ASSET_NAMES = ['demo.css', 'status.js'] as const;
export type DemoAssetName = (typeof DEMO_ASSET_NAMES)[number];

const CONTENT_TYPES: Readonly<Record<DemoAssetName, string>> = {
  'demo.css': 'text/css; charset=utf-8',
  'status.js': 'text/javascript; charset=utf-8',
};

/** The folder the assets are read from (see the module comment). */
export const DEMO_ASSETS_DIRECTORY: URL = new URL('../../demo-assets/', import.meta.url);

let cache: ReadonlyMap<string, DemoAsset> | undefined;

function isAssetName(name: string): name is DemoAssetName {
  return (DEMO_ASSET_NAMES as readonly string[]).includes(name);
}

/**
 * Every demo asset, read from disk on the first call and kept. Throws when a file is
 * missing (a broken install): call it at start-up to fail early.
 */
export function loadDemoAssets(): ReadonlyMap<string, DemoAsset> {
  if (cache !== undefined) return cache;
  const assets = new Map<string, DemoAsset>();
  for (const name of DEMO_ASSET_NAMES) {
    const body = readFileSync(new URL(name, DEMO_ASSETS_DIRECTORY));
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
    assets.set(name, { name, body, type: CONTENT_TYPES[name], etag, immutable: false });
  }
  cache = assets;
  return assets;
}

/**
 * The asset named by the last segment of `{base}/demo/{name}`, or undefined for any other
 * name (so no path ever reaches the file system).
 */
export function demoAsset(name: string): DemoAsset | undefined {
  return isAssetName(name) ? loadDemoAssets().get(name) : undefined;
}
