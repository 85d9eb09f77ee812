/** Feedback, survey responses, usage events and uploads. */
import { generateFillId } from '../case/random.js';
import type { UsageEvent } from '../case/types.js';
import { expect, expectJsonObject, expectProblem, expectStatus, isRecord, skip } from './assert.js';
import { currentDefinition, type Check, type SuiteContext } from './context.js';

function serviceAndHash(context: SuiteContext): { serviceId: string; definitionHash: string } {
  const serviceId = context.serviceId ?? skip('no service to test');
  const definitionHash = currentDefinition(context)?.hash ?? skip('the definition hash is unknown');
  return { serviceId, definitionHash };
}

function firstStepId(context: SuiteContext): string {
  const ui = context.definition?.ui;
  const steps = isRecord(ui) && Array.isArray(ui.steps) ? (ui.steps as unknown[]) : [];
  const first = steps[0];
  return isRecord(first) && typeof first.id === 'string' ? first.id : 'step-1';
}

function events(context: SuiteContext): UsageEvent[] {
  const fillId = generateFillId();
  const at = new Date().toISOString();
  return [
    { fillId, type: 'started', ...serviceAndHash(context), at },
    { fillId, type: 'step', ...serviceAndHash(context), step: firstStepId(context), at },
  ];
}

/** A 1×1 transparent PNG. */
const PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
  (char) => char.charCodeAt(0),
);

function upload(context: SuiteContext, bytes: Uint8Array, type: string, name: string) {
  const form = new FormData();
  if (context.serviceId !== undefined) form.append('serviceId', context.serviceId);
  form.append('file', new Blob([bytes], { type }), name);
  return context.http.request('POST', 'api/uploads', { body: form });
}

export const evaluationChecks: readonly Check[] = [
  {
    id: 'feedback.rating',
    name: 'POST api/feedback with a rating gives 201 {id}',
    async run(context) {
      const { serviceId, definitionHash } = serviceAndHash(context);
      const feedback = {
        serviceId,
        definitionHash,
        rating: 4,
        comment: 'Contract suite check.',
        locale: context.locale,
        ...(context.receipt === undefined ? {} : { reference: context.receipt.reference }),
      };
      const response = await context.http.request('POST', 'api/feedback', { body: feedback });
      expectStatus(response, 201);
      expect(typeof expectJsonObject(response).id === 'string', 'no id in the answer');
    },
  },
  {
    id: 'feedback.thumbs',
    name: 'POST api/feedback with a topic and helpful gives 201 {id}',
    async run(context) {
      const response = await context.http.request('POST', 'api/feedback', { body: { topic: '/contract-suite', helpful: true } });
      expectStatus(response, 201);
      expect(typeof expectJsonObject(response).id === 'string', 'no id in the answer');
    },
  },
  {
    id: 'feedback.invalid',
    name: 'A rating of 6 gives a 400 invalid-request problem pointing at /rating',
    async run(context) {
      const response = await context.http.request('POST', 'api/feedback', { body: { topic: '/contract-suite', rating: 6 } });
      const problem = expectProblem(response, 400, 'invalid-request');
      expect(problem.errors?.some((error) => error.pointer === '/rating') === true, 'no error with pointer /rating');
    },
  },
  {
    id: 'events.batch',
    name: 'POST api/events gives 202 {accepted}',
    async run(context) {
      const response = await context.http.request('POST', 'api/events', { body: { events: events(context) } });
      expectStatus(response, 202);
      expect(expectJsonObject(response).accepted === 2, 'accepted is not 2');
    },
  },
  {
    id: 'events.beacon',
    name: 'POST api/events as text/plain (sendBeacon) gives 202',
    async run(context) {
      const response = await context.http.request('POST', 'api/events', {
        headers: { 'content-type': 'text/plain;charset=UTF-8' },
        body: JSON.stringify({ events: events(context) }),
      });
      expectStatus(response, 202);
    },
  },
  {
    id: 'events.no-personal-data',
    name: 'An event with an undocumented member (e.g. email) gives a 400 problem',
    async run(context) {
      const [event] = events(context);
      const response = await context.http.request('POST', 'api/events', {
        body: { events: [{ ...event, email: 'anna@example.org' }] },
      });
      expectProblem(response, 400, 'invalid-request');
    },
  },
  {
    id: 'surveys.response',
    name: 'POST api/surveys/{id}/responses gives 201 {id}',
    async run(context) {
      const surveyId = context.options.surveyId ?? skip('no surveyId given');
      const answers = context.options.surveyAnswers ?? skip('no surveyAnswers given');
      const response = await context.http.request('POST', `api/surveys/${surveyId}/responses`, {
        body: { answers, locale: context.locale, ...(context.serviceId === undefined ? {} : { serviceId: context.serviceId }) },
      });
      expectStatus(response, 201);
      expect(typeof expectJsonObject(response).id === 'string', 'no id in the answer');
    },
  },
  {
    id: 'surveys.unknown',
    name: 'A response to an unknown survey gives a 404 survey-not-found problem',
    async run(context) {
      const response = await context.http.request('POST', 'api/surveys/no-such-survey-contract/responses', {
        body: { answers: { q1: 'yes' } },
      });
      expectProblem(response, 404, 'survey-not-found');
    },
  },
  {
    id: 'uploads.image',
    name: 'POST api/uploads with one PNG gives 201 {uploadId, mediaType, size}',
    async run(context) {
      if (context.options.uploads === false) skip('uploads disabled by the options');
      const response = await upload(context, PNG, 'image/png', 'pixel.png');
      expectStatus(response, 201);
      const result = expectJsonObject(response);
      expect(typeof result.uploadId === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(result.uploadId), 'uploadId is not 16–64 chars of [A-Za-z0-9_-]');
      expect(result.mediaType === 'image/png', `mediaType is ${String(result.mediaType)}`);
      expect(result.size === PNG.length, `size is ${String(result.size)}, expected ${PNG.length}`);
    },
  },
  {
    id: 'uploads.disguised',
    name: 'A text file named and labelled as PNG gives a 415 problem (type sniffed from content)',
    async run(context) {
      if (context.options.uploads === false) skip('uploads disabled by the options');
      const text = new TextEncoder().encode('<script>alert(1)</script>');
      expectProblem(await upload(context, text, 'image/png', 'photo.png'), 415, 'unsupported-media-type');
    },
  },
  {
    id: 'routes.unknown',
    name: 'An unknown API path gives a 404 problem',
    async run(context) {
      expectProblem(await context.http.request('GET', 'api/no-such-route'), 404, 'not-found');
    },
  },
];
