/** The citizen's case view: both secrets, typed codes, and no oracle for guessing. */
import { generateToken } from '../case/random.js';
import { generateTrackingCode } from '../case/tracking-code.js';
import type { Receipt } from '../case/types.js';
import { describe, expect, expectJsonObject, expectProblem, expectStatus, headerList, isDate, isDateTime, isRecord, skip } from './assert.js';
import type { Check, SuiteContext } from './context.js';
import type { HttpResponse } from './http.js';

function needReceipt(context: SuiteContext): Receipt {
  return context.receipt ?? skip('needs the case from submit.created');
}

function lookUp(context: SuiteContext, reference: string, secret?: string): Promise<HttpResponse> {
  const headers: Record<string, string> = secret === undefined ? {} : { authorization: `Bearer ${secret}` };
  return context.http.request('GET', `api/cases/${encodeURIComponent(reference)}`, { headers });
}

function expectView(response: HttpResponse, receipt: Receipt, serviceId: string | undefined): void {
  expectStatus(response, 200);
  const view = expectJsonObject(response);
  expect(view.reference === receipt.reference, `reference is ${String(view.reference)}`);
  if (serviceId !== undefined) expect(view.serviceId === serviceId, `serviceId is ${String(view.serviceId)}`);
  expect(isRecord(view.status) && view.status.id === receipt.status.id, 'status is not the receipt status');
  expect(Array.isArray(view.timeline) && view.timeline.length > 0, 'timeline is empty');
  const first: unknown = view.timeline[0];
  expect(isRecord(first) && isRecord(first.status) && first.status.id === receipt.status.id, 'timeline[0] is not the initial status');
  expect(isDateTime(first.at), 'timeline[0].at is not an ISO date-time with offset');
  expect(isDateTime(view.submittedAt), 'submittedAt is not an ISO date-time with offset');
  expect(isDate(view.expectedBy) && view.expectedBy === receipt.expectedBy, 'expectedBy differs from the receipt');
  expect(headerList(response, 'cache-control').includes('no-store'), 'a case view must be sent with Cache-Control: no-store');
}

/** As a person might type it: lower case, spaces for hyphens, o for 0 and l for 1. */
function typedLikeAPerson(code: string): string {
  return code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o').replace(/1/g, 'l');
}

export const caseChecks: readonly Check[] = [
  {
    id: 'case.token',
    name: 'GET api/cases/{reference} with the link token gives the citizen view',
    async run(context) {
      const receipt = needReceipt(context);
      expectView(await lookUp(context, receipt.reference, receipt.token), receipt, context.serviceId);
    },
  },
  {
    id: 'case.tracking-code',
    name: 'The tracking code opens the same case',
    async run(context) {
      const receipt = needReceipt(context);
      expectView(await lookUp(context, receipt.reference, receipt.trackingCode), receipt, context.serviceId);
    },
  },
  {
    id: 'case.typed',
    name: 'Reference and tracking code typed in lower case with spaces (o for 0, l for 1) still work',
    async run(context) {
      const receipt = needReceipt(context);
      const response = await lookUp(context, receipt.reference.toLowerCase(), typedLikeAPerson(receipt.trackingCode));
      expectView(response, receipt, context.serviceId);
    },
  },
  {
    id: 'case.not-found-alike',
    name: 'Wrong secret, unknown reference and malformed reference give the identical 404 problem',
    async run(context) {
      const receipt = needReceipt(context);
      const prefix = receipt.reference.split('-')[0]!;
      const unknown = `${prefix}-1999-${String(Math.floor(Math.random() * 900_000) + 100_000)}`;
      const responses = [
        await lookUp(context, receipt.reference, generateToken()),
        await lookUp(context, receipt.reference, generateTrackingCode()),
        await lookUp(context, unknown, receipt.token),
        await lookUp(context, 'not-a-reference', receipt.token),
      ];
      for (const response of responses) expectProblem(response, 404, 'case-not-found');
      const [first, ...rest] = responses;
      for (const response of rest) {
        expect(response.text === first!.text, `bodies differ:\n  ${describe(first!)}\n  ${describe(response)}`);
      }
      expect(!first!.text.includes(receipt.reference), 'the 404 body echoes the reference');
    },
  },
  {
    id: 'case.no-secret',
    name: 'A look-up without Authorization gives a 401 problem',
    async run(context) {
      const reference = context.receipt?.reference ?? 'ABC-2000-000001';
      expectProblem(await lookUp(context, reference), 401, 'unauthorized');
    },
  },
];
