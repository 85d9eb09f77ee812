// Where Chromium is and how to start it headless on a machine without
// internet, as root (CI). Used by packages/elements/web-test-runner.config.mjs
// and scripts/story-axe.mjs.
import { existsSync } from 'node:fs';

const DEFAULT_PATH = '/usr/bin/chromium';

/**
 * Path of the Chromium binary: $CHROME_PATH if set (it must exist), else
 * /usr/bin/chromium (Debian's package) if present. Throws with a one-line hint otherwise.
 */
export function chromiumPath() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist: point it at a Chrome/Chromium binary, or unset it to use ${DEFAULT_PATH}.`);
  }
  if (existsSync(DEFAULT_PATH)) return DEFAULT_PATH;
  throw new Error(
    `Chromium not found at ${DEFAULT_PATH}: install it with \`apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium\`, or set CHROME_PATH to a Chrome/Chromium binary.`,
  );
}

/** Flags for headless Chromium: no sandbox (root in CI), no calls home. */
export const chromiumArgs = Object.freeze([
  '--no-sandbox',
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-default-apps',
  '--disable-sync',
  '--no-first-run',
  '--mute-audio',
  // Several pages run at once (test files, stories): keep background pages
  // at full speed instead of throttling their timers and frames.
  '--disable-background-timer-throttling',
  '--disable-backgrounding-occluded-windows',
  '--disable-renderer-backgrounding',
  // Chromium resolves Google hosts on its own; there is no internet here.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
]);
