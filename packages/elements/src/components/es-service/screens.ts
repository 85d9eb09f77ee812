// The screens around the steps: intro, "check your answers" and the receipt. Pure
// render functions of the state they are given; the element owns state and focus.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { fieldKey, isWithin } from '@eservice-kit/core';
import type { Receipt, ServiceDefinition, StepUi } from '@eservice-kit/core';
import { answerAt } from './answers.js';
import type { FieldRenderer } from './field-renderer.js';

/** `<div role="heading">`: the level is the page's choice (`heading-level`), the tag cannot be dynamic. */
export function heading(level: number, text: string, attributes: { id?: string; focusable?: boolean } = {}): TemplateResult {
  return html`<div
    class="heading h${Math.min(level, 6)}"
    role="heading"
    aria-level=${level}
    id=${attributes.id ?? nothing}
    tabindex=${attributes.focusable ? '-1' : nothing}
    part="heading"
  >${text}</div>`;
}

/** A date (YYYY-MM-DD) the way the locale writes it, e.g. "1 maj 2026" / "1 May 2026". */
export function formatDate(date: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const value = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(locale === 'sv' ? 'sv-SE' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(value);
}

export function intro(definition: ServiceDefinition, renderer: FieldRenderer, level: number, start: () => void): TemplateResult {
  const privacy = definition.privacy;
  const row = (label: string, value: string) => (value === '' ? nothing : html`<dt>${label}</dt><dd>${value}</dd>`);
  return html`<section class="intro" part="intro">
    ${heading(level, renderer.text(definition.title), { id: 'es-intro-heading', focusable: true })}
    <p class="lead">${renderer.text(definition.description)}</p>
    <p class="handling" part="handling-time">
      <strong>${msg('Handling time:', { id: 'es-service.handling-time' })}</strong>
      ${msg(str`${definition.handlingTime.workingDays} working days`, { id: 'es-service.working-days' })}.
      ${renderer.text(definition.handlingTime.description)}
    </p>
    <p class="privacy">${renderer.text(privacy.summary)}</p>
    <details part="privacy">
      <summary>${msg('Read more about how we handle your personal data', { id: 'es-service.privacy-more' })}</summary>
      <dl>
        ${row(msg('Data controller', { id: 'es-service.privacy.controller' }), renderer.text(privacy.controller))}
        ${row(msg('Contact', { id: 'es-service.privacy.contact' }), renderer.text(privacy.contact))}
        ${row(msg('Data protection officer', { id: 'es-service.privacy.dpo' }), renderer.text(privacy.dpo))}
        ${row(msg('Purpose', { id: 'es-service.privacy.purpose' }), renderer.text(privacy.purpose))}
        ${row(msg('Legal basis', { id: 'es-service.privacy.legal-basis' }), renderer.text(privacy.legalBasis))}
        ${row(msg('How long we keep the data', { id: 'es-service.privacy.retention' }), renderer.text(privacy.retention))}
        ${row(msg('Who receives the data', { id: 'es-service.privacy.recipients' }), renderer.text(privacy.recipients))}
        ${row(msg('Your rights', { id: 'es-service.privacy.rights' }), renderer.text(privacy.rights))}
      </dl>
    </details>
    <div class="actions">
      <button type="button" class="primary" part="button button-primary" @click=${start}>${msg('Start', { id: 'es-service.start' })}</button>
    </div>
  </section>`;
}

/** An answer as the citizen would say it: option labels, Yes/No, dates in words. */
function answerText(renderer: FieldRenderer, definition: ServiceDefinition, pointer: string, value: unknown, locale: string): string {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return msg('Not answered', { id: 'es-service.not-answered' });
  }
  const ui = definition.ui.fields[fieldKey(pointer)];
  if (typeof value === 'boolean') return value ? msg('Yes', { id: 'es-service.yes' }) : msg('No', { id: 'es-service.no' });
  if (Array.isArray(value)) return value.map((item) => renderer.text(ui?.options?.[String(item)]) || String(item)).join(', ');
  const option = renderer.text(ui?.options?.[String(value)]);
  if (option !== '') return option;
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value, locale);
  return String(value);
}

/** Leaf fields under `pointer` that are shown (items of lists expanded), for the summary. */
function shownLeaves(renderer: FieldRenderer, answers: unknown, pointer: string): string[] {
  if (renderer.isHidden(pointer) || !renderer.canRender(pointer)) return [];
  const children = renderer.childPointers(pointer);
  if (children.length > 0) return children.flatMap((child) => shownLeaves(renderer, answers, child));
  const value = answerAt(answers, pointer);
  if (Array.isArray(value) && value.some((item) => typeof item === 'object' && item !== null)) {
    return value.flatMap((_, index) => shownLeaves(renderer, answers, `${pointer}/${index}`));
  }
  return [pointer];
}

/** The label of a nested answer with its groups: "Partner 1 › Given name", "Witnesses: 2 › Name". */
function pathLabel(renderer: FieldRenderer, stepField: string, pointer: string): string {
  const parts: string[] = [];
  let current = '';
  for (const segment of pointer.split('/').slice(1)) {
    current += `/${segment}`;
    if (!isWithin(current, stepField) && !isWithin(stepField, current)) continue;
    if (/^\d+$/.test(segment)) {
      parts[parts.length - 1] = `${parts[parts.length - 1]}: ${Number(segment) + 1}`;
      continue;
    }
    parts.push(renderer.label(current));
  }
  return parts.join(' › ');
}

export interface ReviewView {
  readonly definition: ServiceDefinition;
  readonly renderer: FieldRenderer;
  readonly steps: readonly StepUi[];
  readonly answers: Record<string, unknown>;
  readonly locale: string;
  readonly level: number;
  change(pointer: string, step: string): void;
}

export function review(view: ReviewView): TemplateResult {
  const { definition, renderer, answers, locale } = view;
  return html`<section class="review" part="review">
    ${view.steps.map((step) => {
      const rows = step.fields.flatMap((field) => shownLeaves(renderer, answers, field).map((leaf) => ({ field, leaf })));
      if (rows.length === 0) return nothing;
      return html`<div class="review-step">
        ${heading(view.level + 1, renderer.text(step.title))}
        <dl>
          ${rows.map(
            ({ field, leaf }) => html`<div class="review-row">
              <dt>${pathLabel(renderer, field, leaf)}</dt>
              <dd>${answerText(renderer, definition, leaf, answerAt(answers, leaf), locale)}</dd>
              <dd class="change">
                <a href=${`#${leaf}`} part="link" @click=${(event: Event) => {
                  event.preventDefault();
                  view.change(leaf, step.id);
                }}>${msg('Change', { id: 'es-service.change' })}<span class="visually-hidden"> ${pathLabel(renderer, field, leaf)}</span></a>
              </dd>
            </div>`,
          )}
        </dl>
      </div>`;
    })}
  </section>`;
}

export function receiptScreen(definition: ServiceDefinition, renderer: FieldRenderer, receipt: Receipt, locale: string, level: number): TemplateResult {
  return html`<section class="receipt" part="receipt">
    ${heading(level, msg('Your case has been sent', { id: 'es-service.receipt.heading' }), { id: 'es-receipt-heading', focusable: true })}
    <dl class="receipt-facts">
      <div><dt>${msg('Reference', { id: 'es-service.receipt.reference' })}</dt><dd class="reference" part="reference">${receipt.reference}</dd></div>
      <div><dt>${msg('Tracking code', { id: 'es-service.receipt.code' })}</dt><dd class="code" part="tracking-code">${receipt.trackingCode}</dd></div>
      <div><dt>${msg('Expected to be handled by', { id: 'es-service.receipt.expected' })}</dt><dd>${formatDate(receipt.expectedBy, locale)}</dd></div>
      <div><dt>${msg('Status', { id: 'es-service.receipt.status' })}</dt><dd>${renderer.text(receipt.status.label)}</dd></div>
    </dl>
    <p class="hint">${msg('Keep the reference and the tracking code: with them you can follow your case.', { id: 'es-service.receipt.keep' })}</p>
    ${definition.nextSteps ? html`${heading(level + 1, msg('What happens next', { id: 'es-service.receipt.next' }))}<p>${renderer.text(definition.nextSteps)}</p>` : nothing}
    <div class="actions no-print">
      <a class="button primary" part="link button-primary" href=${receipt.trackingUrl}>${msg('Follow your case', { id: 'es-service.receipt.follow' })}</a>
      <button type="button" class="secondary" part="button" @click=${() => window.print()}>${msg('Print the receipt', { id: 'es-service.receipt.print' })}</button>
    </div>
  </section>`;
}
