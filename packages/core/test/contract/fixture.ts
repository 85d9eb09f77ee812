/** A tiny hand-written service for proving the contract suite (independent of packages/services). */
import { createHash } from 'node:crypto';
import type { FieldError } from '../../src/case/types.js';
import type { ServiceDefinition } from '../../src/definition/types.js';
import type { LoopbackService } from './loopback-state.js';

export const lampDefinition: ServiceDefinition = {
  id: 'broken-lamp',
  version: '1.0.0',
  defaultLanguage: 'sv',
  languages: ['sv', 'en'],
  title: { sv: 'Trasig lampa', en: 'Broken lamp' },
  description: { sv: 'Anmäl en trasig gatlampa.', en: 'Report a broken street lamp.' },
  category: 'streets',
  referencePrefix: 'LMP',
  handlingTime: { workingDays: 5 },
  statuses: [
    { id: 'received', label: { sv: 'Mottagen', en: 'Received' }, open311: 'open', final: false },
    { id: 'fixed', label: { sv: 'Åtgärdad', en: 'Fixed' }, open311: 'closed', final: true },
  ],
  schema: {
    type: 'object',
    required: ['description', 'anonymous'],
    properties: {
      description: { type: 'string', minLength: 1, maxLength: 4000 },
      anonymous: { type: 'boolean' },
      email: { type: 'string', format: 'email' },
    },
    additionalProperties: false,
  },
  ui: {
    steps: [{ id: 'fault', title: { sv: 'Felet', en: 'The fault' }, fields: ['/description', '/anonymous', '/email'] }],
    fields: {
      '/description': { label: { sv: 'Beskriv felet', en: 'Describe the fault' } },
      '/anonymous': { label: { sv: 'Anmäl anonymt', en: 'Report anonymously' } },
      '/email': { label: { sv: 'E-post', en: 'E-mail' } },
    },
  },
  privacy: {
    controller: { sv: 'Tekniska nämnden', en: 'The Technical Committee' },
    purpose: { sv: 'Att åtgärda felet.', en: 'To fix the fault.' },
    legalBasis: { sv: 'Allmänt intresse', en: 'Public interest' },
    retention: { sv: 'Två år', en: 'Two years' },
    summary: { sv: 'Vi använder uppgifterna för att åtgärda felet.', en: 'We use the data to fix the fault.' },
    personalData: ['/email'],
    sensitive: [],
  },
};

/** The schema above, checked by hand (pointers into the answers). */
export function validateLamp(answers: Readonly<Record<string, unknown>>): FieldError[] {
  const errors: FieldError[] = [];
  const { description, anonymous, email } = answers;
  if (typeof description !== 'string' || description.length === 0) {
    errors.push({ pointer: '/description', keyword: 'required', message: { sv: 'Beskriv felet.', en: 'Describe the fault.' } });
  } else if (description.length > 4000) {
    errors.push({ pointer: '/description', keyword: 'maxLength', message: { sv: 'Högst 4000 tecken.', en: 'At most 4000 characters.' } });
  }
  if (typeof anonymous !== 'boolean') {
    errors.push({ pointer: '/anonymous', keyword: 'required', message: { sv: 'Välj ja eller nej.', en: 'Choose yes or no.' } });
  }
  if (email !== undefined && !(typeof email === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) {
    errors.push({ pointer: '/email', keyword: 'format', message: { sv: 'Ange en e-postadress.', en: 'Enter an e-mail address.' } });
  }
  for (const key of Object.keys(answers)) {
    if (!['description', 'anonymous', 'email'].includes(key)) {
      errors.push({ pointer: `/${key}`, keyword: 'additionalProperties', message: { sv: 'Okänt fält.', en: 'Unknown field.' } });
    }
  }
  return errors;
}

/** Stand-in for core's canonical hash; the loopback takes whatever hash it is given. */
export function fixtureHash(value: unknown): string {
  return `sha256-${createHash('sha256').update(JSON.stringify(value)).digest('base64url')}`;
}

export function lampService(definition: ServiceDefinition = lampDefinition): LoopbackService {
  const hash = fixtureHash(definition);
  return {
    definition,
    hash,
    validatorSource: `export const hash = ${JSON.stringify(hash)};\nexport function validate(answers) { return typeof answers.description === 'string'; }\n`,
    validate: validateLamp,
  };
}

export const validLampAnswers = { description: 'Lampan vid busshållplatsen lyser inte.', anonymous: false, email: 'anna@example.org' };
export const invalidLampAnswers = { anonymous: 'maybe' };
