// Choices: select, radio group, checkbox, checkbox group, yes/no and consent. Values
// are the schema's own (enum or oneOf/const), whatever their JSON type.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { msg } from '@lit/localize';
import { ariaInvalid, fieldsetField, hint, inlineError, singleField } from './chrome.js';
import type { FieldSchema, Widget, WidgetContext } from './types.js';

/** The values a field may take, in schema order. */
export function choicesOf(schema: FieldSchema): readonly unknown[] {
  if (Array.isArray(schema['enum'])) return schema['enum'];
  if (Array.isArray(schema['oneOf'])) {
    return schema['oneOf'].filter((branch) => typeof branch === 'object' && branch !== null && 'const' in branch).map((branch) => (branch as { const: unknown }).const);
  }
  return [];
}

const hasChoices = (schema: FieldSchema) => choicesOf(schema).length > 0;
const isBoolean = (schema: FieldSchema) => schema['type'] === 'boolean';
const itemsOf = (schema: FieldSchema) => (typeof schema['items'] === 'object' && schema['items'] !== null ? (schema['items'] as FieldSchema) : undefined);
const sameValue = (a: unknown, b: unknown) => a === b || (typeof a === 'object' && JSON.stringify(a) === JSON.stringify(b));

/** Touches the field when focus leaves the whole group, not when it moves between its controls. */
function touchWhenLeaving(context: WidgetContext) {
  return (event: FocusEvent) => {
    const group = event.currentTarget as HTMLElement;
    if (!(event.relatedTarget instanceof Node) || !group.contains(event.relatedTarget)) context.touch();
  };
}

function controlId(context: WidgetContext, index: number): string {
  return index === 0 ? context.id : `${context.id}-${index}`;
}

/** Radio buttons or checkboxes, one per choice, each with its own label. */
function choiceList(
  context: WidgetContext,
  type: 'radio' | 'checkbox',
  choices: readonly unknown[],
  label: (value: unknown) => string,
  isChecked: (value: unknown) => boolean,
  onChange: (value: unknown, checked: boolean) => void,
): TemplateResult {
  return html`<div class="choices" @focusout=${touchWhenLeaving(context)}>
    ${choices.map(
      (value, index) => html`<div class="choice">
        <input
          type=${type}
          id=${controlId(context, index)}
          name=${context.pointer}
          value=${JSON.stringify(value)}
          part=${type}
          aria-invalid=${ariaInvalid(context)}
          .checked=${live(isChecked(value))}
          @change=${(event: Event) => onChange(value, (event.target as HTMLInputElement).checked)}
        />
        <label for=${controlId(context, index)} part="choice-label">${label(value)}</label>
      </div>`,
    )}
  </div>`;
}

function radios(context: WidgetContext, choices: readonly unknown[], label: (value: unknown) => string): TemplateResult {
  return choiceList(context, 'radio', choices, label, (value) => sameValue(context.value, value), (value) => context.set(value));
}

const radio: Widget = {
  name: 'radio',
  rank: (schema) => (hasChoices(schema) ? (choicesOf(schema).length <= 6 ? 4 : 2) : 0),
  render: (context) => fieldsetField(context, radios(context, choicesOf(context.schema), (value) => context.optionLabel(value))),
};

const select: Widget = {
  name: 'select',
  rank: (schema) => (hasChoices(schema) ? 3 : 0),
  render(context) {
    const choices = choicesOf(context.schema);
    const selected = choices.find((value) => sameValue(value, context.value));
    return singleField(
      context,
      html`<select
        id=${context.id}
        name=${context.pointer}
        part="input select"
        aria-required=${context.required ? 'true' : 'false'}
        aria-invalid=${ariaInvalid(context)}
        aria-describedby=${context.describedBy || nothing}
        .value=${live(selected === undefined ? '' : JSON.stringify(selected))}
        @change=${(event: Event) => {
          const chosen = (event.target as HTMLSelectElement).value;
          context.set(choices.find((value) => JSON.stringify(value) === chosen));
        }}
        @blur=${context.touch}
      >
        <option value="">${msg('Choose…', { id: 'es-service.choose' })}</option>
        ${choices.map(
          // ?selected as well as .value: on a fresh render the options arrive after .value is set.
          (value) => html`<option value=${JSON.stringify(value)} ?selected=${sameValue(value, context.value)}>${context.optionLabel(value)}</option>`,
        )}
      </select>`,
    );
  },
};

const yesNo: Widget = {
  name: 'yes-no',
  rank: (schema) => (isBoolean(schema) ? 2 : 0),
  render: (context) =>
    fieldsetField(
      context,
      radios(context, [true, false], (value) => (value ? msg('Yes', { id: 'es-service.yes' }) : msg('No', { id: 'es-service.no' }))),
      'inline',
    ),
};

/** One checkbox whose label is a statement; `checkedValue` is what ticking it means. */
function singleCheckbox(context: WidgetContext, uncheckedValue: false | undefined): TemplateResult {
  return html`<div class="field" part="field" ?data-invalid=${context.error !== ''}>
    ${hint(context)} ${inlineError(context)}
    <div class="choice">
      <input
        type="checkbox"
        id=${context.id}
        name=${context.pointer}
        part="checkbox"
        aria-required=${context.required ? 'true' : 'false'}
        aria-invalid=${ariaInvalid(context)}
        aria-describedby=${context.describedBy || nothing}
        .checked=${live(context.value === true)}
        @change=${(event: Event) => context.set((event.target as HTMLInputElement).checked ? true : uncheckedValue)}
        @blur=${context.touch}
      />
      <label for=${context.id} part="choice-label">${context.label}</label>
    </div>
  </div>`;
}

const checkbox: Widget = {
  name: 'checkbox',
  rank: (schema) => (isBoolean(schema) ? 1 : 0),
  render: (context) => singleCheckbox(context, false),
};

/** A box that must be ticked (`const: true`): unticked is no answer, so "required" explains it. */
const consent: Widget = {
  name: 'consent',
  rank: (schema) => (isBoolean(schema) && schema['const'] === true ? 8 : 0),
  render: (context) => singleCheckbox(context, undefined),
};

const checkboxGroup: Widget = {
  name: 'checkbox-group',
  rank: (schema) => (schema['type'] === 'array' && itemsOf(schema) !== undefined && hasChoices(itemsOf(schema)!) ? 5 : 0),
  render(context) {
    const choices = choicesOf(itemsOf(context.schema) ?? {});
    const chosen = Array.isArray(context.value) ? context.value : [];
    const toggle = (value: unknown, on: boolean) => {
      // Keep schema order, so answers do not depend on the order of clicks.
      const next = choices.filter((choice) => (sameValue(choice, value) ? on : chosen.some((other) => sameValue(other, choice))));
      context.set(next.length === 0 ? undefined : next);
    };
    return fieldsetField(
      context,
      choiceList(
        context,
        'checkbox',
        choices,
        (value) => context.optionLabel(value),
        (value) => chosen.some((other) => sameValue(other, value)),
        toggle,
      ),
    );
  },
};

/** Built-in choice widgets. */
export const choiceWidgets: readonly Widget[] = [select, radio, checkbox, yesNo, consent, checkboxGroup];
