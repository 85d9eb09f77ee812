// npm test: build, then the Node tests (core, services, server), the browser tests of the
// elements, the strict-CSP page test, the server's end-to-end test of its demo site, and axe
// on every Storybook story. Stops at the first failure.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath } from './chromium.mjs';
import { countResults, run } from './lib/run.mjs';

try {
  process.env.CHROME_PATH = chromiumPath();
} catch (error) {
  console.error(error.message);
  process.exit(1);
}

const bin = (name) => `node_modules/.bin/${name}`;
const testFiles = (directory, pattern) =>
  existsSync(directory)
    ? readdirSync(directory, { recursive: true })
        .map(String)
        .filter((file) => pattern.test(file) && !file.includes('node_modules'))
        .map((file) => join(directory, file))
        .sort()
    : [];

await run('build', process.execPath, ['scripts/build.mjs']);
const totals = { passed: 0, failed: 0 };
const counted = (output) => {
  const { passed, failed } = countResults(output);
  totals.passed += passed;
  totals.failed += failed;
};

// Node-side tests: core, services, server, and the elements' DOM-free parts (test-node).
const nodeTests = [
  ...['core', 'services', 'server'].flatMap((name) => testFiles(`packages/${name}/test`, /\.test\.ts$/)),
  ...testFiles('packages/elements/test-node', /\.test\.ts$/),
];
counted(await run(`Node tests (${nodeTests.length} files)`, process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...nodeTests]));
for (const project of ['packages/core', 'packages/services', 'packages/server', 'packages/elements']) {
  await run(`type-check ${project} tests`, bin('tsc'), ['-p', `${project}/tsconfig.test.json`]);
}
for (const project of ['packages/elements/test-node', 'packages/elements/test-csp', 'packages/server/test-e2e']) {
  if (existsSync(`${project}/tsconfig.json`)) await run(`type-check ${project}`, bin('tsc'), ['-p', `${project}/tsconfig.json`]);
}
await run('type-check Storybook config', bin('tsc'), ['-p', '.storybook/tsconfig.json']);
counted(await run('browser tests (web-test-runner, headless Chromium)', bin('web-test-runner'), ['--config', 'packages/elements/web-test-runner.config.mjs']));
counted(await run('strict-CSP and hostile-CMS page tests', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('packages/elements/test-csp', /\.test\.ts$/)]));
counted(await run('server end-to-end: the demo site in Chromium', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...testFiles('packages/server/test-e2e', /\.test\.ts$/)]));
await run('Storybook static build', bin('storybook'), ['build', '-o', 'storybook-static', '--disable-telemetry', '--quiet']);
counted(await run('axe on every story', process.execPath, ['scripts/story-axe.mjs']));
console.log(`\nTotal: ${totals.passed} passed, ${totals.failed} failed`);
