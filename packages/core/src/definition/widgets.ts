import type { JsonSchema } from './types.js';

type SchemaObject = { readonly [keyword: string]: unknown };

function types(schema: SchemaObject): string[] {
  const type = schema['type'];
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((entry): entry is string => typeof entry === 'string');
  return [];
}

const isType = (schema: SchemaObject, ...wanted: string[]) => types(schema).some((type) => wanted.includes(type));
const hasChoices = (schema: SchemaObject) =>
  Array.isArray(schema['enum']) || (Array.isArray(schema['oneOf']) && schema['oneOf'].every((branch) => typeof branch === 'object' && branch !== null && 'const' in branch));

/** Built-in widgets and the fields each fits, with the explanation used in "does not fit" messages. */
export const BUILT_IN_WIDGETS: Readonly<Record<string, { readonly fits: (schema: SchemaObject) => boolean; readonly expected: string }>> = {
  text: { fits: (s) => isType(s, 'string'), expected: 'string' },
  textarea: { fits: (s) => isType(s, 'string'), expected: 'string' },
  email: { fits: (s) => isType(s, 'string'), expected: 'string' },
  tel: { fits: (s) => isType(s, 'string'), expected: 'string' },
  url: { fits: (s) => isType(s, 'string'), expected: 'string' },
  number: { fits: (s) => isType(s, 'number', 'integer'), expected: 'number | integer' },
  date: { fits: (s) => isType(s, 'string'), expected: 'string, format date' },
  select: { fits: hasChoices, expected: 'enum' },
  radio: { fits: hasChoices, expected: 'enum' },
  checkbox: { fits: (s) => isType(s, 'boolean'), expected: 'boolean' },
  'yes-no': { fits: (s) => isType(s, 'boolean'), expected: 'boolean' },
  consent: { fits: (s) => isType(s, 'boolean') && s['const'] === true, expected: 'boolean with const true' },
  'checkbox-group': {
    fits: (s) => isType(s, 'array') && typeof s['items'] === 'object' && s['items'] !== null && hasChoices(s['items'] as SchemaObject),
    expected: 'array of enum',
  },
  personnummer: { fits: (s) => isType(s, 'string'), expected: 'string' },
  postnummer: { fits: (s) => isType(s, 'string'), expected: 'string' },
  group: { fits: (s) => isType(s, 'object'), expected: 'object' },
  address: { fits: (s) => isType(s, 'object'), expected: 'object' },
  repeatable: { fits: (s) => isType(s, 'array'), expected: 'array' },
};

/** Whether a built-in widget fits the field schema; undefined when the widget is not built in. */
export function widgetFits(widget: string, schema: JsonSchema): { fits: boolean; expected: string } | undefined {
  if (!Object.hasOwn(BUILT_IN_WIDGETS, widget)) return undefined;
  const entry = BUILT_IN_WIDGETS[widget]!;
  return { fits: typeof schema === 'object' && entry.fits(schema), expected: entry.expected };
}
