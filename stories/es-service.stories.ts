import { html } from 'lit';
import type { Meta, StoryContext, StoryObj } from '@storybook/web-components-vite';
import type { EsService } from '../packages/elements/src/components/es-service/es-service.component.js';
import type { UiLocale } from '../packages/elements/src/localization.js';
// The four built-in services with their precompiled validators (made by `npm run build`).
import faultReport from '../packages/services/definitions/fault-report.json';
import * as faultReportValidator from '../packages/services/validators/fault-report.validator.js';
import complaint from '../packages/services/definitions/complaint.json';
import * as complaintValidator from '../packages/services/validators/complaint.validator.js';
import civilWedding from '../packages/services/definitions/civil-wedding.json';
import * as civilWeddingValidator from '../packages/services/validators/civil-wedding.validator.js';
import accessibilityReport from '../packages/services/definitions/accessibility-report.json';
import * as accessibilityReportValidator from '../packages/services/validators/accessibility-report.validator.js';
// Small definitions that show one group of widgets each (stories/support/definitions/README.md).
import textWidgets from './support/definitions/text-widgets.json';
import * as textWidgetsValidator from './support/definitions/text-widgets.validator.js';
import choiceWidgets from './support/definitions/choice-widgets.json';
import * as choiceWidgetsValidator from './support/definitions/choice-widgets.validator.js';
import groupWidgets from './support/definitions/group-widgets.json';
import * as groupWidgetsValidator from './support/definitions/group-widgets.validator.js';
import customWidget from './support/definitions/custom-widget.json';
import * as customWidgetValidator from './support/definitions/custom-widget.validator.js';
import './support/star-rating-widget.js';
import { MemoryTransport } from './support/memory-transport.js';
import type { MemoryTransportOptions } from './support/memory-transport.js';
import { STORY_TODAY, choose, feedbackPrompt, prepareService, press, restoreFocus, shows, type } from './support/service-driver.js';
import type { ServiceSetup } from './support/service-driver.js';

interface ServiceArgs {
  noIntro: boolean;
  headingLevel: number;
  theme: 'light' | 'dark' | 'auto' | undefined;
  events: 'on' | 'off';
}

type Story = StoryObj<ServiceArgs>;
type Context = StoryContext<ServiceArgs>;

const localeOf = (globals: Record<string, unknown>): UiLocale => (globals['locale'] === 'en' ? 'en' : 'sv');

/** Text a citizen would type, in the story's language. */
const say = (locale: UiLocale, sv: string, en: string): string => (locale === 'sv' ? sv : en);

/** A fresh in-memory backend for one story, knowing the definitions it may be asked for. */
function memory(options: MemoryTransportOptions = {}): MemoryTransport {
  return new MemoryTransport({
    services: [{ definition: faultReport }, { definition: complaint }, { definition: civilWedding }, { definition: accessibilityReport }],
    today: STORY_TODAY,
    ...options,
  });
}

const services = {
  'fault-report': { definition: faultReport, validator: faultReportValidator },
  complaint: { definition: complaint, validator: complaintValidator },
  'civil-wedding': { definition: civilWedding, validator: civilWeddingValidator },
  'accessibility-report': { definition: accessibilityReport, validator: accessibilityReportValidator },
} as const;

// ---- driving the fault report, step by step, as a citizen would ------------------------

async function faultCategory(element: EsService): Promise<void> {
  await press(element); // Start
  await choose(element, '/service_code', 'gatubelysning');
  await type(element, '/attributes/pole_number', '1234');
  await choose(element, '/attributes/extent', 'en-lampa');
}

async function faultUpToContact(element: EsService, locale: UiLocale): Promise<void> {
  await faultCategory(element);
  await press(element); // Continue
  await type(element, '/location/address_string', 'Storgatan 12, Karlstad');
  await press(element);
  await type(
    element,
    '/description',
    say(locale, 'Gatlampan utanför Storgatan 12 har varit släckt i en vecka.', 'The street lamp outside Storgatan 12 has been out for a week.'),
  );
  await press(element);
  await choose(element, '/anonymous', false);
  await choose(element, '/wantsFeedback', true);
}

async function faultReview(element: EsService, locale: UiLocale): Promise<void> {
  await faultUpToContact(element, locale);
  await type(element, '/first_name', 'Anna');
  await type(element, '/last_name', 'Svensson');
  await type(element, '/email', 'anna.svensson@example.se');
  await press(element); // to "Check your answers"
}

async function faultSent(element: EsService, locale: UiLocale, outcome = '#es-receipt-heading'): Promise<void> {
  await faultReview(element, locale);
  await press(element); // Send
  await shows(element, outcome);
}

// ---- the story plumbing -------------------------------------------------------------------

/** The attributes the story's controls set. */
function argAttributes(args: Partial<ServiceArgs>): ServiceSetup['attributes'] {
  return {
    'no-intro': args.noIntro === true,
    'heading-level': args.headingLevel === undefined || args.headingLevel === 2 ? undefined : args.headingLevel,
    theme: args.theme,
    events: args.events === 'on' ? 'on' : undefined,
  };
}

/**
 * A story showing an element prepared by `make` (loaded and driven in a loader, so the
 * story renders the finished state); `play` gives focus back to where the flow left it.
 */
function scenario(make: (locale: UiLocale, context: Context) => ServiceSetup, story: Story = {}): Story {
  return {
    loaders: [
      async (context) => {
        const locale = localeOf(context.globals);
        const setup = make(locale, context as Context);
        const element = await prepareService({ ...setup, attributes: { ...argAttributes(context.args), ...setup.attributes } }, locale);
        return { element };
      },
    ],
    render: (_args, { loaded }) => html`${loaded['element']}`,
    play: ({ loaded }) => restoreFocus(loaded['element'] as EsService | undefined),
    ...story,
  };
}

const describe = (text: string): Story['parameters'] => ({ docs: { description: { story: text } } });

const meta: Meta<ServiceArgs> = {
  title: 'Elements/es-service',
  component: 'es-service',
  args: { noIntro: false, headingLevel: 2, theme: undefined, events: 'off' },
  argTypes: {
    noIntro: { control: 'boolean', description: '`no-intro`: start at the first step.' },
    headingLevel: { control: { type: 'number', min: 1, max: 6 }, description: '`heading-level` of the top headings (default 2).' },
    theme: { control: 'inline-radio', options: [undefined, 'light', 'dark', 'auto'], description: '`theme`' },
    events: { control: 'inline-radio', options: ['off', 'on'], description: '`events="on"`: anonymous usage events (to the in-memory transport here).' },
  },
  parameters: {
    // Only the controls these stories apply; the rest of the API is listed from the manifest.
    controls: { include: ['noIntro', 'headingLevel', 'theme', 'events'] },
    docs: {
      description: {
        component:
          'Every story runs without a network: the element gets an in-memory `transport` (stories/support/memory-transport.ts) and, except where a story says otherwise, the `definition` and `validator` properties. The states are reached by driving the element as a citizen would (typing, choosing, pressing its buttons) before the story is shown; `today` is 2026-05-01 throughout. Locale, direction and theme follow the toolbar.',
      },
    },
  },
};
export default meta;

// ---- the four built-in services, as the citizen first sees them (the intro) --------------

const serviceStory = (id: keyof typeof services, name: string, text: string): Story =>
  scenario(() => ({ ...services[id], transport: memory() }), { name, parameters: describe(text) });

export const FaultReport = serviceStory(
  'fault-report',
  'Service: fault report',
  'Felanmälan (`service="fault-report"`): the intro with handling time and the privacy notice. Lighting and graffiti reveal extra questions; the map widget comes in a later release, so the place is asked as fields for now.',
);

export const Complaint = serviceStory('complaint', 'Service: complaint', 'Synpunkter och klagomål (`service="complaint"`).');

export const CivilWedding = serviceStory(
  'civil-wedding',
  'Service: civil wedding',
  'Borgerlig vigsel (`service="civil-wedding"`): six steps, the longest built-in service (partners, ceremony, witnesses, documents).',
);

export const AccessibilityReport = serviceStory(
  'accessibility-report',
  'Service: accessibility report',
  'Rapportera brist i tillgänglighet (`service="accessibility-report"`).',
);

// ---- every widget -------------------------------------------------------------------------

export const TextWidgets = scenario(() => ({ definition: textWidgets, validator: textWidgetsValidator, transport: memory(), attributes: { 'no-intro': true } }), {
  name: 'Widgets: text, textarea, e-mail, phone, number, date, personnummer, postnummer',
  parameters: describe(
    'One native control each, with the keyboard and autofill hints phones use (`inputmode`, `type`, `autocomplete`). Personnummer and postnummer are formatted as they are typed (`201803121233` → `20180312-1233`, `65225` → `652 25`); the textarea counts characters left.',
  ),
});

export const ChoiceWidgets = scenario(() => ({ definition: choiceWidgets, validator: choiceWidgetsValidator, transport: memory(), attributes: { 'no-intro': true } }), {
  name: 'Widgets: select, radio, checkbox, checkbox group, yes/no, consent',
  parameters: describe('Native selects, radio buttons and checkboxes; groups are fieldsets whose legend is the question.'),
});

export const GroupWidgets = scenario(
  (locale) => ({
    definition: groupWidgets,
    validator: groupWidgetsValidator,
    transport: memory(),
    attributes: { 'no-intro': true },
    drive: async (element) => {
      await type(element, '/companions/0/name', say(locale, 'Erik Svensson', 'Erik Svensson'));
      await press(element, '[part~="button-add"]');
    },
  }),
  {
    name: 'Widgets: address, group, repeatable list',
    parameters: describe(
      'An address (an object with a postnummer), a plain group, and a repeatable list with one item filled and a second added with "Add another". Each item is a fieldset with its own legend ("Companion: 2 of 2") and a remove button that names it; adding and removing is announced.',
    ),
  },
);

export const CustomWidget = scenario(() => ({ definition: customWidget, validator: customWidgetValidator, transport: memory(), attributes: { 'no-intro': true } }), {
  name: 'Widgets: custom (registerWidget)',
  parameters: describe(
    'The rating uses `star-rating`, a widget registered with `registerWidget()` (stories/support/star-rating-widget.ts, the example of docs/elements.md). The definition names it in `ui.fields["/rating"].widget`.',
  ),
});

// ---- every state --------------------------------------------------------------------------

export const StepFilled = scenario(() => ({ ...services['fault-report'], transport: memory(), drive: faultCategory }), {
  name: 'State: a step filled',
  parameters: describe('The first step of the fault report, answered: street lighting reveals its own questions (pole number, extent).'),
});

export const FieldErrors = scenario(
  () => ({
    definition: textWidgets,
    validator: textWidgetsValidator,
    transport: memory(),
    attributes: { 'no-intro': true },
    drive: async (element) => {
      await type(element, '/childName', '');
      await type(element, '/personalId', '20180312-1234');
      await type(element, '/age', '3');
      await type(element, '/email', 'anna.svensson@');
      await type(element, '/phone', '123');
      await type(element, '/postalCode', '01234');
    },
  }),
  {
    name: 'State: field errors (inline)',
    parameters: describe(
      'Fields are checked when the citizen leaves them: each error sits between label and control, is tied to the control with `aria-describedby` and `aria-invalid`, and is marked by a bar at the start edge. No summary yet: that comes with "Continue".',
    ),
  },
);

export const ErrorSummary = scenario((locale) => ({ ...services['fault-report'], transport: memory(), drive: async (element) => {
  await faultUpToContact(element, locale);
  await press(element); // Continue with the name and e-mail missing
} }), {
  name: 'State: error summary',
  parameters: describe(
    '"Continue" with answers missing: the summary at the top lists every problem of the step as links to the fields, and takes focus (so a screen reader reads it). The fields show their errors inline as well.',
  ),
});

export const Review = scenario((locale) => ({ ...services['fault-report'], transport: memory(), drive: (element) => faultReview(element, locale) }), {
  name: 'State: check your answers',
  parameters: describe('Every answer with a "Change" link that returns to the field and then back here. Hidden (rule-excluded) answers are not listed and not sent.'),
});

export const Submitting = scenario(
  (locale) => ({
    ...services['fault-report'],
    // The server never answers: the button stays "Sending…" (aria-disabled; a second press sends nothing).
    transport: memory({ delayMs: { submitCase: Number.POSITIVE_INFINITY } }),
    drive: async (element) => {
      await faultReview(element, locale);
      await press(element); // Send
    },
  }),
  { name: 'State: submitting', parameters: describe('After "Send", while the server has not answered.') },
);

export const Offline = scenario(
  (locale) => ({
    ...services['fault-report'],
    // The first attempt finds no network; "Try again" (or coming back online) goes through.
    transport: memory({ failures: { submitCase: [{ kind: 'network', message: 'Failed to fetch' }] }, firstSequence: 140 }),
    drive: (element) => faultSent(element, locale, '#es-submit-problem'),
  }),
  {
    name: 'State: offline, retry',
    parameters: describe(
      'The network dropped while sending: the answers are kept, the message says so and takes focus, and "Try again" sends the same case again (same idempotency key: a retry never makes two cases). The element also retries by itself when the browser comes back online. Press "Try again" here: the in-memory server answers this time.',
    ),
  },
);

export const ServerFoundProblem = scenario(
  (locale) => ({
    ...services['fault-report'],
    transport: memory({
      failures: {
        submitCase: [
          {
            kind: 'invalid',
            status: 422,
            errors: [
              {
                pointer: '/description',
                keyword: 'pattern',
                message: { sv: 'Beskrivningen får inte innehålla tecknen < och >.', en: 'The description may not contain the characters < and >.' },
              },
            ],
          },
        ],
      },
      firstSequence: 141,
    }),
    drive: (element) => faultSent(element, locale, '#es-error-summary'),
  }),
  {
    name: 'State: the server found a problem',
    parameters: describe('The server checks again and answered 422 with a field error: it joins the error summary on "Check your answers", linking to the field.'),
  },
);

export const Receipt = scenario((locale) => ({ ...services['fault-report'], transport: memory({ firstSequence: 142 }), drive: (element) => faultSent(element, locale) }), {
  name: 'State: receipt with the feedback prompt',
  parameters: describe(
    'The case was received: reference, tracking code, expected date (20 working days after 1 May 2026, by the Swedish calendar), status, what happens next, a link to follow the case and a print button. Then `<es-feedback>` asks how it went.',
  ),
});

export const FeedbackThanks = scenario(
  (locale) => ({
    ...services['fault-report'],
    transport: memory({ firstSequence: 143 }),
    drive: async (element) => {
      await faultSent(element, locale);
      const prompt = await feedbackPrompt(element);
      prompt.shadowRoot?.querySelector<HTMLInputElement>('input[name="rating"][value="4"]')?.click();
      await prompt.updateComplete;
      prompt.shadowRoot?.querySelector<HTMLButtonElement>('button[type="submit"]')?.click();
      await shows(element, 'es-feedback');
      const started = performance.now();
      while (!prompt.shadowRoot?.querySelector('#thanks') && performance.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 10));
    },
  }),
  { name: 'State: feedback sent (thank you)', parameters: describe('The receipt after the citizen rated the e-service: the prompt has become a thank-you.') },
);

export const DraftRestored = scenario(
  (locale) => ({
    ...services['fault-report'],
    transport: memory(),
    earlierVisit: async (element) => {
      await faultCategory(element);
      await press(element);
      await type(element, '/location/address_string', say(locale, 'Storgatan 12, Karlstad', 'Storgatan 12, Karlstad'));
    },
  }),
  {
    name: 'State: answers restored after a reload',
    parameters: describe(
      'The citizen had answered two steps and reloaded the page: the answers come back (session storage; personal-sensitive fields are never kept) on the step they were on, with a note and "Start over".',
    ),
  },
);

// ---- when something is wrong: never a blank box ---------------------------------------------

function brokenFaultReport(): unknown {
  const broken = JSON.parse(JSON.stringify(faultReport)) as Record<string, unknown> & { ui: { steps: { fields: string[] }[] } };
  delete broken['title'];
  broken.ui.steps[0]!.fields.push('/no_such_field');
  return broken;
}

export const BrokenDefinition = scenario(() => ({ definition: brokenFaultReport(), validator: faultReportValidator, transport: memory() }), {
  name: 'Failure: broken definition',
  parameters: describe('A definition that fails the meta-schema (no `title`, a step naming a field that does not exist): `es-error` with code `definition-invalid` and the issues in `detail.details.errors`.'),
});

export const UnreachableApi = scenario(() => ({ attributes: { service: 'fault-report' }, transport: memory({ failures: { getDefinition: { kind: 'network', message: 'Failed to fetch' } } }) }), {
  name: 'Failure: API unreachable',
  parameters: describe('`service` + `api`, and the server cannot be reached (network error, timeout, 5xx, or a CSP that blocks it): code `api-unreachable`.'),
});

export const ServiceNotFound = scenario(() => ({ attributes: { service: 'bygglov' }, transport: memory() }), {
  name: 'Failure: service not found',
  parameters: describe('`service="bygglov"`, which the server does not have (404): code `service-not-found`. Usually a typo in the snippet.'),
});

export const MissingValidator = scenario(() => ({ definition: faultReport, transport: memory() }), {
  name: 'Failure: validator missing',
  parameters: describe('A definition without its precompiled validator module: the form is not shown, because answers could not be checked before sending. Code `validator-missing`.'),
});

export const ValidatorMismatch = scenario(() => ({ definition: faultReport, validator: complaintValidator, transport: memory() }), {
  name: 'Failure: validator for another definition',
  parameters: describe('The validator module was made for another definition (or version): its hash differs. Code `validator-mismatch`, same message as a missing validator.'),
});

export const MissingConfiguration = scenario(() => ({}), {
  name: 'Failure: nothing configured',
  parameters: describe('`<es-service>` with neither `service` + `api`, `src`, nor the `definition` property: code `missing-configuration`.'),
});

// ---- locales, direction, themes -------------------------------------------------------------

export const Swedish = scenario((locale) => ({ ...services['fault-report'], transport: memory(), drive: (element) => faultReview(element, locale) }), {
  name: 'Svenska',
  globals: { locale: 'sv' },
});

export const English = scenario((locale) => ({ ...services['fault-report'], transport: memory(), drive: (element) => faultReview(element, locale) }), {
  globals: { locale: 'en' },
});

export const RightToLeft = scenario((locale) => ({ ...services['fault-report'], transport: memory(), drive: async (element) => {
  await faultUpToContact(element, locale);
  await press(element);
} }), {
  name: 'Right to left',
  globals: { direction: 'rtl' },
  parameters: describe('`dir="rtl"` on the page: logical properties mirror the layout (error bars, indents, buttons) with nothing to configure.'),
});

const darkPage = 'background: #121212; color: #f1f1f1; padding: 1em';

export const Dark = scenario(
  (locale) => ({
    ...services['fault-report'],
    transport: memory(),
    attributes: { theme: 'dark' },
    drive: async (element) => {
      await faultUpToContact(element, locale);
      await press(element);
    },
  }),
  {
    name: 'Dark theme',
    render: (_args, { loaded }) => html`<div style=${darkPage}>${loaded['element']}</div>`,
    parameters: describe('`theme="dark"` on the element, on a dark page.'),
  },
);

// The toolbar's dark theme sets a `.es-theme-dark` ancestor instead of `theme="dark"`.
export const DarkAncestor = scenario(
  (locale) => ({
    ...services['fault-report'],
    transport: memory(),
    drive: async (element) => {
      await faultUpToContact(element, locale);
      await press(element);
    },
  }),
  { name: 'Dark theme (.es-theme-dark ancestor)', globals: { theme: 'dark' } },
);

export const DarkReceipt = scenario(
  (locale) => ({ ...services['fault-report'], transport: memory({ firstSequence: 144 }), attributes: { theme: 'dark' }, drive: (element) => faultSent(element, locale) }),
  { name: 'Dark theme: receipt', render: (_args, { loaded }) => html`<div style=${darkPage}>${loaded['element']}</div>` },
);

/** Tokens a municipality might set for a high-contrast look (forced colours are tested separately). */
const highContrastTokens = [
  '--es-color-text: #000',
  '--es-color-surface: #fff',
  '--es-color-border: #000',
  '--es-color-primary: #000',
  '--es-color-on-primary: #fff',
  '--es-color-error: #000',
  '--es-color-focus: #000',
].join('; ');

export const HighContrast = scenario(
  (locale) => ({
    ...services['fault-report'],
    transport: memory(),
    drive: async (element) => {
      await faultUpToContact(element, locale);
      await press(element);
    },
  }),
  {
    name: 'High contrast (tokens)',
    globals: { theme: 'high-contrast' },
    render: (_args, { loaded }) => html`<div style=${highContrastTokens}>${loaded['element']}</div>`,
    parameters: describe(
      'Black and white through the public `--es-color-*` tokens, set on a wrapper. (Windows high contrast, forced colours, needs no tokens: scripts/story-axe.mjs runs every story in it.)',
    ),
  },
);

// ---- attributes and events ----------------------------------------------------------------

export const NoIntroHeadingLevel = scenario(() => ({ ...services.complaint, transport: memory(), attributes: { 'no-intro': true, 'heading-level': 3 } }), {
  name: 'no-intro, heading-level="3"',
  parameters: describe('For a page that has its own intro and an `<h2>` above the form: the form starts at the first step, its title is a level-3 heading.'),
});

/** A list under the element showing its events as they fire. */
function eventLog(): { list: HTMLOListElement; listen: (element: EsService) => void } {
  const list = document.createElement('ol');
  list.style.overflowWrap = 'anywhere';
  const listen = (element: EsService) => {
    for (const name of ['es-step', 'es-submit', 'es-submitted', 'es-error'] as const) {
      element.addEventListener(name, (event: Event) => {
        const item = document.createElement('li');
        const code = document.createElement('code');
        code.textContent = `${name} ${JSON.stringify((event as CustomEvent).detail)}`;
        item.append(code);
        list.append(item);
      });
    }
  };
  return { list, listen };
}

export const Events: Story = {
  name: 'Events (es-step, es-submit, es-submitted)',
  loaders: [
    async (context) => {
      const locale = localeOf(context.globals);
      const log = eventLog();
      const element = await prepareService(
        {
          ...services['fault-report'],
          transport: memory({ firstSequence: 145 }),
          attributes: { ...argAttributes(context.args as Partial<ServiceArgs>), events: 'on' },
          beforeConnect: log.listen,
          drive: (el) => faultSent(el, locale),
        },
        locale,
      );
      return { element, log: log.list };
    },
  ],
  render: (_args, { loaded }) => html`${loaded['element']}
    <p><strong>Events</strong></p>
    ${loaded['log']}`,
  play: ({ loaded }) => restoreFocus(loaded['element'] as EsService | undefined),
  parameters: describe(
    'The events of one fill, listed as they fire (bubbling and composed, so a listener on `document` hears them too). `events="on"` also sends anonymous usage events (started, step, submitted, abandoned) through the transport: here the in-memory one.',
  ),
};
