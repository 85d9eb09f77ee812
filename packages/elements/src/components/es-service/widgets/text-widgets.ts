// Single-line and multi-line text, e-mail, phone, number, date, personnummer and
// postnummer: one native control each, with the keyboard and autofill hints phones use.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import { live } from 'lit/directives/live.js';
import { Directive, directive, PartType, type PartInfo, type PropertyPart } from 'lit/directive.js';
import { msg, str } from '@lit/localize';
import { ariaInvalid, singleField } from './chrome.js';
import { formatPersonalIdInput, formatPostnummerInput, parseNumberInput, textValue } from './input-format.js';
import type { FieldSchema, Widget, WidgetContext } from './types.js';

const isString = (schema: FieldSchema) => schema['type'] === 'string' || (Array.isArray(schema['type']) && schema['type'].includes('string'));
const hasFormat = (schema: FieldSchema, ...formats: string[]) => typeof schema['format'] === 'string' && formats.includes(schema['format']);
const hasChoices = (schema: FieldSchema) => Array.isArray(schema['enum']) || Array.isArray(schema['oneOf']);
const maxLength = (schema: FieldSchema) => (typeof schema['maxLength'] === 'number' ? schema['maxLength'] : undefined);

interface InputOptions {
  readonly type?: string;
  readonly inputmode?: string;
  readonly autocomplete?: string;
  /** Turns the control's text into the answer; default: the text, empty removes it. */
  readonly parse?: (text: string) => unknown;
  /** Reformats the text as the user types (caret kept at the end only when it was there). */
  readonly format?: (text: string) => string;
}

function onInput(context: WidgetContext, options: InputOptions) {
  return (event: Event) => {
    const input = event.target as HTMLInputElement;
    if (options.format) {
      const atEnd = input.selectionStart === input.value.length;
      const formatted = options.format(input.value);
      if (formatted !== input.value && atEnd) input.value = formatted;
    }
    context.set((options.parse ?? textValue)(input.value));
  };
}

/**
 * Sets a number control's text unless the text already means that number: "1," or
 * "1 000" stay as typed, a restored draft or a reset still shows.
 */
class NumberText extends Directive {
  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.PROPERTY) throw new Error('numberText() binds .value only');
  }
  render(value: unknown): string {
    return typeof value === 'number' ? String(value) : typeof value === 'string' ? value : '';
  }
  override update(part: PropertyPart, [value]: [unknown]): string {
    const element = part.element as HTMLInputElement;
    const current = element.value;
    if (current !== '' && parseNumberInput(current) === value) return current;
    return this.render(value);
  }
}
const numberText = directive(NumberText);

function input(context: WidgetContext, options: InputOptions, displayed: unknown): TemplateResult {
  const ui = context.ui;
  return html`<input
    id=${context.id}
    name=${context.pointer}
    part="input"
    type=${options.type ?? 'text'}
    inputmode=${ifDefined(options.inputmode)}
    autocomplete=${ifDefined(ui?.autocomplete ?? options.autocomplete)}
    maxlength=${ifDefined(maxLength(context.schema))}
    placeholder=${context.placeholder || nothing}
    aria-required=${context.required ? 'true' : 'false'}
    aria-invalid=${ariaInvalid(context)}
    aria-describedby=${context.describedBy || nothing}
    .value=${options.parse === parseNumberInput ? numberText(displayed) : live(String(displayed ?? ''))}
    @input=${onInput(context, options)}
    @blur=${context.touch}
  />`;
}

function inputWidget(name: string, rank: Widget['rank'], options: InputOptions = {}): Widget {
  return {
    name,
    rank,
    render: (context) => singleField(context, input(context, options, typeof context.value === 'string' ? context.value : '')),
  };
}

/** "You have N characters remaining" (or too many), for `length` characters of `limit`. */
function charactersText(limit: number, length: number): string {
  const left = limit - length;
  return left >= 0
    ? msg(str`You have ${left} characters remaining`, { id: 'es-service.chars-left' })
    : msg(str`You have ${-left} characters too many`, { id: 'es-service.chars-over' });
}

/** Characters left, shown under a textarea and announced politely after a pause in typing. */
function characterCount(context: WidgetContext, limit: number): TemplateResult {
  const length = typeof context.value === 'string' ? context.value.length : 0;
  return html`<div class="count" part="count" id=${`${context.id}-count`} ?data-over=${length > limit}>${charactersText(limit, length)}</div>`;
}

const textarea: Widget = {
  name: 'textarea',
  rank: (schema) => (isString(schema) && !hasChoices(schema) && (maxLength(schema) ?? Infinity) > 200 ? 3 : 0),
  render(context) {
    const limit = maxLength(context.schema);
    const describedBy = [context.describedBy, limit === undefined ? '' : `${context.id}-count`].filter(Boolean).join(' ');
    const control = html`<textarea
      id=${context.id}
      name=${context.pointer}
      part="input textarea"
      rows="5"
      autocomplete=${ifDefined(context.ui?.autocomplete)}
      placeholder=${context.placeholder || nothing}
      aria-required=${context.required ? 'true' : 'false'}
      aria-invalid=${ariaInvalid(context)}
      aria-describedby=${describedBy || nothing}
      .value=${live(typeof context.value === 'string' ? context.value : '')}
      @input=${(event: Event) => {
        const value = (event.target as HTMLTextAreaElement).value;
        context.set(textValue(value));
        if (limit !== undefined && limit - value.length <= Math.min(100, limit / 5)) context.announce(charactersText(limit, value.length));
      }}
      @blur=${context.touch}
    ></textarea>`;
    return singleField(context, control, limit === undefined ? nothing : characterCount(context, limit));
  },
};

const numberWidget: Widget = {
  name: 'number',
  rank: (schema) => (schema['type'] === 'number' || schema['type'] === 'integer' ? 2 : 0),
  render(context) {
    const integer = context.schema['type'] === 'integer';
    const options: InputOptions = { inputmode: integer ? 'numeric' : 'decimal', parse: parseNumberInput };
    return singleField(context, input(context, options, context.value));
  },
};

/** Built-in text-like widgets. */
export const textWidgets: readonly Widget[] = [
  inputWidget('text', (schema) => (isString(schema) && !hasChoices(schema) ? 1 : 0)),
  textarea,
  inputWidget('email', (schema) => (isString(schema) && hasFormat(schema, 'email', 'idn-email') ? 5 : 0), { type: 'email', autocomplete: 'email' }),
  inputWidget('tel', (schema) => (isString(schema) && hasFormat(schema, 'se-phone', 'se-mobile') ? 5 : 0), { type: 'tel', autocomplete: 'tel' }),
  inputWidget('url', (schema) => (isString(schema) && hasFormat(schema, 'uri', 'iri', 'uri-reference') ? 5 : 0), { type: 'url', autocomplete: 'url' }),
  numberWidget,
  inputWidget('date', (schema) => (isString(schema) && hasFormat(schema, 'date') ? 5 : 0), { type: 'date' }),
  inputWidget('personnummer', (schema) => (isString(schema) && hasFormat(schema, 'se-personnummer', 'se-samordningsnummer', 'se-personal-id') ? 10 : 0), {
    inputmode: 'numeric',
    autocomplete: 'off',
    format: formatPersonalIdInput,
  }),
  inputWidget('postnummer', (schema) => (isString(schema) && hasFormat(schema, 'se-postnummer') ? 10 : 0), {
    inputmode: 'numeric',
    autocomplete: 'postal-code',
    format: formatPostnummerInput,
  }),
];
