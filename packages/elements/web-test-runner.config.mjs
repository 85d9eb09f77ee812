// Browser tests of @eservice-kit/elements in headless Chromium.
//   npx web-test-runner --config packages/elements/web-test-runner.config.mjs
// (from the repository root; exits non-zero when a test fails).
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { loopbackPlugin } from './test/support/loopback-plugin.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Server command `es-forced-colors` `{ active: boolean }` for the tests
 * (`executeServerCommand()` from @web/test-runner-commands): emulates, or
 * stops emulating, `forced-colors: active` through the DevTools protocol.
 * `emulateMedia()` of @web/test-runner-commands 0.9 takes a `forcedColors`
 * option but passes it on only to Playwright, and puppeteer's
 * `emulateMediaFeatures()` rejects that feature name.
 */
function forcedColorsPlugin() {
  // One DevTools session per page, kept open: emulation set through a
  // session ends when the session is detached.
  const sessions = new WeakMap();
  return {
    name: 'eservice-kit: es-forced-colors',
    async executeCommand({ command, payload, session }) {
      if (command === 'es-forced-colors') {
        if (session.browser.type !== 'puppeteer') throw new Error('es-forced-colors needs a Chromium (puppeteer) session');
        const page = session.browser.getPage(session.id);
        if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
        await sessions.get(page).send('Emulation.setEmulatedMedia', {
          features: [{ name: 'forced-colors', value: payload?.active ? 'active' : '' }],
        });
        return true;
      }
      return undefined;
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  // The repository root, so the dev server can serve hoisted node_modules.
  rootDir: here('../..'),
  files: [here('src/**/*.test.ts'), here('test/**/*.test.ts')],
  nodeResolve: true,
  plugins: [
    // This tsconfig holds experimentalDecorators / useDefineForClassFields
    // itself: the esbuild plugin does not follow `extends`.
    esbuildPlugin({ ts: true, tsconfig: here('tsconfig.json') }),
    forcedColorsPlugin(),
    loopbackPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), args: [...chromiumArgs] },
    }),
  ],
  testFramework: { config: { timeout: 5000 } },
  testsFinishTimeout: 120000,
  browserStartTimeout: 60000,
};
