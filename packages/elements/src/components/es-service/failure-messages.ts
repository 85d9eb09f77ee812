// What the citizen reads when a form cannot be shown or sent: never a blank element.
import { msg } from '@lit/localize';
import type { LoadFailureCode } from './load-service.js';

export interface FailureText {
  readonly heading: string;
  readonly body: string;
}

/** The message for a load failure, in the UI locale. */
export function loadFailureText(code: LoadFailureCode): FailureText {
  const heading = msg('The e-service cannot be shown right now', { id: 'es-service.failed.heading' });
  switch (code) {
    case 'api-unreachable':
      return {
        heading,
        body: msg('We could not reach the municipality’s e-service server. Check your connection and try again in a while.', { id: 'es-service.failed.unreachable' }),
      };
    case 'service-not-found':
      return { heading, body: msg('This e-service does not exist or has been removed.', { id: 'es-service.failed.not-found' }) };
    case 'definition-invalid':
      return { heading, body: msg('The description of this e-service has errors, so the form cannot be shown. Please contact the municipality.', { id: 'es-service.failed.invalid' }) };
    case 'validator-missing':
    case 'validator-mismatch':
      return {
        heading,
        body: msg('The checks for this form are missing, so it cannot be sent safely. Try again later.', { id: 'es-service.failed.validator' }),
      };
    case 'missing-configuration':
      return { heading, body: msg('The page does not say which e-service to show.', { id: 'es-service.failed.configuration' }) };
  }
}
