// Browser tests of @eservice-kit/elements in headless Chromium.
//   npx web-test-runner --config packages/elements/web-test-runner.config.mjs
// (from the repository root; exits non-zero when a test fails).
import { fileURLToPath } from 'node:url';
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

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
