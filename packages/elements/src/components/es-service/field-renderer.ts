// Renders one field of the definition with the widget the registry picks, building
// the WidgetContext from the form's state. Hidden fields render nothing.
import { html } from 'lit';
import { guard } from 'lit/directives/guard.js';
import type { TemplateResult } from 'lit';
import { msg } from '@lit/localize';
import { fieldKey, joinPointer, resolveText, schemaAt } from '@eservice-kit/core';
import type { Evaluation, LocalizedText, ServiceDefinition } from '@eservice-kit/core';
import { answerAt } from './answers.js';
import { pickWidget } from './widgets/registry.js';
import type { FieldSchema, WidgetContext } from './widgets/types.js';

/** What the renderer needs from the form. */
export interface FormState {
  readonly definition: ServiceDefinition;
  readonly evaluation: Evaluation;
  readonly answers: Record<string, unknown>;
  readonly locale: string;
  /** The error to show for a concrete pointer now, in the UI locale ('' for none). */
  errorFor(pointer: string): string;
  set(pointer: string, value: unknown): void;
  touch(pointer: string): void;
  announce(message: string): void;
  focusField(pointer: string): void;
  /** A stable DOM id for a pointer. */
  idFor(pointer: string): string;
}

export class FieldRenderer {
  readonly #hidden: ReadonlySet<string>;
  readonly #required: ReadonlySet<string>;

  constructor(private readonly state: FormState) {
    this.#hidden = new Set(state.evaluation.hiddenFields);
    this.#required = new Set(state.evaluation.requiredFields);
  }

  text = (text: LocalizedText | undefined): string => resolveText(text, this.state.locale, this.state.definition.defaultLanguage);

  isHidden(pointer: string): boolean {
    return this.#hidden.has(fieldKey(pointer));
  }

  /** Direct children of an object field, in schema order. */
  childPointers = (pointer: string): readonly string[] => {
    const schema = schemaAt(this.state.definition.schema, fieldKey(pointer));
    const properties = schema?.['properties'];
    if (typeof properties !== 'object' || properties === null) return [];
    return Object.keys(properties).map((name) => joinPointer(pointer, name));
  };

  /** The field's label, else its property name, so a control is never unlabelled. */
  label(pointer: string): string {
    const ui = this.state.definition.ui.fields[fieldKey(pointer)];
    return this.text(ui?.label) || pointer.slice(pointer.lastIndexOf('/') + 1);
  }

  /** Whether a widget can show this field (files and maps come with a later release). */
  canRender(pointer: string): boolean {
    const key = fieldKey(pointer);
    const schema = schemaAt(this.state.definition.schema, key) as FieldSchema | undefined;
    return schema !== undefined && pickWidget(schema, this.state.definition.ui.fields[key], key) !== undefined;
  }

  render = (pointer: string): TemplateResult => {
    if (this.isHidden(pointer)) return html``;
    const key = fieldKey(pointer);
    const schema = schemaAt(this.state.definition.schema, key) as FieldSchema | undefined;
    const ui = this.state.definition.ui.fields[key];
    const widget = schema ? pickWidget(schema, ui, key) : undefined;
    const required = this.#required.has(key);
    if (!schema || !widget) {
      // Only a widget from a later release (files, map) ends here; say so where it matters.
      return required
        ? html`<p class="unsupported" part="field">${this.label(pointer)}: ${msg('this question cannot be answered in this version of the form. Please contact us instead.', { id: 'es-service.unsupported-field' })}</p>`
        : html``;
    }
    const id = this.state.idFor(pointer);
    const error = this.state.errorFor(pointer);
    const help = this.text(ui?.help);
    const hintId = `${id}-hint`;
    const errorId = `${id}-error`;
    const context: WidgetContext = {
      pointer,
      key,
      schema,
      ui,
      id,
      label: this.label(pointer),
      help,
      placeholder: this.text(ui?.placeholder),
      value: answerAt(this.state.answers, pointer),
      required,
      error,
      describedBy: [help === '' ? '' : hintId, error === '' ? '' : errorId].filter(Boolean).join(' '),
      hintId,
      errorId,
      locale: this.state.locale,
      text: this.text,
      optionLabel: (value) => this.text(ui?.options?.[String(value)]) || String(value),
      set: (value) => this.state.set(pointer, value),
      touch: () => this.state.touch(pointer),
      renderField: this.render,
      childPointers: this.childPointers,
      announce: (message) => this.state.announce(message),
      focusField: (target) => this.state.focusField(target),
    };
    // A field made of fields depends on its children's state too: always rendered.
    if (schema['type'] === 'object' || schema['type'] === 'array') return widget.render(context);
    // A single field renders again only when what it shows changed, so a keystroke in
    // one of 200 fields re-renders one field (answers are immutable, so identity works).
    return html`${guard([widget, context.value, error, required, help, context.label, this.state.locale], () => widget.render(context))}`;
  };
}

