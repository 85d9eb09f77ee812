// The parts every widget shares: label or legend, hint, error, "(optional)". One
// place for the GOV.UK-style order (label, hint, error, control) and the ARIA wiring.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import type { WidgetContext } from './types.js';

function optionalMarker(context: WidgetContext): TemplateResult | typeof nothing {
  return context.required ? nothing : html` <span class="optional">${msg('(optional)', { id: 'es-service.optional' })}</span>`;
}

export function hint(context: WidgetContext): TemplateResult | typeof nothing {
  return context.help === '' ? nothing : html`<div class="hint" id=${context.hintId} part="hint">${context.help}</div>`;
}

/** The inline error; always in the DOM so `aria-describedby` never points at nothing. */
export function inlineError(context: WidgetContext): TemplateResult {
  return html`<div class="error" id=${context.errorId} part="field-error" ?hidden=${context.error === ''}>
    ${context.error === '' ? nothing : html`<span class="visually-hidden">${msg('Error:', { id: 'es-service.error-prefix' })}</span> ${context.error}`}
  </div>`;
}

/** A field with one control: label, hint, error, then the control. */
export function singleField(context: WidgetContext, control: TemplateResult, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  return html`<div class="field" part="field" ?data-invalid=${context.error !== ''}>
    <label for=${context.id} part="label">${context.label}${optionalMarker(context)}</label>
    ${hint(context)} ${inlineError(context)} ${control} ${extra}
  </div>`;
}

/**
 * A field of several controls (radios, checkboxes, a group): a fieldset whose legend
 * is the question. The first control carries `context.id`, so links focus it.
 */
export function fieldsetField(context: WidgetContext, controls: TemplateResult, className = ''): TemplateResult {
  return html`<fieldset
    class="field group ${className}"
    part="field fieldset"
    aria-describedby=${context.describedBy || nothing}
    ?data-invalid=${context.error !== ''}
  >
    <legend part="legend">${context.label}${optionalMarker(context)}</legend>
    ${hint(context)} ${inlineError(context)} ${controls}
  </fieldset>`;
}

/** Attributes every native control gets: described by hint and error, invalid when erring. */
export function ariaInvalid(context: WidgetContext): 'true' | typeof nothing {
  return context.error === '' ? nothing : 'true';
}
