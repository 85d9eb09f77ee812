import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { DEMO_ASSETS_DIRECTORY, DEMO_ASSET_NAMES, demoAsset, loadDemoAssets } from '../../src/demo/assets.js';

describe('demo assets', () => {
  it('are read from packages/server/demo-assets/', () => {
    assert.equal(fileURLToPath(DEMO_ASSETS_DIRECTORY), fileURLToPath(new URL('../../demo-assets/', import.meta.url)));
    assert.deepEqual([...loadDemoAssets().keys()], [...DEMO_ASSET_NAMES]);
    assert.equal(loadDemoAssets(), loadDemoAssets(), 'read once');
  });

  it('serve the stylesheet and the script with their types and an ETag', () => {
    const css = demoAsset('demo.css');
    assert.ok(css);
    assert.equal(css.type, 'text/css; charset=utf-8');
    assert.match(css.body.toString('utf8'), /:focus-visible/);
    assert.equal(css.immutable, false);
    assert.match(css.etag, /^"[A-Za-z0-9_-]{27}"$/);
    const js = demoAsset('status.js');
    assert.ok(js);
    assert.equal(js.type, 'text/javascript; charset=utf-8');
    assert.notEqual(js.etag, css.etag);
  });

  it('answer undefined for any other name, paths included', () => {
    for (const name of ['', 'demo.CSS', '../package.json', '../demo-assets/demo.css', 'demo.css/', '%2e%2e%2fpackage.json', 'constructor', '__proto__']) {
      assert.equal(demoAsset(name), undefined, name);
    }
  });

  it('demo.css: logical properties only, visible focus, forced colours', () => {
    const css = demoAsset('demo.css')!.body.toString('utf8').replace(/\/\*[\s\S]*?\*\//g, '');
    const physical = [
      /\b(?:margin|padding|border)-(?:left|right|top|bottom)\b/,
      /(?:^|[\s;{])(?:left|right|top|bottom)\s*:/m,
      /(?:^|[\s;{])(?:min-|max-)?(?:width|height)\s*:/m,
      /\btext-align\s*:\s*(?:left|right)/,
      /\bfloat\s*:\s*(?:left|right)/,
      /\bborder-(?:top|bottom)-(?:left|right)-radius\b/,
    ];
    for (const pattern of physical) assert.doesNotMatch(css, pattern);
    assert.match(css, /:focus-visible\s*\{[^}]*outline:/);
    assert.match(css, /@media \(forced-colors: active\)/);
    assert.doesNotMatch(css, /@import|url\(/, 'no further requests');
  });

  it('status.js: builds the DOM without HTML parsing or eval', () => {
    const js = demoAsset('status.js')!.body.toString('utf8');
    for (const banned of [/\.innerHTML\b/, /\.outerHTML\b/, /insertAdjacentHTML/, /document\.write/, /\beval\s*\(/, /new Function\b/, /createContextualFragment/, /DOMParser/]) {
      assert.doesNotMatch(js, banned);
    }
    assert.match(js, /history\.replaceState/);
  });
});
