/** Answers that cannot be checked at all (hostile or broken input, a broken validator). */
export const UNPROCESSABLE_MESSAGES = {
  'too-deep': { sv: 'Svaren är för djupt nästlade för att kunna tas emot.', en: 'The answers are nested too deeply to be accepted.' },
  'too-large': { sv: 'Svaren är för stora för att kunna tas emot.', en: 'The answers are too large to be accepted.' },
  'forbidden-key': { sv: 'Svaren innehåller en otillåten nyckel.', en: 'The answers contain a key that is not allowed.' },
  'not-json': { sv: 'Svaren innehåller ett värde som inte kan skickas.', en: 'The answers contain a value that cannot be sent.' },
  validator: { sv: 'Svaren kunde inte kontrolleras. Försök igen senare.', en: 'The answers could not be checked. Please try again later.' },
} as const;

/**
 * Default sv/en messages for answer validation, keyed like definition overrides:
 * "format:<name>" is tried before "format". Written for citizens: say what to do.
 */
export const VALIDATION_MESSAGES: Readonly<Record<string, { readonly sv: string; readonly en: string }>> = {
  ...UNPROCESSABLE_MESSAGES,
  required: { sv: 'Fyll i det här fältet.', en: 'Fill in this field.' },
  type: { sv: 'Svaret har fel form.', en: 'This answer has the wrong form.' },
  'type:number': { sv: 'Skriv ett tal.', en: 'Enter a number.' },
  'type:integer': { sv: 'Skriv ett heltal.', en: 'Enter a whole number.' },
  minLength: { sv: 'Skriv minst {limit} tecken.', en: 'Enter at least {limit} characters.' },
  maxLength: { sv: 'Skriv högst {limit} tecken.', en: 'Enter at most {limit} characters.' },
  minimum: { sv: 'Ange minst {limit}.', en: 'Enter {limit} or more.' },
  maximum: { sv: 'Ange högst {limit}.', en: 'Enter {limit} or less.' },
  exclusiveMinimum: { sv: 'Ange mer än {limit}.', en: 'Enter more than {limit}.' },
  exclusiveMaximum: { sv: 'Ange mindre än {limit}.', en: 'Enter less than {limit}.' },
  multipleOf: { sv: 'Ange en multipel av {multipleOf}.', en: 'Enter a multiple of {multipleOf}.' },
  pattern: { sv: 'Svaret har fel format.', en: 'This answer is not in the right format.' },
  enum: { sv: 'Välj ett av alternativen.', en: 'Choose one of the options.' },
  const: { sv: 'Du måste bekräfta det här.', en: 'You need to confirm this.' },
  minItems: { sv: 'Ange minst {limit}.', en: 'Give at least {limit}.' },
  maxItems: { sv: 'Ange högst {limit}.', en: 'Give at most {limit}.' },
  uniqueItems: { sv: 'Samma svar finns två gånger.', en: 'The same answer appears twice.' },
  dependentRequired: { sv: 'Fyll i det här fältet också.', en: 'Fill in this field too.' },
  dateNotBefore: { sv: 'Välj ett datum från och med {limit}.', en: 'Choose a date on or after {limit}.' },
  dateNotAfter: { sv: 'Välj ett datum senast {limit}.', en: 'Choose a date on or before {limit}.' },
  additionalProperties: { sv: 'Fältet hör inte till e-tjänsten.', en: 'This field does not belong to the e-service.' },
  anyOf: { sv: 'Fyll i minst ett av alternativen.', en: 'Fill in at least one of the alternatives.' },
  oneOf: { sv: 'Fyll i precis ett av alternativen.', en: 'Fill in exactly one of the alternatives.' },
  not: { sv: 'Svaret är inte tillåtet.', en: 'This answer is not allowed.' },
  format: { sv: 'Svaret har fel format.', en: 'This answer is not in the right format.' },
  'format:email': { sv: 'Skriv en e-postadress, till exempel namn@exempel.se.', en: 'Enter an e-mail address, like name@example.com.' },
  'format:date': { sv: 'Skriv ett datum, till exempel 2026-06-20.', en: 'Enter a date, like 2026-06-20.' },
  'format:date-time': { sv: 'Ange datum och tid.', en: 'Enter a date and time.' },
  'format:time': { sv: 'Skriv en tid, till exempel 14:30.', en: 'Enter a time, like 14:30.' },
  'format:uri': { sv: 'Skriv en webbadress som börjar med https://.', en: 'Enter a web address starting with https://.' },
  'format:se-personnummer': {
    sv: 'Skriv personnumret med 10 eller 12 siffror, till exempel 19640823-3234.',
    en: 'Enter the personal identity number with 10 or 12 digits, like 19640823-3234.',
  },
  'format:se-samordningsnummer': {
    sv: 'Skriv samordningsnumret med 10 eller 12 siffror.',
    en: 'Enter the coordination number with 10 or 12 digits.',
  },
  'format:se-personal-id': {
    sv: 'Skriv ett giltigt personnummer eller samordningsnummer, till exempel 19640823-3234.',
    en: 'Enter a valid personal identity or coordination number, like 19640823-3234.',
  },
  'format:se-orgnr': { sv: 'Skriv organisationsnumret med 10 siffror, till exempel 212000-0142.', en: 'Enter the 10-digit organisation number, like 212000-0142.' },
  'format:se-postnummer': { sv: 'Skriv postnumret med fem siffror, till exempel 123 45.', en: 'Enter the five-digit postcode, like 123 45.' },
  'format:se-phone': { sv: 'Skriv ett svenskt telefonnummer, till exempel 070-123 45 67.', en: 'Enter a Swedish phone number, like 070-123 45 67.' },
  'format:se-mobile': { sv: 'Skriv ett mobilnummer, till exempel 070-123 45 67.', en: 'Enter a mobile number, like 070-123 45 67.' },
};

/** Shown when no override or keyword message fits: never an English ajv string. */
export const FALLBACK_VALIDATION_MESSAGE = { sv: 'Kontrollera svaret.', en: 'Check this answer.' } as const;
