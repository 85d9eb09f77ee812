// npm run build: everything the packages, the bundle and the tests need, in dependency order.
import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { run } from './lib/run.mjs';

const node = process.execPath;
const bin = (name) => `node_modules/.bin/${name}`;

await run('precompile the definition meta-schema', node, ['--import', 'tsx', 'scripts/generate-meta-validator.mjs']);
await run('lit-localize build (generated locale modules)', bin('lit-localize'), ['build', '--config', 'packages/elements/lit-localize.json']);
await run('TypeScript (all packages)', bin('tsc'), ['-b']);

const { precompileFile } = await import('./lib/precompile.mjs');

/** Precompiles every definition in `folder` to `<id>.validator.js` in `output` (and `copyTo`). */
async function precompileFolder(label, folder, output, copyTo) {
  console.log(`\n▶ ${label}`);
  mkdirSync(output, { recursive: true });
  for (const file of readdirSync(folder).filter((name) => name.endsWith('.json')).sort()) {
    const id = file.replace(/\.json$/, '');
    const target = `${output}/${id}.validator.js`;
    const result = await precompileFile(`${folder}/${file}`, target);
    if (!result.ok) {
      for (const error of result.errors) console.error(`${folder}/${file}${error.pointer}: ${error.message.en}`);
      process.exit(1);
    }
    if (copyTo) copyFileSync(target, `${copyTo}/${id}.validator.js`);
    console.log(`  ${id}.validator.js ${result.bytes} bytes`);
  }
}

rmSync('dist/validators', { recursive: true, force: true });
mkdirSync('dist/validators', { recursive: true });
await precompileFolder('precompile built-in validators', 'packages/services/definitions', 'packages/services/validators', 'dist/validators');
// The stories' own small definitions (one per widget group), beside them.
await precompileFolder('precompile story validators', 'stories/support/definitions', 'stories/support/definitions');

await run('custom-elements.json', bin('cem'), ['analyze', '--config', 'packages/elements/custom-elements-manifest.config.mjs']);
rmSync('dist/chunks', { recursive: true, force: true });
await run('script-tag bundle (rollup)', bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);
