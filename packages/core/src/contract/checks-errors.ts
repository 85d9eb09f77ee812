/** The audit run last: every error response seen during the run is clean problem+json. */
import { isProblem, problemCode } from '../case/problems.js';
import { describe, fail, leaksInternals, skip } from './assert.js';
import type { Check } from './context.js';

export const errorChecks: readonly Check[] = [
  {
    id: 'errors.problem-json',
    name: 'Every error response is application/problem+json of a documented type, without stack traces',
    async run(context) {
      const seen = context.http.errors;
      if (seen.length === 0) skip('no error responses were seen');
      const faults: string[] = [];
      for (const { checkId, response } of seen) {
        const where = `[${checkId}] ${describe(response)}`;
        if (response.mediaType !== 'application/problem+json') faults.push(`not problem+json: ${where}`);
        else if (!isProblem(response.json)) faults.push(`not a problem body: ${where}`);
        else if (response.json.status !== response.status) faults.push(`status member differs: ${where}`);
        else if (problemCode(response.json) === undefined) faults.push(`undocumented type ${response.json.type}: ${where}`);
        if (leaksInternals(response.text)) faults.push(`leaks a stack trace or path: ${where}`);
      }
      if (faults.length > 0) fail(`${faults.length} of ${seen.length} error responses:\n  ${faults.join('\n  ')}`);
    },
  },
];
