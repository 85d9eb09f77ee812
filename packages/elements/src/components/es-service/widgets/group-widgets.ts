// Fields made of fields: a group (any object), an address and a repeatable list
// (witnesses, preferred dates) whose items are added and removed by keyboard.
import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { fieldsetField } from './chrome.js';
import type { FieldSchema, Widget, WidgetContext } from './types.js';

const isObject = (schema: FieldSchema) => schema['type'] === 'object' || (schema['type'] === undefined && typeof schema['properties'] === 'object');
const properties = (schema: FieldSchema) => (typeof schema['properties'] === 'object' && schema['properties'] !== null ? (schema['properties'] as Record<string, FieldSchema>) : {});

function children(context: WidgetContext, pointer: string): TemplateResult[] {
  return context.childPointers(pointer).map((child) => context.renderField(child));
}

const group: Widget = {
  name: 'group',
  rank: (schema) => (isObject(schema) ? 1 : 0),
  render: (context) => fieldsetField(context, html`${children(context, context.pointer)}`, 'nested'),
};

const address: Widget = {
  name: 'address',
  rank: (schema) =>
    isObject(schema) && Object.values(properties(schema)).some((property) => property['format'] === 'se-postnummer') ? 5 : 0,
  render: (context) => fieldsetField(context, html`${children(context, context.pointer)}`, 'nested address'),
};

const repeatable: Widget = {
  name: 'repeatable',
  rank: (schema) => (schema['type'] === 'array' && typeof schema['items'] === 'object' && isObject(schema['items'] as FieldSchema) ? 3 : 0),
  render(context) {
    const items = Array.isArray(context.value) ? context.value : [];
    const min = typeof context.schema['minItems'] === 'number' ? context.schema['minItems'] : 0;
    const max = typeof context.schema['maxItems'] === 'number' ? context.schema['maxItems'] : Infinity;
    // Show at least the minimum (or one) item, so the first answer needs no "add" first.
    const count = Math.max(items.length, min, 1);
    const itemName = (index: number) => msg(str`${context.label}: ${index + 1} of ${count}`, { id: 'es-service.item-legend' });

    const padded = () => Array.from({ length: count }, (_, index) => items[index] ?? {});
    const add = () => {
      context.set([...padded(), {}]);
      context.announce(msg(str`${context.label}: ${count + 1} added`, { id: 'es-service.item-added' }));
      context.focusField(`${context.pointer}/${count}`);
    };
    const remove = (index: number) => {
      const next = padded().filter((_, other) => other !== index);
      context.set(next);
      context.announce(msg(str`${context.label}: ${index + 1} removed`, { id: 'es-service.item-removed' }));
      context.focusField(`${context.pointer}/${Math.max(0, index - 1)}`);
    };

    return fieldsetField(
      context,
      html`${Array.from({ length: count }, (_, index) => {
          const pointer = `${context.pointer}/${index}`;
          return html`<fieldset class="item" part="item">
            <legend part="legend">${itemName(index)}</legend>
            ${children(context, pointer)}
            ${count > Math.max(min, 1)
              ? html`<button type="button" class="secondary" part="button button-remove" data-pointer=${pointer} @click=${() => remove(index)}>
                  ${msg('Remove', { id: 'es-service.remove' })}<span class="visually-hidden"> ${itemName(index)}</span>
                </button>`
              : nothing}
          </fieldset>`;
        })}
        ${count < max
          ? html`<button type="button" class="secondary" part="button button-add" data-pointer=${context.pointer} @click=${add}>
              ${msg('Add another', { id: 'es-service.add' })}<span class="visually-hidden"> (${context.label})</span>
            </button>`
          : nothing}`,
      'repeatable',
    );
  },
};

/** Built-in widgets made of other fields. */
export const groupWidgets: readonly Widget[] = [group, address, repeatable];
