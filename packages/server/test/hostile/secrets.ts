/**
 * Category 7: forged, empty and "expired" secrets for the citizen's case view.
 *
 * This server has no expiry of tracking tokens or codes: a secret opens its case for as long
 * as the case exists. What an attacker can hold instead of an expired secret is a real secret
 * of the wrong case: the token of the same reference in the other tenant, another case's
 * token, a token for a reference that never existed. Those stand in for the expired ones here.
 *
 * A missing or empty secret is 401 unauthorized; any wrong secret, and an unknown reference,
 * get one and the same 404 case-not-found body (checked byte for byte in the test).
 */
import assert from 'node:assert/strict';
import { symbols, type Answer, type HostileCase, type Target } from './harness.js';

const noCase = { status: 404, code: 'case-not-found' } as const;
const bearerNeeded = (answer: Answer) => assert.equal(answer.headers['www-authenticate'], 'Bearer', 'a 401 names the Bearer scheme');
const unauthorized = { status: 401, code: 'unauthorized', check: bearerNeeded } as const;

/** The same string with its last symbol changed to another symbol of its alphabet. */
function lastChanged(secret: string, alphabet: string): string {
  const last = secret.at(-1)!;
  return secret.slice(0, -1) + (alphabet[(alphabet.indexOf(last) + 1) % alphabet.length] ?? alphabet[0]);
}
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The unknown reference every wrong-secret body is compared with. */
export const unknownReference = (target: Target): string => target.ostra.reference.replace(/\d{6}$/, '999999');

export function secretCases(target: Target): HostileCase[] {
  const { main, ostra, ostraOther, vastra } = target;
  const look = (tenant: string, reference: string, authorization?: string) => () => main.get(`/${tenant}/api/cases/${reference}`, authorization === undefined ? {} : { authorization });
  const ostraCase = (authorization?: string) => look('ostra', ostra.reference, authorization);
  const unknown = unknownReference(target);

  return [
    // No secret at all: 401.
    { name: 'no Authorization header', send: ostraCase(), ...unauthorized },
    { name: 'Authorization "Bearer " (empty secret)', send: ostraCase('Bearer '), ...unauthorized },
    { name: 'Authorization "Bearer" and spaces only', send: ostraCase('Bearer     '), ...unauthorized },
    { name: 'Basic credentials', send: ostraCase(`Basic ${Buffer.from(`user:${ostra.token}`).toString('base64')}`), ...unauthorized },
    { name: 'the token without a scheme', send: ostraCase(ostra.token), ...unauthorized },
    { name: 'a secret of 400 characters', send: ostraCase(`Bearer ${'A'.repeat(400)}`), ...unauthorized },
    { name: 'the token in the query string only', send: () => main.get(`/ostra/api/cases/${ostra.reference}?token=${ostra.token}`), ...unauthorized },
    // Forged secrets: one identical 404 for all of them.
    { name: 'a random token', send: ostraCase(`Bearer ${symbols(43, 'R')}`), ...noCase },
    { name: 'a random tracking code', send: ostraCase('Bearer 7KQ4-M2XD-9TPA'), ...noCase },
    { name: "another case's token", send: ostraCase(`Bearer ${ostraOther.token}`), ...noCase },
    { name: "another case's tracking code", send: ostraCase(`Bearer ${ostraOther.trackingCode}`), ...noCase },
    { name: 'the token of the same reference in /vastra', send: ostraCase(`Bearer ${vastra.token}`), ...noCase },
    { name: 'the tracking code of the same reference in /vastra', send: ostraCase(`Bearer ${vastra.trackingCode}`), ...noCase },
    { name: 'an /ostra token used in /vastra', send: look('vastra', vastra.reference, `Bearer ${ostra.token}`), ...noCase },
    { name: 'the token with its last character changed', send: ostraCase(`Bearer ${lastChanged(ostra.token, BASE64URL)}`), ...noCase },
    { name: 'the tracking code with its last symbol changed', send: ostraCase(`Bearer ${lastChanged(ostra.trackingCode, CROCKFORD)}`), ...noCase },
    { name: 'the token one character short', send: ostraCase(`Bearer ${ostra.token.slice(0, -1)}`), ...noCase },
    { name: 'the token with a character added', send: ostraCase(`Bearer ${ostra.token}A`), ...noCase },
    { name: 'the token in upper case', send: ostraCase(`Bearer ${ostra.token.toUpperCase()}`), ...noCase },
    { name: 'the token twice', send: ostraCase(`Bearer ${ostra.token}, Bearer ${ostra.token}`), ...noCase },
    { name: 'the right token for a reference that never existed', send: look('ostra', unknown, `Bearer ${ostra.token}`), ...noCase },
    { name: 'a random token for a reference that never existed', send: look('ostra', unknown, `Bearer ${symbols(43, 'R')}`), ...noCase },
    { name: 'the right token for a malformed reference', send: look('ostra', 'LMP-20X6-000001', `Bearer ${ostra.token}`), ...noCase },
  ];
}
