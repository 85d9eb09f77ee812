/**
 * A tiny service for proving the contract suite (independent of packages/services): a real
 * definition as core's loader accepts it, served with core's hash and precompiled module,
 * and judged by core's evaluation, as any server must.
 */
import type { LoadedDefinition, ServiceDefinition } from '../../src/definition/types.js';
import { compileDefinition, loadDefinitionStrict, precompileDefinition } from '../../src/compile/index.js';
import { evaluate } from '../../src/rules/evaluate.js';
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
    // An anonymous report has no contact: the e-mail field is hidden, and dropped if sent.
    rules: [
      {
        id: 'no-contact-when-anonymous',
        when: { properties: { anonymous: { const: true } }, required: ['anonymous'] },
        effect: 'hide',
        fields: ['/email'],
      },
    ],
  },
  roles: { contactEmail: '/email', description: '/description' },
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

/** Loads a definition strictly; a fixture that core refuses is a bug in the test. */
export function loadFixture(definition: unknown): LoadedDefinition {
  const loaded = loadDefinitionStrict(definition);
  if (!loaded.ok) throw new Error(`fixture definition does not load: ${JSON.stringify(loaded.errors)}`);
  return loaded;
}

/**
 * A loopback service for a definition: core's hash, core's precompiled module, core's evaluation.
 * `overrides` replace parts of it, to make deliberately broken servers.
 */
export function lampService(definition: unknown = lampDefinition, overrides: Partial<LoopbackService> = {}): LoopbackService {
  const loaded = loadFixture(definition);
  const compiled = compileDefinition(loaded);
  return {
    definition: loaded.definition,
    hash: loaded.hash,
    validatorSource: precompileDefinition(loaded),
    check(answers) {
      const { errors, pruned } = evaluate(loaded.definition, compiled, answers);
      return { errors, pruned };
    },
    ...overrides,
  };
}

export const validLampAnswers = { description: 'Lampan vid busshållplatsen lyser inte.', anonymous: false, email: 'anna@example.org' };
export const invalidLampAnswers = { anonymous: 'maybe' };
/** Anonymous, yet with an e-mail (not even a valid one): the hidden field is dropped, the case accepted. */
export const hiddenFieldLampAnswers = { description: 'Lampan vid lekplatsen blinkar.', anonymous: true, email: 'inte en adress' };
