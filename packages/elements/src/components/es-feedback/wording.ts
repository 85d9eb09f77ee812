import { msg } from '@lit/localize';
import type { UiLocale } from '@eservice-kit/core';

/**
 * The default texts of `<es-feedback>` in the active UI locale, keyed by
 * their message ids (the ids `wording` overrides). The prompt's Swedish and
 * English follow the project's evaluation research (GOV.UK's feedback page
 * and OMB A-11, adapted). Call during render, like msg().
 */
export function defaultWording() {
  return {
    'es-feedback.heading': msg('Help us improve this e-service', {
      id: 'es-feedback.heading',
      desc: 'Heading of the feedback prompt (rating variant), e.g. on a receipt',
    }),
    'es-feedback.question': msg('Overall, how satisfied are you with this e-service?', {
      id: 'es-feedback.question',
      desc: 'Legend of the 5-point satisfaction scale',
    }),
    'es-feedback.scale.1': msg('Very dissatisfied', { id: 'es-feedback.scale.1', desc: 'Satisfaction scale, 1 of 5' }),
    'es-feedback.scale.2': msg('Dissatisfied', { id: 'es-feedback.scale.2', desc: 'Satisfaction scale, 2 of 5' }),
    'es-feedback.scale.3': msg('Neither satisfied nor dissatisfied', {
      id: 'es-feedback.scale.3',
      desc: 'Satisfaction scale, 3 of 5 (the middle)',
    }),
    'es-feedback.scale.4': msg('Satisfied', { id: 'es-feedback.scale.4', desc: 'Satisfaction scale, 4 of 5' }),
    'es-feedback.scale.5': msg('Very satisfied', { id: 'es-feedback.scale.5', desc: 'Satisfaction scale, 5 of 5' }),
    'es-feedback.thumbs.question': msg('Was this page helpful?', {
      id: 'es-feedback.thumbs.question',
      desc: 'Question of the thumbs variant, on content pages',
    }),
    'es-feedback.thumbs.yes': msg('Yes', { id: 'es-feedback.thumbs.yes', desc: 'Answer to "Was this page helpful?"' }),
    'es-feedback.thumbs.no': msg('No', { id: 'es-feedback.thumbs.no', desc: 'Answer to "Was this page helpful?"' }),
    'es-feedback.improve': msg('How could we improve it?', {
      id: 'es-feedback.improve',
      desc: 'Label of the optional free-text field',
    }),
    'es-feedback.optional': msg('(optional)', {
      id: 'es-feedback.optional',
      desc: 'After the label of the free-text field, which may be left empty',
    }),
    'es-feedback.hint': msg('No personal details, please.', {
      id: 'es-feedback.hint',
      desc: 'Hint under the free-text label: answers may become public records',
    }),
    'es-feedback.hint.contact': msg('Questions about your case:', {
      id: 'es-feedback.hint.contact',
      desc: 'Second sentence of the hint, followed by a link to the contact page (when one is configured)',
    }),
    'es-feedback.hint.contact-link': msg('contact us', {
      id: 'es-feedback.hint.contact-link',
      desc: 'Text of the link to the contact page, after "Questions about your case:"',
    }),
    'es-feedback.count.left': msg('characters left', {
      id: 'es-feedback.count.left',
      desc: 'After a number (not 1), e.g. "1,200 characters left"',
    }),
    'es-feedback.count.left-one': msg('character left', { id: 'es-feedback.count.left-one', desc: 'After the number 1' }),
    'es-feedback.count.over': msg('characters too many', {
      id: 'es-feedback.count.over',
      desc: 'After a number (not 1), e.g. "15 characters too many"',
    }),
    'es-feedback.count.over-one': msg('character too many', { id: 'es-feedback.count.over-one', desc: 'After the number 1' }),
    'es-feedback.send': msg('Send', { id: 'es-feedback.send', desc: 'Button that sends the feedback' }),
    'es-feedback.sending': msg('Sending…', {
      id: 'es-feedback.sending',
      desc: 'The send button while the answer is on its way',
    }),
    'es-feedback.error.prefix': msg('Error:', {
      id: 'es-feedback.error.prefix',
      desc: 'Spoken (not shown) before an error under a field',
    }),
    'es-feedback.error.rating': msg('Choose how satisfied you are', {
      id: 'es-feedback.error.rating',
      desc: 'Error when sending without choosing a point on the scale',
    }),
    'es-feedback.error.too-long': msg('Shorten your text to 1,200 characters or fewer', {
      id: 'es-feedback.error.too-long',
      desc: 'Error when the free text is longer than 1,200 characters (write the number the locale way)',
    }),
    'es-feedback.failed.heading': msg('Your answer could not be sent', {
      id: 'es-feedback.failed.heading',
      desc: 'Heading of the error after a failed send',
    }),
    'es-feedback.failed.retryable': msg('Check your connection and try again. What you wrote is kept.', {
      id: 'es-feedback.failed.retryable',
      desc: 'A network or server failure: trying again may work',
    }),
    'es-feedback.failed.rejected': msg('The answer was not accepted. What you wrote is kept.', {
      id: 'es-feedback.failed.rejected',
      desc: 'The server refused the answer as it stands',
    }),
    'es-feedback.retry': msg('Try again', { id: 'es-feedback.retry', desc: 'Button that sends the answer again' }),
    'es-feedback.thanks': msg('Thank you – we read every answer.', {
      id: 'es-feedback.thanks',
      desc: 'Shown once the answer is stored, and instead of the prompt when this tab has already answered it',
    }),
    'es-feedback.accessibility-report': msg('Report an accessibility problem', {
      id: 'es-feedback.accessibility-report',
      desc: 'Link to the accessibility report service (when configured)',
    }),
    'es-feedback.misconfigured': msg('Feedback cannot be given here right now.', {
      id: 'es-feedback.misconfigured',
      desc: 'Shown instead of the prompt when the page set it up without a server address or subject',
    }),
  };
}

/** The id of an `<es-feedback>` text, e.g. `es-feedback.heading`. */
export type EsFeedbackWordingId = keyof ReturnType<typeof defaultWording>;

/** Texts replacing the defaults, per id and UI locale; a missing id or locale keeps the default. */
export type EsFeedbackWording = Readonly<Partial<Record<EsFeedbackWordingId, Readonly<Partial<Record<UiLocale, string>>>>>>;
