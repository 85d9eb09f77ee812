#!/usr/bin/env node
// Runs core's contract suite against a running server and prints the report.
// Exit code: 0 all run checks passed, 1 a check failed (or was skipped, with --strict), 2 usage error.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const USAGE = `Usage: node scripts/contract.mjs <tenantBaseUrl> [options]

  --service <id>            service to submit to (default: the first in the catalog)
  --valid <file.json>       answers the service accepts (an object, or an array: its first item)
  --invalid <file.json>     answers the service rejects
  --invalid-pointer <ptr>   a pointer the 422 must name, e.g. /description
  --survey <id>             a survey the server knows
  --survey-answers <file>   answers for it
  --origin <url>            origin for the CORS checks (must be allowed by the tenant)
  --locale <tag>            locale sent with submissions (default sv)
  --only <ids>              comma-separated check ids or prefixes, e.g. submit.,case.
  --no-uploads              skip the upload checks
  --timeout <ms>            per request (default 10000)
  --json                    print the report as JSON
  --strict                  treat skipped checks as failures

Without --valid the submission and case checks are skipped (reported, not passed).
It creates real cases, feedback and events: point it at a test tenant.`;

async function loadSuite() {
  const dist = new URL('../packages/core/dist/contract/index.js', import.meta.url);
  if (existsSync(fileURLToPath(dist))) return import(dist.href);
  // Not built: run the TypeScript source through tsx when it is installed.
  try {
    const { tsImport } = await import('tsx/esm/api');
    const module = await tsImport('../packages/core/src/contract/index.ts', import.meta.url);
    console.error('note: packages/core is not built; running the contract suite from source via tsx');
    return module;
  } catch {
    console.error('packages/core/dist/contract/index.js not found: build core first (npm run build).');
    process.exit(2);
  }
}

function readAnswers(file, flag) {
  if (file === undefined) return undefined;
  let value;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`${flag} ${file}: ${error.message}`);
    process.exit(2);
  }
  const answers = Array.isArray(value) ? value[0] : value;
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) {
    console.error(`${flag} ${file}: expected a JSON object of answers`);
    process.exit(2);
  }
  return answers;
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
  console.error(`${error.message}\n\n${USAGE}`);
  process.exit(2);
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

const { runContractSuite, formatContractReport } = await loadSuite();
const options = { baseUrl: positionals[0] };
const set = (key, value) => {
  if (value !== undefined) options[key] = value;
};
set('serviceId', values.service);
set('validAnswers', readAnswers(values.valid, '--valid'));
set('invalidAnswers', readAnswers(values.invalid, '--invalid'));
set('invalidPointer', values['invalid-pointer']);
set('surveyId', values.survey);
set('surveyAnswers', readAnswers(values['survey-answers'], '--survey-answers'));
set('origin', values.origin);
set('locale', values.locale);
set('only', values.only?.split(',').map((id) => id.trim()).filter(Boolean));
if (values['no-uploads']) options.uploads = false;
if (values.timeout !== undefined) options.timeoutMs = Number(values.timeout);

const report = await runContractSuite(options);
console.log(values.json ? JSON.stringify(report, null, 2) : formatContractReport(report));
process.exit(report.failed > 0 || (values.strict && report.skipped > 0) ? 1 : 0);
