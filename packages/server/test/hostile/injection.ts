/**
 * Category 6: XSS and SQL strings in every id, reference, secret and member that names
 * something. Each must be refused as the unknown thing it is, and never come back in the
 * answer. (Free text such as a feedback topic is data: "<script>" there is stored as text and
 * answered 201; hostile-input.test.ts checks that case separately, outside this count.)
 */
import { freshKey, lampSubmission, symbols, fieldPart, filePart, multipart, type HostileCase, type Target } from './harness.js';
import { jpegFile } from '../uploads/fixtures.js';
import { BOUNDARY, MULTIPART } from './files.js';

const invalid = { status: 400, code: 'invalid-request' } as const;
const noService = { status: 404, code: 'service-not-found' } as const;
const noCase = { status: 404, code: 'case-not-found' } as const;
const notFound = { status: 404, code: 'not-found' } as const;

export const SQL = "' OR '1'='1' --";
export const XSS = '<script>alert(1)</script>';
const ECHO = ["OR '1'='1", 'OR 1=1', '<script', '<img', 'onerror', 'DROP TABLE', 'UNION', 'alert(1)'];

export function injectionCases(target: Target): HostileCase[] {
  const { main } = target;
  const reference = target.ostra.reference;
  const asCase = (secret: string) => () => main.get(`/ostra/api/cases/${reference}`, { authorization: `Bearer ${secret}` });
  const feedback = (value: Record<string, unknown>) => () => main.json('/ostra/api/feedback', value);
  const survey = (value: Record<string, unknown>) => () => main.json('/ostra/api/surveys/standard/responses', value);
  const event = (members: Record<string, unknown>) => () =>
    main.json('/ostra/api/events', { events: [{ fillId: symbols(24, 'fill'), type: 'step', serviceId: 'broken-lamp', definitionHash: target.lampHash, step: 'where', at: '2026-03-04T10:15:00Z', ...members }] });
  const submitTo = (serviceSegment: string) => () => main.json(`/ostra/api/services/${serviceSegment}/cases`, lampSubmission(target), { 'idempotency-key': freshKey() });

  const cases: HostileCase[] = [
    // In service ids.
    { name: 'service id with SQL', send: () => main.get(`/ostra/api/services/${encodeURIComponent("' OR 1=1 --")}`), ...noService },
    { name: 'submission to a service id with SQL', send: submitTo("'%20OR%20'1'='1"), ...noService },
    { name: 'service id with a script tag (encoded)', send: () => main.get(`/ostra/api/services/${encodeURIComponent(XSS)}`), ...noService },
    { name: 'submission to a service id with a raw script tag', send: submitTo('<script>alert(1)<%2Fscript>'), ...noService },
    { name: 'upload for a service id with SQL', send: () => main.post('/ostra/api/uploads', multipart(BOUNDARY, [fieldPart('serviceId', "' OR 1=1; DROP TABLE uploads; --"), filePart('file', 'a.jpg', jpegFile({ metadata: false }))]), MULTIPART), ...noService },
    // In references.
    { name: 'reference with SQL', send: () => main.get(`/ostra/api/cases/${reference}'%20OR%20'1'='1`, { authorization: `Bearer ${target.ostra.token}x` }), ...noCase },
    { name: 'reference UNION SELECT', send: () => main.get(`/ostra/api/cases/${encodeURIComponent("x' UNION SELECT token_hash FROM cases --")}`, { authorization: `Bearer ${target.ostra.token}` }), ...noCase },
    { name: 'reference with a raw script tag', send: () => main.get('/ostra/api/cases/<script>alert(1)<%2Fscript>', { authorization: `Bearer ${target.ostra.token}` }), ...noCase },
    // In secrets (the Authorization header).
    { name: 'Authorization with SQL', send: asCase(SQL), ...noCase },
    { name: 'Authorization UNION SELECT', send: asCase("x' UNION SELECT token_hash, code_hash FROM cases --"), ...noCase },
    { name: 'Authorization DROP TABLE', send: asCase("'); DROP TABLE cases; --"), ...noCase },
    { name: 'Authorization with a script tag', send: asCase(XSS), ...noCase },
    { name: 'Authorization with a LIKE wildcard', send: asCase('%'), ...noCase },
    // In survey ids.
    { name: 'survey id with SQL', send: () => main.json(`/ostra/api/surveys/${encodeURIComponent("standard' OR 1=1 --")}/responses`, { answers: { ease: 4 } }), status: 404, code: 'survey-not-found' },
    { name: 'survey id with a script tag', send: () => main.json(`/ostra/api/surveys/${encodeURIComponent(XSS.replace('/', ''))}/responses`, { answers: { ease: 4 } }), status: 404, code: 'survey-not-found' },
    // In members that name something.
    { name: 'feedback serviceId with SQL', send: feedback({ serviceId: "broken-lamp' OR 1=1 --", rating: 3 }), ...invalid },
    { name: 'feedback serviceId with a script tag', send: feedback({ serviceId: XSS, rating: 3 }), ...invalid },
    { name: 'feedback reference with SQL', send: feedback({ topic: 'x', rating: 3, reference: `${reference}' OR '1'='1` }), ...invalid },
    { name: 'feedback locale with a script tag', send: feedback({ topic: 'x', rating: 3, locale: XSS }), ...invalid },
    { name: 'feedback definitionHash with SQL', send: feedback({ topic: 'x', rating: 3, definitionHash: `sha256-' OR 1=1 --` }), ...invalid },
    { name: 'survey serviceId with SQL', send: survey({ answers: { ease: 4 }, serviceId: "'; DELETE FROM survey_responses; --" }), ...invalid },
    { name: 'survey reference with an img onerror', send: survey({ answers: { ease: 4 }, reference: '<img src=x onerror=alert(1)>' }), ...invalid },
    { name: 'event serviceId DROP TABLE', send: event({ serviceId: "'; DROP TABLE usage_events; --" }), ...invalid },
    { name: 'event step with a script tag', send: event({ step: XSS }), ...invalid },
    { name: 'event fillId with SQL', send: event({ fillId: "aaaaaaaaaaaaaaaa' OR '1'='1" }), ...invalid },
    { name: 'submission locale with SQL', send: () => main.json('/ostra/api/services/broken-lamp/cases', lampSubmission(target, { locale: "sv'; DROP TABLE cases; --" }), { 'idempotency-key': freshKey() }), ...invalid },
    // In tenant names and other path parts.
    { name: 'tenant with SQL', send: () => main.get("/'%20OR%201=1--/api/services"), ...notFound },
    { name: 'tenant with a raw script tag', send: () => main.get('/<script>alert(1)<%2Fscript>/api/services'), ...notFound },
    { name: 'validator hash with a script tag', send: () => main.get(`/ostra/api/services/broken-lamp/validator.js?hash=${encodeURIComponent(XSS)}`), ...notFound },
    { name: 'validator hash with SQL', send: () => main.get(`/ostra/api/services/broken-lamp/validator.js?hash=${encodeURIComponent(SQL)}`), ...notFound },
    { name: 'demo page for a service id with a script tag', send: () => main.get('/ostra/e-tjanster/%3Cscript%3Ealert(1)%3C%2Fscript%3E'), ...notFound },
  ];
  return cases.map((hostile) => ({ ...hostile, notEchoed: ECHO }));
}
