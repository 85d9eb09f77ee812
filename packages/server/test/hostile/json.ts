/** Category 1: malformed and hostile JSON, prototype keys, duplicate keys, non-object bodies. */
import { LAMP_CASES, freshKey, lampSubmission, type HostileCase, type Target } from './harness.js';

const malformed = { status: 400, code: 'malformed-json' } as const;
const invalid = { status: 400, code: 'invalid-request' } as const;

export function jsonCases(target: Target): HostileCase[] {
  const { main } = target;
  const valid = JSON.stringify(lampSubmission(target));
  const submit = (body: string | Uint8Array, headers: Record<string, string> = {}) => main.post(LAMP_CASES, body, { 'idempotency-key': freshKey(), ...headers });
  const feedback = (body: string | Uint8Array) => main.post('/ostra/api/feedback', body);
  const events = (body: string | Uint8Array) => main.post('/ostra/api/events', body);
  const nested = (depth: number, inner = '0') => '['.repeat(depth) + inner + ']'.repeat(depth);
  // Member order of the valid body, for splicing hostile members into real text.
  const withMember = (member: string) => `{${member},${valid.slice(1)}`;

  return [
    // Broken syntax.
    { name: 'truncated submission', send: () => submit(valid.slice(0, valid.length / 2)), ...malformed },
    { name: 'truncated inside a string', send: () => feedback('{"topic":"Gatlampa'), ...malformed },
    { name: 'trailing garbage after the object', send: () => submit(`${valid} garbage`), ...malformed },
    { name: 'two JSON values', send: () => submit(`${valid}${valid}`), ...malformed },
    { name: 'trailing comma', send: () => feedback('{"topic":"x","rating":3,}'), ...malformed },
    { name: 'single quotes', send: () => feedback("{'topic':'x','rating':3}"), ...malformed },
    { name: 'NaN literal', send: () => feedback('{"topic":"x","rating":NaN}'), ...malformed },
    { name: 'comment inside JSON', send: () => feedback('{"topic":"x" /* hi */,"rating":3}'), ...malformed },
    { name: 'empty body', send: () => submit(''), ...malformed },
    { name: 'whitespace-only body', send: () => events(' \r\n\t '), ...malformed },
    // Byte-order marks and encodings.
    { name: 'UTF-8 BOM before the object', send: () => submit(`\uFEFF${valid}`), ...malformed },
    { name: 'BOM between members', send: () => feedback('{"topic":"x",\uFEFF"rating":3}'), ...malformed },
    { name: 'UTF-16LE body with its BOM', send: () => feedback(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"topic":"x","rating":3}', 'utf16le')])), ...malformed },
    {
      // RFC 8259 §8.1: JSON text exchanged between systems MUST be UTF-8. A lenient decoder turns
      // these bytes into U+FFFD and stores a case whose text nobody wrote.
      name: 'invalid UTF-8 (an encoded surrogate) inside an answer',
      send: () => submit(Buffer.concat([Buffer.from(valid.slice(0, valid.indexOf(' inte.'))), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(valid.slice(valid.indexOf(' inte.')))])),
      ...malformed,
    },
    { name: 'invalid UTF-8 (a lone 0xFF) in feedback', send: () => feedback(Buffer.concat([Buffer.from('{"topic":"Gata'), Buffer.from([0xff]), Buffer.from('","rating":3}')])), ...malformed },
    // Media types.
    { name: 'text/plain submission', send: () => main.post(LAMP_CASES, valid, { 'content-type': 'text/plain', 'idempotency-key': freshKey() }), status: 415, code: 'unsupported-media-type' },
    { name: 'no Content-Type at all', send: () => main.request('POST', '/ostra/api/feedback', { body: '{"topic":"x","rating":3}' }), status: 415, code: 'unsupported-media-type' },
    { name: 'form-encoded feedback', send: () => main.post('/ostra/api/feedback', 'topic=x&rating=3', { 'content-type': 'application/x-www-form-urlencoded' }), status: 415, code: 'unsupported-media-type' },
    // Numbers beyond any range.
    { name: 'durationMs 1e400 (Infinity)', send: () => submit(valid.replace(/}$/, ',"durationMs":1e400}')), ...invalid },
    { name: 'durationMs of 30 digits', send: () => submit(valid.replace(/}$/, `,"durationMs":${'9'.repeat(30)}}`)), ...invalid },
    { name: 'rating of 100 000 digits', send: () => feedback(`{"topic":"x","rating":${'1'.repeat(100_000)}}`), ...invalid },
    // Depth and width within the size limit.
    { name: '10 000 nested arrays as the body', send: () => submit(nested(10_000)), ...invalid },
    { name: '10 000 nested arrays inside answers', send: () => submit(valid.replace('"anonymous":false', `"anonymous":false,"x":${nested(10_000)}`)), ...invalid },
    { name: '100 000 nested arrays (200 kB)', send: () => events(nested(100_000)), ...invalid },
    { name: '30 000 nested objects', send: () => feedback(`${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}`), ...invalid },
    { name: '60 000 values in one flat array', send: () => events(`{"events":[${new Array(60_000).fill('0').join(',')}]}`), ...invalid },
    // Prototype keys: refused as unknown members or forbidden answer keys, never merged.
    { name: '__proto__ member of a submission', send: () => submit(withMember('"__proto__":{"polluted":"submit"}')), ...invalid },
    { name: 'constructor.prototype member of a submission', send: () => submit(withMember('"constructor":{"prototype":{"polluted":"submit"}}')), ...invalid },
    { name: 'prototype member of feedback', send: () => feedback('{"topic":"x","rating":3,"prototype":{"polluted":"feedback"}}'), ...invalid },
    { name: '__proto__ member of feedback', send: () => feedback('{"topic":"x","rating":3,"__proto__":{"polluted":"feedback"}}'), ...invalid },
    { name: '__proto__ member of a usage event', send: () => events('{"events":[{"__proto__":{"polluted":"event"}}]}'), ...invalid },
    { name: '__proto__ member of a survey response', send: () => main.post('/ostra/api/surveys/standard/responses', '{"answers":{"ease":4},"__proto__":{"polluted":"survey"}}'), ...invalid },
    { name: '__proto__ key inside answers', send: () => submit(valid.replace('"anonymous":false', '"anonymous":false,"__proto__":{"polluted":"answers"}')), status: 422, code: 'invalid-answers' },
    { name: 'constructor.prototype inside answers', send: () => submit(valid.replace('"anonymous":false', '"anonymous":false,"constructor":{"prototype":{"polluted":"answers"}}')), status: 422, code: 'invalid-answers' },
    // Duplicate keys: the last one counts (JSON.parse), and it is judged.
    { name: 'duplicate locale, the last a number', send: () => submit(valid.replace(/}$/, ',"locale":5}')), ...invalid },
    { name: 'duplicate answers, the last an array', send: () => submit(valid.replace(/}$/, ',"answers":[]}')), ...invalid },
    { name: 'duplicate rating, the last out of range', send: () => feedback('{"topic":"x","rating":3,"rating":9}'), ...invalid },
    // Bodies that are JSON but no object.
    { name: 'array body', send: () => submit('[]'), ...invalid },
    { name: 'string body', send: () => submit('"answers"'), ...invalid },
    { name: 'null body', send: () => submit('null'), ...invalid },
    { name: 'number body', send: () => feedback('42'), ...invalid },
    { name: 'boolean body', send: () => events('true'), ...invalid },
    { name: 'null survey response', send: () => main.post('/ostra/api/surveys/standard/responses', 'null'), ...invalid },
  ];
}
