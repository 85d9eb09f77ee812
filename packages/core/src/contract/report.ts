/** Plain-text rendering of a contract report, for the CLI and CI logs. */
import type { ContractReport } from './types.js';

const MARK = { pass: 'ok  ', fail: 'FAIL', skip: 'skip' } as const;

export function formatContractReport(report: ContractReport): string {
  const lines = [`Contract suite against ${report.baseUrl}`, ''];
  for (const result of report.results) {
    lines.push(`${MARK[result.outcome]} ${result.id.padEnd(26)} ${result.name}`);
    if (result.detail !== undefined) {
      for (const line of result.detail.split('\n')) lines.push(`       ${line}`);
    }
  }
  lines.push('', `${report.passed} passed, ${report.failed} failed, ${report.skipped} skipped`);
  return lines.join('\n');
}
