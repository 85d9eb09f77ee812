import { html, nothing } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { Created, Transport, TransportResult } from '@eservice-kit/core';
import '../packages/elements/src/components/es-feedback/es-feedback.js';
import type { EsFeedback, EsFeedbackVariant, EsFeedbackWording } from '../packages/elements/src/components/es-feedback/es-feedback.js';

/** What the story's server does with an answer. */
type Outcome = 'stored' | 'pending' | 'network' | 'invalid';

interface FeedbackArgs {
  variant: EsFeedbackVariant;
  outcome: Outcome;
  headingLevel?: number;
  accessibilityReportUrl?: string;
  contactUrl?: string;
  wording?: EsFeedbackWording;
  serviceId?: string;
  /** Each story asks about its own case or page, so answering one leaves the others unanswered. */
  reference?: string;
  topic?: string;
}

const results: Record<Exclude<Outcome, 'pending'>, TransportResult<Created>> = {
  stored: { ok: true, value: { id: 'story-feedback' } },
  network: { ok: false, kind: 'network', message: 'offline (story)' },
  invalid: { ok: false, kind: 'invalid', status: 400, message: 'rejected (story)' },
};

/** Methods the element never calls: answered without a request. */
const notInStory = () => Promise.resolve({ ok: false, kind: 'not-found', message: 'not in this story' } as const);

/** A Transport that never touches the network: stores, fails, or keeps the answer "on its way" forever. */
function storyTransport(outcome: Outcome): Transport {
  return {
    sendFeedback: () =>
      outcome === 'pending' ? new Promise<TransportResult<Created>>(() => undefined) : Promise.resolve(results[outcome]),
    listServices: notInStory,
    getDefinition: notInStory,
    getValidatorModuleUrl: () => '',
    uploadFile: notInStory,
    submitCase: notInStory,
    getCase: notInStory,
    sendSurveyResponse: notInStory,
    sendEvents: notInStory,
  };
}

const render: StoryObj<FeedbackArgs>['render'] = (args) =>
  html`<es-feedback
    .transport=${storyTransport(args.outcome)}
    .wording=${args.wording ?? {}}
    variant=${args.variant}
    service-id=${args.serviceId ?? nothing}
    reference=${args.reference ?? nothing}
    topic=${args.topic ?? nothing}
    heading-level=${args.headingLevel ?? nothing}
    accessibility-report-url=${args.accessibilityReportUrl ?? nothing}
    contact-url=${args.contactUrl ?? nothing}
  ></es-feedback>`;

/** The story's element, rendered. */
async function feedbackIn(canvasElement: HTMLElement): Promise<EsFeedback> {
  const el = canvasElement.querySelector('es-feedback')!;
  await el.updateComplete;
  return el;
}

/** Clicks a control inside the element; false when it is not there (the tab already answered this story). */
function click(el: EsFeedback, selector: string): boolean {
  const target = el.shadowRoot!.querySelector<HTMLElement>(selector);
  target?.click();
  return target !== null;
}

/** Fills the text field as a paste would. */
async function write(el: EsFeedback, text: string): Promise<void> {
  const field = el.shadowRoot!.querySelector('textarea');
  if (!field) return;
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Chooses `rating` (1–5), writes `comment` and sends. */
async function rateAndSend(canvasElement: HTMLElement, rating: number, comment = ''): Promise<void> {
  const el = await feedbackIn(canvasElement);
  if (!click(el, `input[type="radio"][value="${rating}"]`)) return;
  await el.updateComplete;
  await write(el, comment);
  click(el, '[part~="send"]');
}

const meta: Meta<FeedbackArgs> = {
  title: 'Elements/es-feedback',
  component: 'es-feedback',
  render,
  args: {
    variant: 'rating',
    outcome: 'stored',
    headingLevel: 2,
    accessibilityReportUrl: 'https://kommun.example/tillganglighet',
    contactUrl: 'https://kommun.example/kontakt',
    serviceId: 'fault-report',
    reference: 'KS-2026-0142',
  },
  argTypes: {
    variant: { control: 'inline-radio', options: ['rating', 'thumbs'] },
    outcome: {
      control: 'inline-radio',
      options: ['stored', 'pending', 'network', 'invalid'],
      description: "What the story's transport does with an answer (no network is used).",
    },
    headingLevel: { control: { type: 'number', min: 1, max: 6 } },
    accessibilityReportUrl: { control: 'text' },
    contactUrl: { control: 'text' },
    wording: { control: 'object' },
    serviceId: { control: 'text' },
    reference: { control: 'text' },
    topic: { control: 'text' },
  },
  parameters: {
    // Protected members from the manifest are for subclasses; the transport is the story's.
    controls: { exclude: ['internals', 'setState', 'transport', 'api', 'definitionHash'] },
    docs: {
      description: {
        component:
          'Answering a story remembers it for the rest of the browser tab (the element never asks twice): reload in a new tab to see the prompt again.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<FeedbackArgs>;

export const Rating: Story = { name: 'Rating (empty)' };

export const RatingError: Story = {
  name: 'Rating required (error)',
  args: { reference: 'KS-2026-0143' },
  play: async ({ canvasElement }) => {
    click(await feedbackIn(canvasElement), '[part~="send"]');
  },
};

export const Sending: Story = {
  args: { outcome: 'pending', reference: 'KS-2026-0144' },
  play: ({ canvasElement }) => rateAndSend(canvasElement, 4, 'Det var lätt att hitta rätt kategori.'),
};

export const Thanks: Story = {
  args: { reference: 'KS-2026-0145' },
  play: ({ canvasElement }) => rateAndSend(canvasElement, 5),
};

export const SendFailed: Story = {
  name: 'Send failed (network)',
  args: { outcome: 'network', reference: 'KS-2026-0146' },
  play: ({ canvasElement }) => rateAndSend(canvasElement, 2, 'Kartan laddade långsamt.'),
};

export const Rejected: Story = {
  name: 'Send failed (not accepted)',
  args: { outcome: 'invalid', reference: 'KS-2026-0147' },
  play: ({ canvasElement }) => rateAndSend(canvasElement, 3),
};

export const Thumbs: Story = {
  args: { variant: 'thumbs', topic: '/avfall-och-atervinning/sophamtning', serviceId: undefined, reference: undefined },
};

export const ThumbsThanks: Story = {
  name: 'Thumbs thanks',
  args: { variant: 'thumbs', topic: '/bygga-bo/bygglov', serviceId: undefined, reference: undefined },
  play: async ({ canvasElement }) => {
    const el = await feedbackIn(canvasElement);
    // "No", then what was missing.
    if (!click(el, '[part~="answer"]:last-child')) return;
    await el.updateComplete;
    await write(el, 'Jag hittade inte blanketten.');
    click(el, '[part~="send"]');
  },
};

export const WordingOverride: Story = {
  name: 'Wording override',
  args: {
    reference: 'KS-2026-0148',
    wording: {
      'es-feedback.heading': { sv: 'Tyck till om bygglovstjänsten', en: 'Tell us about the building permit service' },
      'es-feedback.question': { sv: 'Hur enkelt var det att söka bygglov?', en: 'How easy was it to apply for a building permit?' },
      'es-feedback.improve': { sv: 'Vad var svårast?', en: 'What was hardest?' },
    },
  },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  args: { reference: 'KS-2026-0149' },
  globals: { direction: 'rtl' },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { reference: 'KS-2026-0150' },
  globals: { theme: 'dark' },
};
