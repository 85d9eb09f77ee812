// npm run build: everything the packages, the bundle and the tests need, in dependency order.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { run } from './lib/run.mjs';

const node = process.execPath;
const bin = (name) => `node_modules/.bin/${name}`;

await run('precompile the definition meta-schema', node, ['--import', 'tsx', 'scripts/generate-meta-validator.mjs']);
await run('lit-localize build (generated locale modules)', bin('lit-localize'), ['build', '--config', 'packages/elements/lit-localize.json']);
await run('TypeScript (all packages)', bin('tsc'), ['-b']);

const { precompileFile } = await import('./lib/precompile.mjs');
console.log('\n▶ precompile built-in validators');
const definitions = 'packages/services/definitions';
mkdirSync('packages/services/validators', { recursive: true });
rmSync('dist/validators', { recursive: true, force: true });
mkdirSync('dist/validators', { recursive: true });
for (const file of readdirSync(definitions).filter((name) => name.endsWith('.json')).sort()) {
  const id = file.replace(/\.json$/, '');
  const output = `packages/services/validators/${id}.validator.js`;
  const result = await precompileFile(`${definitions}/${file}`, output);
  if (!result.ok) {
    for (const error of result.errors) console.error(`${file}${error.pointer}: ${error.message.en}`);
    process.exit(1);
  }
  copyFileSync(output, `dist/validators/${id}.validator.js`);
  console.log(`  ${id}.validator.js ${result.bytes} bytes`);
}

await run('custom-elements.json', bin('cem'), ['analyze', '--config', 'packages/elements/custom-elements-manifest.config.mjs']);
rmSync('dist/chunks', { recursive: true, force: true });
await run('script-tag bundle (rollup)', bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);
