#!/usr/bin/env node
// A large, valid service definition for the bench: 200 fields of every built-in simple
// widget kind on ONE step, so render, validate-all and keystroke costs that grow with the
// number of fields show up. A seeded PRNG makes the output byte-identical on every run,
// so results stay comparable between commits.
//   node scripts/bench/generate-definition.mjs [-o .bench/forms/generated-200.json]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for picking field kinds. */
function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const t = (sv, en) => ({ sv, en });

// Field kinds with their relative weight, labels to pick from and JSON Schema.
const KINDS = {
  text: { weight: 24, labels: [t('Förnamn', 'First name'), t('Efternamn', 'Last name'), t('Gatuadress', 'Street address'), t('Ort', 'Town'), t('Företagsnamn', 'Company name'), t('Fastighetsbeteckning', 'Property designation'), t('Befattning', 'Job title')] },
  textarea: { weight: 6, labels: [t('Beskrivning', 'Description'), t('Motivering', 'Reason'), t('Övrigt', 'Anything else')] },
  email: { weight: 8, labels: [t('E-post', 'E-mail')] },
  tel: { weight: 8, labels: [t('Telefon', 'Phone')] },
  number: { weight: 6, labels: [t('Yta i kvadratmeter', 'Area in square metres'), t('Belopp i kronor', 'Amount in kronor')] },
  integer: { weight: 8, labels: [t('Antal personer', 'Number of people'), t('Antal dagar', 'Number of days'), t('Byggnadsår', 'Year built')] },
  date: { weight: 8, labels: [t('Datum', 'Date'), t('Startdatum', 'Start date'), t('Slutdatum', 'End date')] },
  select: { weight: 8, labels: [t('Kommundel', 'District'), t('Verksamhet', 'Activity'), t('Typ av lokal', 'Type of premises')] },
  radio: { weight: 8, labels: [t('Hur ofta?', 'How often?'), t('Vem ansöker?', 'Who is applying?'), t('Typ av ärende', 'Type of matter')] },
  checkbox: { weight: 6, labels: [t('Jag vill ha en kopia via e-post', 'Send me a copy by e-mail'), t('Jag har läst villkoren', 'I have read the terms')] },
  'checkbox-group': { weight: 6, labels: [t('Vilka dagar passar?', 'Which days suit you?'), t('Vad gäller det?', 'What is it about?')] },
  postnummer: { weight: 4, labels: [t('Postnummer', 'Postcode')] },
};
const HELP = [
  t('Skriv som det står i dina papper.', 'Write it as it appears in your documents.'),
  t('Vi använder uppgiften bara för det här ärendet.', 'We use this only for this case.'),
  t('Hoppa över om du inte vet.', 'Skip this if you do not know.'),
];
const NAME_PATTERN = '^[A-Za-zÅÄÖåäöÉé .\'-]+$';

export const FIELD_COUNT = 200;
export const SEED = 20261122;

/** The definition: same seed, same bytes. Field 1 is a required plain text field (the keystroke target). */
export function generateDefinition({ seed = SEED, count = FIELD_COUNT } = {}) {
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const chance = (p) => random() < p;
  const kindNames = Object.keys(KINDS);
  const weights = kindNames.map((kind) => KINDS[kind].weight);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const pickKind = () => {
    let r = random() * weightSum;
    for (let i = 0; i < kindNames.length; i += 1) if ((r -= weights[i]) < 0) return kindNames[i];
    return kindNames[0];
  };
  const options = (n) => Array.from({ length: n }, (_, i) => `alt-${i + 1}`);

  const properties = {};
  const required = [];
  const uiFields = {};
  const personalData = [];
  for (let index = 1; index <= count; index += 1) {
    const kind = index === 1 ? 'text' : pickKind();
    const name = `f${String(index).padStart(3, '0')}_${kind.replace('-', '_')}`;
    const base = pick(KINDS[kind].labels);
    const ui = { label: t(`${index}. ${base.sv}`, `${index}. ${base.en}`), widget: kind === 'integer' ? 'number' : kind };
    if (chance(0.35)) ui.help = pick(HELP);
    // Booleans are never required (an unchecked box is an answer); about 60 % of the rest are.
    const isRequired = index === 1 || (kind !== 'checkbox' && chance(0.6));
    let schema;
    switch (kind) {
      case 'text':
        schema = { type: 'string', maxLength: 100 };
        if (index > 1 && chance(0.15)) schema.minLength = 2;
        if (index > 1 && chance(0.15)) {
          schema.pattern = NAME_PATTERN;
          ui.messages = { pattern: t('Använd bara bokstäver, mellanslag och bindestreck.', 'Use only letters, spaces and hyphens.') };
        }
        break;
      case 'textarea':
        schema = { type: 'string', maxLength: 2000 };
        break;
      case 'email':
        schema = { type: 'string', format: 'email', maxLength: 254 };
        ui.autocomplete = 'email';
        personalData.push(`/${name}`);
        break;
      case 'tel':
        schema = { type: 'string', format: 'se-phone', maxLength: 30 };
        ui.autocomplete = 'tel';
        personalData.push(`/${name}`);
        break;
      case 'number':
        schema = { type: 'number', minimum: 0 };
        if (chance(0.3)) schema.maximum = 100000;
        break;
      case 'integer':
        schema = { type: 'integer', minimum: 0, maximum: chance(0.5) ? 100 : 9999 };
        break;
      case 'date':
        schema = { type: 'string', format: 'date' };
        break;
      case 'select':
      case 'radio':
      case 'checkbox-group': {
        const values = options(kind === 'select' ? 5 + Math.floor(random() * 8) : 2 + Math.floor(random() * 4));
        ui.options = Object.fromEntries(values.map((value, i) => [value, t(`Alternativ ${i + 1}`, `Option ${i + 1}`)]));
        schema =
          kind === 'checkbox-group'
            ? { type: 'array', items: { type: 'string', enum: values }, uniqueItems: true, ...(isRequired ? { minItems: 1 } : {}) }
            : { type: 'string', enum: values };
        break;
      }
      case 'checkbox':
        schema = { type: 'boolean' };
        break;
      case 'postnummer':
        schema = { type: 'string', format: 'se-postnummer' };
        ui.autocomplete = 'postal-code';
        break;
    }
    properties[name] = schema;
    uiFields[`/${name}`] = ui;
    if (isRequired) required.push(name);
  }

  const names = Object.keys(properties);
  return {
    $schema: 'https://eservice-kit.dev/schema/definition/v1.json',
    id: `bench-generated-${count}`,
    version: '1.0.0',
    defaultLanguage: 'sv',
    languages: ['sv', 'en'],
    title: t(`Testformulär med ${count} fält`, `Test form with ${count} fields`),
    description: t('Ett genererat formulär för prestandamätningar.', 'A generated form for performance measurements.'),
    category: 'bench',
    referencePrefix: 'BEN',
    handlingTime: { workingDays: 10, description: t('Vi svarar inom tio arbetsdagar.', 'We answer within ten working days.') },
    nextSteps: t('Vi går igenom dina svar.', 'We review your answers.'),
    statuses: [
      { id: 'received', label: t('Mottagen', 'Received'), open311: 'open', final: false },
      { id: 'closed', label: t('Avslutad', 'Closed'), open311: 'closed', final: true },
    ],
    schema: { type: 'object', additionalProperties: false, required, properties },
    ui: {
      steps: [{ id: 'everything', title: t('Alla frågor', 'All questions'), fields: names.map((name) => `/${name}`) }],
      fields: uiFields,
      rules: [],
    },
    privacy: {
      controller: t('Testnämnden', 'The test committee'),
      purpose: t('Att mäta prestanda.', 'To measure performance.'),
      legalBasis: t('Allmänt intresse.', 'Public interest.'),
      retention: t('Sparas inte.', 'Not kept.'),
      summary: t('Formuläret används bara för mätningar.', 'The form is used only for measurements.'),
      personalData,
      sensitive: [],
    },
    drafts: { storage: 'none' },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf('-o');
  const output = outIndex > 0 ? process.argv[outIndex + 1] : `.bench/forms/generated-${FIELD_COUNT}.json`;
  mkdirSync(dirname(output), { recursive: true });
  writeFileSync(output, JSON.stringify(generateDefinition(), null, 2) + '\n');
  console.log(`${output}: ${FIELD_COUNT} fields on one step`);
}
