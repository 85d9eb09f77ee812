import { spawn } from 'node:child_process';

/**
 * Runs a command, passing its output through; exits the process with the command's code
 * when it fails. Resolves to the output, so test stages can be counted.
 */
export async function run(label, command, args, options = {}) {
  const started = Date.now();
  console.log(`\n▶ ${label}`);
  const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'inherit'], ...options });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
    process.stdout.write(chunk);
  });
  const code = await new Promise((resolve) => child.on('close', (status, signal) => resolve(status ?? signal)));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    console.error(`✗ ${label} failed (exit ${code}) after ${seconds} s`);
    process.exit(typeof code === 'number' && code > 0 ? code : 1);
  }
  console.log(`✓ ${label} (${seconds} s)`);
  return output;
}

/** Passed and failed counts from the closing lines of node's test runner, web-test-runner or story-axe. */
export function countResults(output) {
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const node = [...plain.matchAll(/^ℹ (pass|fail) (\d+)$/gm)];
  if (node.length > 0) {
    const sum = (kind) => node.filter((match) => match[1] === kind).reduce((total, match) => total + Number(match[2]), 0);
    return { passed: sum('pass'), failed: sum('fail') };
  }
  const lines = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)];
  const last = lines.at(-1);
  return last ? { passed: Number(last[1]), failed: Number(last[2]) } : { passed: 0, failed: 0 };
}
