/**
 * Category 8: an Idempotency-Key reused with another body (409, and no new case), and keys
 * that are missing or malformed (400). The contract's order of checks (docs/openapi.yaml,
 * "Order of checks on POST …/cases") puts the key (step 4) before the JSON (steps 5 and 6),
 * so a bad key wins over a bad body.
 */
import { LAMP_CASES, freshKey, lampSubmission, type HostileCase, type Target } from './harness.js';

const badKey = { status: 400, code: 'invalid-idempotency-key' } as const;
const reused = { status: 409, code: 'idempotency-key-reused' } as const;

export function idempotencyCases(target: Target): HostileCase[] {
  const { main } = target;
  const body = lampSubmission(target);
  const withKey = (key: string | string[] | undefined, value: unknown = body) => () =>
    main.json(LAMP_CASES, value, key === undefined ? {} : { 'idempotency-key': key });
  const seed = target.seedBody as { answers: Record<string, unknown> };

  return [
    // The seeded case's key with another body.
    { name: 'reused key, another description', send: withKey(target.seedKey, { ...target.seedBody, answers: { ...seed.answers, description: 'Något helt annat.' } }), ...reused },
    { name: 'reused key, another locale', send: withKey(target.seedKey, { ...target.seedBody, locale: 'en' }), ...reused },
    { name: 'reused key, durationMs added', send: withKey(target.seedKey, { ...target.seedBody, durationMs: 1 }), ...reused },
    { name: 'reused key, an answer left out', send: withKey(target.seedKey, { ...target.seedBody, answers: { description: seed.answers.description, anonymous: true } }), ...reused },
    // Missing and malformed keys.
    { name: 'no Idempotency-Key', send: withKey(undefined), ...badKey },
    { name: 'empty Idempotency-Key', send: withKey(''), ...badKey },
    { name: 'key of 7 characters', send: withKey('abcdefg'), ...badKey },
    { name: 'key of 129 characters', send: withKey('k'.repeat(129)), ...badKey },
    { name: 'key with spaces', send: withKey('abc def ghi'), ...badKey },
    { name: 'key with punctuation', send: withKey('abcdefgh!'), ...badKey },
    { name: 'key with a dot-dot-slash', send: withKey('../../../etc/passwd'), ...badKey },
    { name: 'key with SQL', send: withKey("' OR 1=1 --"), ...badKey },
    { name: 'key with a Latin-1 letter', send: withKey('abcd\u00e9fgh'), ...badKey },
    { name: 'two Idempotency-Key headers', send: withKey([freshKey(), freshKey()]), ...badKey },
    { name: 'the seeded key plus a suffix in a second header', send: withKey([target.seedKey, 'other-key-1']), ...badKey },
    // Order of checks: the key before the body.
    { name: 'no key and a truncated body', send: () => main.post(LAMP_CASES, '{"answers":{'), ...badKey },
    { name: 'malformed key and a body nested 10 000 deep', send: () => main.post(LAMP_CASES, `${'['.repeat(10_000)}${']'.repeat(10_000)}`, { 'idempotency-key': 'bad key' }), ...badKey },
  ];
}
