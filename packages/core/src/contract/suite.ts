/** Runs the contract checks in order against a server and reports each outcome. */
import { CheckFailure, CheckSkipped } from './assert.js';
import { caseChecks } from './checks-case.js';
import { corsChecks } from './checks-cors.js';
import { errorChecks } from './checks-errors.js';
import { evaluationChecks } from './checks-evaluation.js';
import { serviceChecks } from './checks-services.js';
import { submitChecks } from './checks-submit.js';
import type { Check, SuiteContext } from './context.js';
import { Http } from './http.js';
import type { ContractOptions, ContractReport, ContractResult } from './types.js';

/** Order matters: later checks use what earlier ones learned (service, hash, receipt). */
export const contractChecks: readonly Check[] = [
  ...serviceChecks,
  ...corsChecks,
  ...submitChecks,
  ...caseChecks,
  ...evaluationChecks,
  ...errorChecks,
];

function selected(check: Check, only: readonly string[] | undefined): boolean {
  return only === undefined || only.some((prefix) => check.id === prefix || check.id.startsWith(prefix));
}

async function runCheck(check: Check, context: SuiteContext): Promise<ContractResult> {
  context.http.checkId = check.id;
  const base = { id: check.id, name: check.name };
  try {
    await check.run(context);
    return { ...base, ok: true, outcome: 'pass' };
  } catch (error) {
    if (error instanceof CheckSkipped) return { ...base, ok: false, outcome: 'skip', detail: error.message };
    const detail = error instanceof CheckFailure ? error.message : `request failed: ${errorText(error)}`;
    return { ...base, ok: false, outcome: 'fail', detail };
  }
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/**
 * Black-box checks of a server against docs/openapi.yaml. It creates real cases, feedback
 * and events on the server, so point it at a test tenant. Like a browser, it imports the
 * server's validator.js (from a data: URL), running that code here: use servers you trust.
 */
export async function runContractSuite(options: ContractOptions): Promise<ContractReport> {
  const fetchFn = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const context: SuiteContext = {
    http: new Http(options.baseUrl, fetchFn, options.timeoutMs ?? 10_000),
    options,
    origin: options.origin ?? 'https://contract-suite.example',
    locale: options.locale ?? 'sv',
  };
  if (options.serviceId !== undefined) context.serviceId = options.serviceId;
  const results: ContractResult[] = [];
  for (const check of contractChecks) {
    if (selected(check, options.only)) results.push(await runCheck(check, context));
    else if (check.provides) await runCheck(check, context);
  }
  const count = (outcome: ContractResult['outcome']) => results.filter((result) => result.outcome === outcome).length;
  return { baseUrl: options.baseUrl, passed: count('pass'), failed: count('fail'), skipped: count('skip'), results };
}
