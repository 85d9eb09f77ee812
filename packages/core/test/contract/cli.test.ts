// scripts/contract.mjs: options in, report and exit code out.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { ContractReport } from '../../src/contract/index.js';
import { hiddenFieldLampAnswers, lampService, validLampAnswers } from './fixture.js';
import { startLoopbackServer, type LoopbackServer } from './loopback-server.js';

const SCRIPT = fileURLToPath(new URL('../../../../scripts/contract.mjs', import.meta.url));

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI on the suite's TypeScript source, so a stale build of core cannot hide a change. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { env: { ...process.env, ESERVICE_KIT_CONTRACT_SOURCE: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const directory = mkdtempSync(join(tmpdir(), 'es-contract-cli-'));
function file(name: string, value: unknown): string {
  const path = join(directory, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

describe('scripts/contract.mjs', () => {
  let server: LoopbackServer;
  before(async () => {
    server = await startLoopbackServer({ services: [lampService()] });
  });
  after(() => server.close());

  test('reads answers from a samples file: an array of {name, answers}', async () => {
    const valid = file('broken-lamp.valid.json', [{ name: 'lamp at the bus stop', answers: validLampAnswers }]);
    const hidden = file('broken-lamp.hidden.json', [{ name: 'anonymous, e-mail left in', answers: hiddenFieldLampAnswers }]);
    const run = await cli(server.baseUrl, '--valid', valid, '--hidden', hidden, '--only', 'submit.created,submit.hidden-fields', '--json', '--strict');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    const report = JSON.parse(run.stdout) as ContractReport;
    assert.deepEqual(
      report.results.map((result) => [result.id, result.outcome]),
      [
        ['submit.created', 'pass'],
        ['submit.hidden-fields', 'pass'],
      ],
    );
    const stored = [...server.cases.values()].map((stored) => stored.request.answers);
    assert.deepEqual(stored.slice(-2), [validLampAnswers, hiddenFieldLampAnswers], 'the answers, not the {name, answers} wrapper');
  });

  test("accepts the repository's own sample files", async () => {
    const samples = fileURLToPath(new URL('../../../services/samples/', import.meta.url));
    const run = await cli(server.baseUrl, '--valid', join(samples, 'fault-report.valid.json'), '--invalid', join(samples, 'fault-report.invalid.json'), '--only', 'catalog.');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
  });

  test('still reads a bare answers object, or an array of them', async () => {
    for (const value of [validLampAnswers, [validLampAnswers]]) {
      const run = await cli(server.baseUrl, '--valid', file('answers.json', value), '--only', 'submit.created');
      assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    }
  });

  for (const timeout of ['abc', '', '1e3', '-5', '0', '2.5', '99999999999']) {
    test(`--timeout "${timeout}" is a usage error (exit 2) before any check runs`, async () => {
      const run = await cli(server.baseUrl, `--timeout=${timeout}`);
      assert.equal(run.code, 2, run.stdout);
      assert.match(run.stderr, /--timeout .*expected a whole number/);
      assert.equal(run.stdout, '', 'no report');
    });
  }

  test('--timeout with a whole number is used', async () => {
    const run = await cli(server.baseUrl, '--timeout', '5000', '--only', 'catalog.');
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
    assert.match(run.stdout, /1 passed, 0 failed, 0 skipped/);
  });

  test('an answers file that is not answers is a usage error', async () => {
    const run = await cli(server.baseUrl, '--hidden', file('list.json', ['not', 'answers']));
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--hidden .*expected a JSON object of answers/);
  });
});
