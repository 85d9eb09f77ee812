/**
 * Open311 GeoReport v2 from a definition's semantic roles: the form parameters of
 * `POST requests` with which a stored case is forwarded to a city system that speaks
 * Open311 (the delivery itself, through the outbox, is a later part). Nothing is guessed
 * from field names: a definition without an `open311` mapping has no Open311 form.
 */
import { getAtPointer, type ServiceDefinition } from '@eservice-kit/core';
import type { StoredCase } from '../storage/types.js';

/** A scalar answer as Open311 sends it, or undefined when the answer is absent or not a scalar. */
function scalar(answers: unknown, pointer: string | undefined): string | undefined {
  if (pointer === undefined) return undefined;
  const value = getAtPointer(answers, pointer);
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

/**
 * The `application/x-www-form-urlencoded` parameters of GeoReport v2 `POST requests` for a
 * case, or undefined when the definition maps nothing to Open311. Contact details go only
 * where the definition's roles name them (an anonymous report carries none, since its
 * contact fields were hidden and pruned).
 */
export function open311RequestParameters(definition: ServiceDefinition, stored: StoredCase): Record<string, string> | undefined {
  const mapping = definition.open311;
  if (mapping === undefined) return undefined;
  const answers = stored.answers;
  const roles = definition.roles ?? {};
  const serviceCode = 'value' in mapping.serviceCode ? mapping.serviceCode.value : scalar(answers, mapping.serviceCode.field);
  if (serviceCode === undefined) return undefined;
  const entries: [string, string | undefined][] = [
    ['service_code', serviceCode],
    ['lat', scalar(answers, roles.location?.lat)],
    ['long', scalar(answers, roles.location?.long)],
    ['address_string', scalar(answers, roles.location?.addressString)],
    ['description', scalar(answers, roles.description)],
    ['email', scalar(answers, roles.contactEmail)],
    ['phone', scalar(answers, roles.contactPhone)],
    ['first_name', scalar(answers, roles.givenName)],
    ['last_name', scalar(answers, roles.familyName)],
    ...Object.entries(mapping.attributes ?? {}).map(([code, pointer]): [string, string | undefined] => [`attribute[${code}]`, scalar(answers, pointer)]),
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** The GeoReport v2 status of a case: Open311 knows only open and closed. */
export function open311Status(stored: StoredCase): 'open' | 'closed' {
  return stored.status.open311;
}
