import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../packages/elements/src/components/es-message/es-message.js';
import type { EsMessage, EsMessageLive, EsMessageVariant } from '../packages/elements/src/components/es-message/es-message.js';

interface MessageArgs {
  variant: EsMessageVariant;
  live?: EsMessageLive;
  heading: string;
  body: string;
  details: string[];
  dismissible: boolean;
  headingLevel?: number;
}

type Locale = 'sv' | 'en';

// Story content in both locales (the element translates only its own UI
// strings; the host's text is the host's).
const text = {
  error: {
    sv: { heading: 'Ärendet kunde inte skickas', body: 'Kontrollera uppgifterna och försök igen.' },
    en: { heading: 'The case could not be sent', body: 'Check your answers and try again.' },
  },
  warning: {
    sv: { heading: 'Du har inte sparat', body: 'Om du lämnar sidan försvinner dina svar.' },
    en: { heading: 'You have not saved', body: 'If you leave the page, your answers are lost.' },
  },
  info: {
    sv: { heading: 'Handläggningstid', body: 'Vi svarar normalt inom tio arbetsdagar.' },
    en: { heading: 'Handling time', body: 'We normally reply within ten working days.' },
  },
  success: {
    sv: { heading: 'Tack, ditt ärende är skickat', body: 'Ditt ärendenummer är KS-2026-0142.' },
    en: { heading: 'Thank you, your case has been sent', body: 'Your case number is KS-2026-0142.' },
  },
} satisfies Record<EsMessageVariant, Record<Locale, { heading: string; body: string }>>;

const detailItems: Record<Locale, string[]> = {
  sv: ['Ange ditt namn', 'Ange en giltig e-postadress', 'Välj en plats på kartan'],
  en: ['Enter your name', 'Enter a valid e-mail address', 'Choose a place on the map'],
};

const localeOf = (globals: Record<string, unknown>): Locale => (globals['locale'] === 'en' ? 'en' : 'sv');

const render: StoryObj<MessageArgs>['render'] = (args, { globals }) => {
  const locale = localeOf(globals);
  const content = text[args.variant][locale];
  return html`<es-message
    variant=${args.variant}
    live=${args.live ?? nothing}
    heading=${args.heading === '' ? nothing : (args.heading ?? content.heading)}
    heading-level=${args.headingLevel ?? nothing}
    ?dismissible=${args.dismissible}
    .details=${args.details ?? []}
    >${args.body ?? content.body}</es-message
  >`;
};

const meta: Meta<MessageArgs> = {
  title: 'Elements/es-message',
  component: 'es-message',
  render,
  args: { variant: 'info', dismissible: false },
  argTypes: {
    variant: { control: 'inline-radio', options: ['error', 'warning', 'info', 'success'] },
    live: {
      control: 'inline-radio',
      options: ['auto', 'assertive', 'polite', 'off'],
      description: 'Screen reader announcement; `auto`: error assertive, success polite, info and warning not announced.',
    },
    heading: { control: 'text', description: 'Heading text (defaults to the story text in the current locale).' },
    body: { control: 'text', description: 'Default slot text (defaults to the story text in the current locale).' },
    details: { control: 'object' },
    dismissible: { control: 'boolean' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
  },
  parameters: {
    // Protected members from the manifest are for subclasses, not for controls.
    controls: { exclude: ['internals', 'setState', 'getUpdateComplete', 'hidden'] },
  },
};
export default meta;

type Story = StoryObj<MessageArgs>;

export const ErrorMessage: Story = { name: 'Error', args: { variant: 'error' } };
export const WarningMessage: Story = { name: 'Warning', args: { variant: 'warning' } };
export const InfoMessage: Story = { name: 'Info', args: { variant: 'info' } };
export const SuccessMessage: Story = { name: 'Success', args: { variant: 'success' } };

export const WithoutHeading: Story = { args: { variant: 'info', heading: '' } };

export const WithDetails: Story = {
  name: 'With details (error summary)',
  // An error summary takes focus when it appears, which reads it out; a live
  // region as well would read it twice.
  args: { variant: 'error', headingLevel: 2, live: 'off' },
  render: (args, context) => render({ ...args, details: detailItems[localeOf(context.globals)] }, context),
  parameters: {
    docs: {
      description: {
        story: 'An error summary that the form moves focus to: `live="off"`, because moving focus already reads it out.',
      },
    },
  },
};

const offline = {
  sv: { heading: 'Ingen anslutning', body: 'Dina svar finns kvar. Vi skickar dem när du är ansluten igen.' },
  en: { heading: 'No connection', body: 'Your answers are kept. We will send them when you are back online.' },
};

export const Offline: Story = {
  name: 'Network failure (announced warning)',
  args: { variant: 'warning', live: 'polite' },
  render: (args, context) => render({ ...offline[localeOf(context.globals)], ...args }, context),
  parameters: {
    docs: {
      description: {
        story: 'A warning that appears while the user works is announced with `live="polite"`; warnings that are part of the page are not (`live="auto"`).',
      },
    },
  },
};

const dynamicLabels = {
  sv: { show: 'Visa meddelandet', next: 'Nästa steg' },
  en: { show: 'Show the message', next: 'Next step' },
};

/** Shows the message again (removes `hidden`), which announces it again. */
const showMessage = (event: Event) => {
  const message = (event.currentTarget as HTMLElement).closest('div')?.querySelector<EsMessage>('es-message');
  if (message) message.hidden = false;
};

export const Dynamic: Story = {
  name: 'Shown, announced and dismissed',
  args: { variant: 'error', dismissible: true },
  render: (args, context) => {
    const labels = dynamicLabels[localeOf(context.globals)];
    return html`<div>
      <p><button type="button" @click=${showMessage}>${labels.show}</button></p>
      ${render(args, context)}
      <p><a href="#next">${labels.next}</a></p>
    </div>`;
  },
  parameters: {
    docs: {
      description: {
        story:
          'Dismiss the message with the keyboard: focus moves on to the next link instead of the top of the page. "Show the message" shows it again; a screen reader announces it (the live region is filled a frame after it appears).',
      },
    },
  },
};

export const Dismissible: Story = { args: { variant: 'success', dismissible: true } };

export const AllVariants: Story = {
  name: 'All variants',
  args: { dismissible: true },
  render: (args, context) =>
    html`<div style="display: grid; gap: 1em">
      ${(['error', 'warning', 'info', 'success'] as const).map((variant) => render({ ...args, variant }, context))}
    </div>`,
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { variant: 'error', dismissible: true },
  render: (args, context) => render({ ...args, details: detailItems[localeOf(context.globals)] }, context),
  globals: { direction: 'rtl' },
};

export const Swedish: Story = {
  name: 'Svenska',
  args: { variant: 'error', dismissible: true },
  globals: { locale: 'sv' },
};

export const English: Story = {
  args: { variant: 'error', dismissible: true },
  globals: { locale: 'en' },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { dismissible: true },
  render: AllVariants.render!,
  globals: { theme: 'dark' },
};

export const HighContrast: Story = {
  name: 'High contrast (tokens)',
  args: { dismissible: true },
  render: AllVariants.render!,
  globals: { theme: 'high-contrast' },
};

export const LongText: Story = {
  name: 'Long text (reflow at 320 px)',
  args: {
    variant: 'warning',
    dismissible: true,
    heading: 'Tjänsten är stängd för underhåll söndag 30 november 02.00–06.00',
    body: 'Under tiden kan du inte skicka nya ärenden. Redan skickade ärenden påverkas inte. Kontaktcenter: 054-540 00 00, kommunen@kommun.example.se',
  },
};
