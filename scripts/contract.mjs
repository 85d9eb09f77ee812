#!/usr/bin/env node
// Runs core's contract suite against a running server and prints the report.
// Exit code: 0 all run checks passed, 1 a check failed (or was skipped, with --strict), 2 usage error.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `Usage: node scripts/contract.mjs <tenantBaseUrl> [options]

  <tenantBaseUrl> is what the elements' api attribute holds: the server's root for a single
  municipality, or {origin}/{tenant} where one server hosts several (API paths are below it).

  --service <id>            service to submit to (default: the first in the catalog)
  --valid <file.json>       answers the service accepts
  --invalid <file.json>     answers the service rejects
  --invalid-pointer <ptr>   a pointer the 422 must name, e.g. /description
  --hidden <file.json>      answers valid once pruned that set a field the rules hide
                            (the server must drop it and answer 201)
  --survey <id>             a survey the server knows
  --survey-answers <file>   answers for it
  --origin <url>            origin for the CORS checks (must be allowed by the tenant)
  --locale <tag>            locale sent with submissions (default sv)
  --only <ids>              comma-separated check ids or prefixes, e.g. submit.,case.
  --no-uploads              skip the upload checks
  --timeout <ms>            per request, a whole number of milliseconds (default 10000)
  --json                    print the report as JSON
  --strict                  treat skipped checks as failures

An answers file holds an object of answers, or an array whose first item is one: either
the answers themselves or a sample {name, answers} as in packages/services/samples/.
Without --valid the submission and case checks are skipped (reported, not passed).
It creates real cases, feedback and events, and imports the server's validator.js as a
browser would: point it at a test tenant you trust.`;

function usageError(message) {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function loadSuite() {
  const dist = new URL('../packages/core/dist/contract/index.js', import.meta.url);
  // ESERVICE_KIT_CONTRACT_SOURCE=1 runs the TypeScript source even when a (maybe stale) build exists.
  if (process.env.ESERVICE_KIT_CONTRACT_SOURCE !== '1' && existsSync(fileURLToPath(dist))) return import(dist.href);
  // Not built (or asked to): run the TypeScript source through tsx when it is installed.
  try {
    const { tsImport } = await import('tsx/esm/api');
    const module = await tsImport('../packages/core/src/contract/index.ts', import.meta.url);
    console.error('note: running the contract suite from source via tsx');
    return module;
  } catch {
    console.error('packages/core/dist/contract/index.js not found: build core first (npm run build).');
    process.exit(2);
  }
}

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function readAnswers(file, flag) {
  if (file === undefined) return undefined;
  let value;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${flag} ${file}: ${error.message}`);
    process.exit(2);
  }
  const item = Array.isArray(value) ? value[0] : value;
  // A sample of packages/services/samples: {name, answers, …}.
  const answers = isObject(item) && isObject(item.answers) ? item.answers : item;
  if (!isObject(answers)) {
    console.error(`${flag} ${file}: expected a JSON object of answers, a {name, answers} sample, or an array of either`);
    process.exit(2);
  }
  return answers;
}

/** A whole number within [min, max], or a usage error (never NaN into the suite). */
function readInteger(text, flag, min, max) {
  if (text === undefined) return undefined;
  const number = /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) usageError(`${flag} ${JSON.stringify(text)}: expected a whole number from ${min} to ${max}`);
  return number;
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      valid: { type: 'string' },
      invalid: { type: 'string' },
      'invalid-pointer': { type: 'string' },
      hidden: { type: 'string' },
      survey: { type: 'string' },
      'survey-answers': { type: 'string' },
      origin: { type: 'string' },
      locale: { type: 'string' },
      only: { type: 'string' },
      'no-uploads': { type: 'boolean' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (error) {
  usageError(error.message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length !== 1 || !URL.canParse(positionals[0])) {
  console.error(USAGE);
  process.exit(2);
}
// Every option is checked before the suite runs: a typo is a usage error, not 40 failed checks.
const timeoutMs = readInteger(values.timeout, '--timeout', 1, 600_000);
const answers = {
  validAnswers: readAnswers(values.valid, '--valid'),
  invalidAnswers: readAnswers(values.invalid, '--invalid'),
  hiddenFieldAnswers: readAnswers(values.hidden, '--hidden'),
  surveyAnswers: readAnswers(values['survey-answers'], '--survey-answers'),
};

const { runContractSuite, formatContractReport } = await loadSuite();
const options = { baseUrl: positionals[0] };
const set = (key, value) => {
  if (value !== undefined) options[key] = value;
};
set('serviceId', values.service);
for (const [key, value] of Object.entries(answers)) set(key, value);
set('invalidPointer', values['invalid-pointer']);
set('surveyId', values.survey);
set('origin', values.origin);
set('locale', values.locale);
set('only', values.only?.split(',').map((id) => id.trim()).filter(Boolean));
if (values['no-uploads']) options.uploads = false;
set('timeoutMs', timeoutMs);

const report = await runContractSuite(options);
console.log(values.json ? JSON.stringify(report, null, 2) : formatContractReport(report));
process.exit(report.failed > 0 || (values.strict && report.skipped > 0) ? 1 : 0);
