/** Category 2: well-formed JSON with the wrong types, ranges and members. */
import { LAMP_CASES, freshKey, lampSubmission, symbols, type HostileCase, type Target } from './harness.js';

const invalid = { status: 400, code: 'invalid-request' } as const;

export function typeCases(target: Target): HostileCase[] {
  const { main } = target;
  const submit = (members: Record<string, unknown>) => main.json(LAMP_CASES, lampSubmission(target, members), { 'idempotency-key': freshKey() });
  const feedback = (value: unknown) => main.json('/ostra/api/feedback', value);
  const survey = (value: unknown) => main.json('/ostra/api/surveys/standard/responses', value);
  const event = (members: Record<string, unknown> = {}) => ({
    fillId: symbols(20, 'fill'),
    type: 'step',
    serviceId: 'broken-lamp',
    definitionHash: target.lampHash,
    step: 'where',
    at: '2026-03-04T10:15:00Z',
    ...members,
  });
  const events = (value: unknown) => main.json('/ostra/api/events', value);

  return [
    // The submission envelope.
    { name: 'answers as an array', send: () => submit({ answers: [{ description: 'x', anonymous: false }] }), ...invalid },
    { name: 'answers as a string', send: () => submit({ answers: 'description=x' }), ...invalid },
    { name: 'answers null', send: () => submit({ answers: null }), ...invalid },
    { name: 'answers missing', send: () => submit({ answers: undefined }), ...invalid },
    { name: 'locale as a number', send: () => submit({ locale: 46 }), ...invalid },
    { name: 'locale of 47 characters', send: () => submit({ locale: ['sv', ...new Array<string>(5).fill('abcdefgh')].join('-') }), ...invalid },
    { name: 'definitionHash too short', send: () => submit({ definitionHash: 'sha256-abc' }), ...invalid },
    { name: 'definitionHash of another algorithm', send: () => submit({ definitionHash: `md5-${target.lampHash.slice(7)}` }), ...invalid },
    { name: 'definitionHash as a number', send: () => submit({ definitionHash: 12345 }), ...invalid },
    { name: 'definitionVersion as a number', send: () => submit({ definitionVersion: 1 }), ...invalid },
    { name: 'definitionVersion of 65 characters', send: () => submit({ definitionVersion: '1'.repeat(65) }), ...invalid },
    { name: 'durationMs negative', send: () => submit({ durationMs: -1 }), ...invalid },
    { name: 'durationMs a fraction', send: () => submit({ durationMs: 1234.5 }), ...invalid },
    { name: 'durationMs a string', send: () => submit({ durationMs: '1234' }), ...invalid },
    { name: 'unknown member in a submission', send: () => submit({ personnummer: '19121212-1212' }), ...invalid },
    // Well-typed but not current, and well-typed answers that fail the schema: their own codes.
    { name: 'well-formed definitionHash of no version', send: () => submit({ definitionHash: `sha256-${'A'.repeat(43)}` }), status: 409, code: 'definition-outdated' },
    { name: 'answers of the wrong types', send: () => submit({ answers: { description: 42, anonymous: 'maybe' } }), status: 422, code: 'invalid-answers' },
    // Feedback.
    { name: 'feedback rating 6', send: () => feedback({ topic: 'x', rating: 6 }), ...invalid },
    { name: 'feedback rating 0', send: () => feedback({ topic: 'x', rating: 0 }), ...invalid },
    { name: 'feedback rating "5"', send: () => feedback({ topic: 'x', rating: '5' }), ...invalid },
    { name: 'feedback rating 2.5', send: () => feedback({ topic: 'x', rating: 2.5 }), ...invalid },
    { name: 'feedback helpful "yes"', send: () => feedback({ topic: 'x', helpful: 'yes' }), ...invalid },
    { name: 'feedback with both rating and helpful', send: () => feedback({ topic: 'x', rating: 3, helpful: true }), ...invalid },
    { name: 'feedback with neither topic nor service', send: () => feedback({ rating: 3 }), ...invalid },
    { name: 'feedback comment of 1 201 characters', send: () => feedback({ topic: 'x', rating: 3, comment: 'x'.repeat(1201) }), ...invalid },
    { name: 'feedback topic as an object', send: () => feedback({ topic: { sv: 'x' }, rating: 3 }), ...invalid },
    { name: 'feedback unknown member', send: () => feedback({ topic: 'x', rating: 3, email: 'anna@example.org' }), ...invalid },
    // Survey responses.
    { name: 'survey answers as an array', send: () => survey({ answers: ['yes', 4] }), ...invalid },
    { name: 'survey answer as an object', send: () => survey({ answers: { ease: { value: 4 } } }), ...invalid },
    { name: 'survey with 51 answers', send: () => survey({ answers: Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`q${index}`, 1])) }), ...invalid },
    { name: 'survey without answers', send: () => survey({ trigger: 'receipt' }), ...invalid },
    { name: 'survey unknown member', send: () => survey({ answers: { ease: 4 }, name: 'Anna' }), ...invalid },
    // Usage events.
    { name: 'events as an object', send: () => events({ events: event() }), ...invalid },
    { name: 'events as a string', send: () => events({ events: 'started' }), ...invalid },
    { name: 'events empty', send: () => events({ events: [] }), ...invalid },
    { name: '101 events', send: () => events({ events: Array.from({ length: 101 }, () => event()) }), ...invalid },
    { name: 'event of an unknown type', send: () => events({ events: [event({ type: 'hacked' })] }), ...invalid },
    { name: 'event with a personal-data member', send: () => events({ events: [event({ email: 'anna@example.org' })] }), ...invalid },
    { name: 'event without fillId', send: () => events({ events: [event({ fillId: undefined })] }), ...invalid },
    { name: 'event at as a number', send: () => events({ events: [event({ at: 1_772_617_200_000 })] }), ...invalid },
    { name: 'event at not a date', send: () => events({ events: [event({ at: 'yesterday' })] }), ...invalid },
    // The contract (docs/openapi.yaml, UsageEvent.at) says format: date-time; month 13, day 45 and 25:61:61 are none.
    { name: 'event at an impossible date-time', send: () => events({ events: [event({ at: '2026-13-45T25:61:61Z' })] }), ...invalid },
    { name: 'unknown member next to events', send: () => events({ events: [event()], client: 'x' }), ...invalid },
  ];
}
