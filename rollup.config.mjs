// The script-tag bundle: dist/eservice-kit.js plus lazily loaded chunks (locales), which
// the browser resolves relative to the bundle's own URL, so the folder can be copied anywhere.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

export default {
  input: { 'eservice-kit': 'packages/elements/src/bundle.ts' },
  // Keep the entry's code in the entry file (no facade chunk): the page loads one file first.
  preserveEntrySignatures: 'allow-extension',
  output: {
    dir: 'dist',
    format: 'es',
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    esbuild({ tsconfig: 'packages/elements/tsconfig.json', target: 'es2022', minify: false }),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
  ],
  onwarn(warning, warn) {
    if (warning.code === 'THIS_IS_UNDEFINED') return; // TypeScript helpers in dependencies
    warn(warning);
  },
};
