/** The precompile CLI as the docs show it: `node scripts/precompile-validator.mjs x.json [-o out.js]`. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minimalDefinitionText } from './support/fixture.js';

const cli = fileURLToPath(new URL('../../../scripts/precompile-validator.mjs', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('precompile CLI', () => {
  const directory = mkdtempSync(join(tmpdir(), 'es-cli-'));
  const definition = join(directory, 'my-service.json');
  writeFileSync(definition, minimalDefinitionText());

  it('writes x.validator.js beside x.json when no -o is given', () => {
    const result = run(definition);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(existsSync(join(directory, 'my-service.validator.js')));
    assert.match(result.stdout, /test-reply@1\.0\.0, sha256-/);
  });

  it('writes where -o says, whichever side of the input it stands', () => {
    const output = join(directory, 'elsewhere.js');
    assert.equal(run('-o', output, definition).status, 0);
    assert.match(readFileSync(output, 'utf8'), /export const hash = "sha256-/);
  });

  it('prints each error with its pointer and exits 1 for a broken definition', () => {
    const broken = join(directory, 'broken.json');
    writeFileSync(broken, minimalDefinitionText().replace('"effect": "show"', '"effect": "shown"'));
    const result = run(broken);
    assert.equal(result.status, 1);
    assert.match(result.stderr, /broken\.json at \/ui\/rules\/0\/effect: The value must be one of: show, hide, require\./);
  });

  it('prints usage and exits 2 without an input', () => {
    assert.equal(run().status, 2);
    assert.equal(run('-o').status, 2);
  });
});
