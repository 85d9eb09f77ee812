/**
 * The bench's floor: what a competent developer would hand-write in plain Lit for one
 * step of a form, with no definition format, no JSON Schema and no ajv. Native controls with
 * labels, required markers and hints; on submit hard-coded checks (required, length,
 * pattern, min/max, a few formats), an error summary that takes focus and inline errors
 * tied to their controls; after a first submit each keystroke re-checks its field.
 * The two floor forms (fault-report-floor.ts, generated-floor.ts) only say which fields
 * they show. Same `part` names as <es-service>, so the bench drives both the same way.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'email'
  | 'tel'
  | 'number'
  | 'integer'
  | 'date'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'checkbox-group'
  | 'postnummer';

export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly label: string;
  readonly help?: string;
  readonly required?: boolean;
  readonly options?: readonly (readonly [value: string, label: string])[];
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly patternMessage?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly autocomplete?: string;
}

type Value = string | boolean | readonly string[] | undefined;

const FORMATS: Partial<Record<FieldKind, readonly [RegExp, string]>> = {
  email: [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'Skriv en e-postadress, till exempel namn@exempel.se.'],
  tel: [/^(\+46|0)[\d\s-]{6,14}$/, 'Skriv ett svenskt telefonnummer, till exempel 070-123 45 67.'],
  postnummer: [/^[1-9]\d{2} ?\d{2}$/, 'Skriv postnumret med fem siffror, till exempel 123 45.'],
  date: [/^\d{4}-\d{2}-\d{2}$/, 'Skriv datumet som ÅÅÅÅ-MM-DD.'],
};
const patterns = new Map<string, RegExp>();

/** The first problem with one answer, in Swedish, or undefined. */
export function check(spec: FieldSpec, value: Value): string | undefined {
  const empty = value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty) return spec.required ? 'Du behöver svara på frågan.' : undefined;
  if (typeof value !== 'string') return undefined;
  if (spec.kind === 'number' || spec.kind === 'integer') {
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number)) return 'Skriv ett tal.';
    if (spec.kind === 'integer' && !Number.isInteger(number)) return 'Skriv ett heltal.';
    if (spec.minimum !== undefined && number < spec.minimum) return `Skriv ett tal som är minst ${spec.minimum}.`;
    if (spec.maximum !== undefined && number > spec.maximum) return `Skriv ett tal som är högst ${spec.maximum}.`;
    return undefined;
  }
  if (spec.minLength !== undefined && value.length < spec.minLength) return `Skriv minst ${spec.minLength} tecken.`;
  if (spec.maxLength !== undefined && value.length > spec.maxLength) return `Skriv högst ${spec.maxLength} tecken.`;
  if (spec.pattern !== undefined) {
    let regex = patterns.get(spec.pattern);
    if (!regex) patterns.set(spec.pattern, (regex = new RegExp(spec.pattern, 'u')));
    if (!regex.test(value)) return spec.patternMessage ?? 'Kontrollera svaret.';
  }
  const format = FORMATS[spec.kind];
  if (format && !format[0].test(value)) return format[1];
  return undefined;
}

export abstract class FloorForm extends LitElement {
  static override styles = css`
    :host { display: block; font: inherit; line-height: 1.5; color: #1b1b1b; max-inline-size: 40em; }
    h1 { font-size: 1.6em; margin: 0 0 0.25em; }
    h2 { font-size: 1.25em; margin: 0.5em 0; }
    .field { margin-block: 1.25em; }
    label, legend { display: block; font-weight: 600; }
    fieldset { border: 0; margin: 0; padding: 0; }
    fieldset label { font-weight: 400; display: flex; gap: 0.5em; align-items: center; }
    .hint { margin: 0.125em 0 0.25em; color: #4a4a4a; }
    .required { color: #b00020; }
    input:not([type='radio'], [type='checkbox']), select, textarea {
      display: block; box-sizing: border-box; inline-size: 100%; font: inherit; padding: 0.375em 0.5em;
      border: 0.0625em solid #6b6b6b; border-radius: 0.25em;
    }
    [aria-invalid='true'] { border-color: #b00020; border-width: 0.125em; }
    :focus-visible { outline: 0.1875em solid #0b57d0; outline-offset: 0.125em; }
    .error { color: #b00020; font-weight: 600; margin: 0.25em 0; }
    .summary { border: 0.1875em solid #b00020; padding: 0.75em 1em; margin-block: 1em; }
    .summary ul { margin: 0.25em 0 0; padding-inline-start: 1.25em; }
    .summary a { color: #b00020; }
    button { font: inherit; padding: 0.5em 1.5em; border: 0; border-radius: 0.25em; background: #0b57d0; color: #fff; }
    .visually-hidden { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  `;

  @state() protected values: Record<string, Value> = {};
  @state() protected errors: Record<string, string> = {};
  @state() private submitted = false;
  @state() private done = false;

  /** The form's title, the step's title and the fields shown now (rules applied by hand). */
  protected abstract readonly heading: string;
  protected abstract readonly stepTitle: string;
  protected abstract visibleFields(): readonly FieldSpec[];

  private validateAll(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const spec of this.visibleFields()) {
      const message = check(spec, this.values[spec.name]);
      if (message) errors[spec.name] = message;
    }
    return errors;
  }

  private async submit(event: Event): Promise<void> {
    event.preventDefault();
    this.submitted = true;
    this.errors = this.validateAll();
    if (Object.keys(this.errors).length === 0) {
      this.done = true;
      return;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.summary')?.focus();
  }

  private onInput(event: Event): void {
    const control = event.target as HTMLInputElement;
    const name = control.name;
    let value: Value = control.value;
    if (control.type === 'checkbox') {
      const current = this.values[name];
      value = Array.isArray(current)
        ? control.checked
          ? [...current, control.value]
          : current.filter((item) => item !== control.value)
        : control.dataset['group'] !== undefined
          ? [control.value]
          : control.checked;
    }
    this.values = { ...this.values, [name]: value };
    if (this.submitted) {
      const spec = this.visibleFields().find((field) => field.name === name);
      const message = spec && check(spec, value);
      const { [name]: _old, ...rest } = this.errors;
      this.errors = message ? { ...rest, [name]: message } : rest;
    }
  }

  private focusField(event: Event): void {
    const link = (event.target as Element).closest('a');
    if (!link) return;
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>(`#${link.hash.slice(1)}`)?.focus();
  }

  protected override render(): TemplateResult {
    if (this.done) return html`<h1>${this.heading}</h1><p>Tack! Nästa steg kommer här.</p>`;
    const fields = this.visibleFields();
    const errors = fields.filter((spec) => this.errors[spec.name]);
    return html`
      <h1>${this.heading}</h1>
      <form novalidate @submit=${this.submit} @input=${this.onInput}>
        <h2>${this.stepTitle}</h2>
        ${errors.length
          ? html`<div class="summary" part="error-summary" tabindex="-1">
              <h2>Det finns ${errors.length} fel i formuläret</h2>
              <ul @click=${this.focusField}>
                ${errors.map((spec) => html`<li><a href="#f-${spec.name}">${spec.label}: ${this.errors[spec.name]}</a></li>`)}
              </ul>
            </div>`
          : nothing}
        <p>Fält markerade med <span class="required">*</span> är obligatoriska.</p>
        ${fields.map((spec) => this.renderField(spec))}
        <button type="submit" part="button-primary">Nästa</button>
      </form>
    `;
  }

  private renderField(spec: FieldSpec): TemplateResult {
    const id = `f-${spec.name}`;
    const error = this.errors[spec.name];
    const value = this.values[spec.name];
    const describedBy = [spec.help && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || nothing;
    const invalid = error ? 'true' : nothing;
    const marker = spec.required ? html`<span class="required" aria-hidden="true"> *</span>` : nothing;
    const hint = spec.help ? html`<p class="hint" id="${id}-hint">${spec.help}</p>` : nothing;
    const message = error
      ? html`<p class="error" part="field-error" id="${id}-error"><span class="visually-hidden">Fel: </span>${error}</p>`
      : nothing;
    const text = typeof value === 'string' ? value : '';

    if (spec.kind === 'radio' || spec.kind === 'checkbox-group') {
      const group = spec.kind === 'checkbox-group';
      const selected = (option: string) => (group ? Array.isArray(value) && value.includes(option) : value === option);
      return html`<fieldset class="field" aria-describedby=${describedBy} aria-invalid=${invalid}>
        <legend>${spec.label}${marker}</legend>
        ${hint}${message}
        ${spec.options?.map(
          ([option, label], index) =>
            html`<label><input type=${group ? 'checkbox' : 'radio'} id=${index === 0 ? id : nothing} name=${spec.name}
                value=${option} data-group=${group ? '' : nothing} .checked=${selected(option)} />${label}</label>`,
        )}
      </fieldset>`;
    }
    if (spec.kind === 'checkbox') {
      return html`<div class="field">
        <label><input type="checkbox" id=${id} name=${spec.name} .checked=${value === true}
            aria-describedby=${describedBy} aria-invalid=${invalid} />${spec.label}${marker}</label>
        ${hint}${message}
      </div>`;
    }
    let control: TemplateResult;
    if (spec.kind === 'select') {
      control = html`<select id=${id} name=${spec.name} ?required=${spec.required} aria-describedby=${describedBy} aria-invalid=${invalid}>
        <option value="" ?selected=${!text}>Välj</option>
        ${spec.options?.map(([option, label]) => html`<option value=${option} ?selected=${text === option}>${label}</option>`)}
      </select>`;
    } else if (spec.kind === 'textarea') {
      control = html`<textarea id=${id} name=${spec.name} rows="4" ?required=${spec.required} .value=${text}
        aria-describedby=${describedBy} aria-invalid=${invalid}></textarea>`;
    } else {
      const type = { email: 'email', tel: 'tel', date: 'date' }[spec.kind as string] ?? 'text';
      const inputMode = spec.kind === 'number' ? 'decimal' : spec.kind === 'integer' || spec.kind === 'postnummer' ? 'numeric' : nothing;
      control = html`<input type=${type} id=${id} name=${spec.name} ?required=${spec.required} .value=${text}
        inputmode=${inputMode} autocomplete=${spec.autocomplete ?? nothing} aria-describedby=${describedBy} aria-invalid=${invalid} />`;
    }
    return html`<div class="field"><label for=${id}>${spec.label}${marker}</label>${hint}${message}${control}</div>`;
  }
}
