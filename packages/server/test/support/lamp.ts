/** Answers to the lamp fixture (test/fixtures/definitions/broken-lamp.json), as the contract suite needs them. */
export const validLampAnswers = { description: 'Lampan vid busshållplatsen lyser inte.', anonymous: false, email: 'anna@example.org' };
export const invalidLampAnswers = { anonymous: 'maybe' };
/** Anonymous, yet with an e-mail: the hidden field is dropped, the case accepted. */
export const hiddenFieldLampAnswers = { description: 'Lampan vid lekplatsen blinkar.', anonymous: true, email: 'inte en adress' };

export const lampSuiteOptions = (baseUrl: string, origin: string) => ({
  baseUrl,
  serviceId: 'broken-lamp',
  validAnswers: validLampAnswers,
  invalidAnswers: invalidLampAnswers,
  invalidPointer: '/anonymous',
  hiddenFieldAnswers: hiddenFieldLampAnswers,
  origin,
  surveyId: 'standard',
  surveyAnswers: { effectiveness: 'yes', ease: 4, improve: 'Nothing.' },
});
