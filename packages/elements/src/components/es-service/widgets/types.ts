import type { TemplateResult } from 'lit';
import type { FieldUi, LocalizedText } from '@eservice-kit/core';

/** A JSON Schema object as widgets see it (resolved: no `$ref` left at the top). */
export type FieldSchema = { readonly [keyword: string]: unknown };

/**
 * Everything a widget needs to render one field. Built by `<es-service>` for each
 * field it shows; widgets never reach into the element.
 */
export interface WidgetContext {
  /** Concrete pointer of the answer, e.g. `/witnesses/0/name`. */
  readonly pointer: string;
  /** Key of the field's presentation in `ui.fields`, e.g. `/witnesses/*\/name`. */
  readonly key: string;
  readonly schema: FieldSchema;
  readonly ui: FieldUi | undefined;
  /** DOM id for the field's (first) control; the error summary links to it. */
  readonly id: string;
  /** The field's label in the UI locale (never empty: falls back to the property name). */
  readonly label: string;
  readonly help: string;
  readonly placeholder: string;
  readonly value: unknown;
  readonly required: boolean;
  /** The error to show now, in the UI locale; empty when none is shown. */
  readonly error: string;
  /** Ids of the hint and the error element, for `aria-describedby` (may be empty). */
  readonly describedBy: string;
  readonly hintId: string;
  readonly errorId: string;
  /** The UI locale, e.g. `sv`. */
  readonly locale: string;
  /** Resolves a text of the definition in the UI locale. */
  text(text: LocalizedText | undefined): string;
  /** The label of an enum value from `ui.fields[key].options`, else the value itself. */
  optionLabel(value: unknown): string;
  /** Stores a new answer (`undefined` removes it). */
  set(value: unknown): void;
  /** The user left the field: it is validated from now on. */
  touch(): void;
  /** Renders a child field (groups and repeatable items), by its concrete pointer. */
  renderField(pointer: string): TemplateResult;
  /** Fields directly under an object field, in schema order: the children a group renders. */
  childPointers(pointer: string): readonly string[];
  /** Announces a short message politely (e.g. "Witness 3 added"). */
  announce(message: string): void;
  /** Moves focus to the first control of a field once rendered. */
  focusField(pointer: string): void;
}

/**
 * A widget: a renderer for fields it fits. `<es-service>` asks every registered
 * widget's `rank` for a field and uses the highest positive one, unless the
 * definition names a widget in `ui.fields[…].widget`.
 */
export interface Widget {
  /** The name a definition uses in `ui.fields[…].widget`, e.g. `"text"`. */
  readonly name: string;
  /**
   * How well the widget fits a field: 0 or less means it does not; built-in widgets
   * rank 1 (generic, e.g. text for any string) to 10 (specific, e.g. personnummer
   * for `format: se-personnummer`). A vendor widget ranking higher wins.
   */
  rank(schema: FieldSchema, ui: FieldUi | undefined, pointer: string): number;
  /** Renders the field: label or legend, hint, error and native controls. */
  render(context: WidgetContext): TemplateResult;
}
