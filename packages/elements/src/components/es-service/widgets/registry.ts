import type { FieldUi } from '@eservice-kit/core';
import type { FieldSchema, Widget } from './types.js';

// One registry per page, shared by every copy of the library (a CMS page may load the
// bundle twice, a vendor app may also import the npm package): a widget registered
// through one copy is used by the elements of all.
const REGISTRY_KEY = Symbol.for('@eservice-kit/elements.widgets');
type GlobalWithRegistry = typeof globalThis & { [REGISTRY_KEY]?: Map<string, Widget> };

function registry(): Map<string, Widget> {
  const global = globalThis as GlobalWithRegistry;
  return (global[REGISTRY_KEY] ??= new Map());
}

/**
 * Registers a widget for every `<es-service>` on the page. A widget with the name of
 * an existing one replaces it (so a vendor can restyle, say, `text`). Elements already
 * showing a form use it from their next render.
 */
export function registerWidget(widget: Widget): void {
  if (typeof widget?.name !== 'string' || typeof widget.rank !== 'function' || typeof widget.render !== 'function') {
    throw new TypeError('eservice-kit: registerWidget() needs { name, rank(schema, ui, pointer), render(context) }');
  }
  registry().set(widget.name, widget);
}

/** Registers widgets only where the name is free: how the built-in widgets are added. */
export function registerDefaultWidgets(widgets: readonly Widget[]): void {
  for (const widget of widgets) if (!registry().has(widget.name)) registry().set(widget.name, widget);
}

/** The registered widget with this name. */
export function widgetNamed(name: string): Widget | undefined {
  return registry().get(name);
}

/**
 * The widget for a field: the one the definition names if registered, else the
 * highest-ranking one (ties go to the earliest registered). Undefined when none fits.
 */
export function pickWidget(schema: FieldSchema, ui: FieldUi | undefined, pointer: string): Widget | undefined {
  const named = ui?.widget === undefined ? undefined : registry().get(ui.widget);
  if (named) return named;
  let best: Widget | undefined;
  let bestRank = 0;
  for (const widget of registry().values()) {
    const rank = widget.rank(schema, ui, pointer);
    if (rank > bestRank) {
      best = widget;
      bestRank = rank;
    }
  }
  return best;
}
