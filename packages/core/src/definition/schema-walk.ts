import { joinPointer, parsePointer } from '../json-pointer.js';
import type { JsonSchema } from './types.js';

type SchemaObject = { readonly [keyword: string]: unknown };

function asObject(schema: unknown): SchemaObject | undefined {
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as SchemaObject) : undefined;
}

/** Follows a local "$ref" ("#/$defs/x") once; definitions keep their reusable parts in $defs. */
function deref(root: SchemaObject, schema: SchemaObject): SchemaObject {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#')) return schema;
  let target: unknown = root;
  try {
    for (const segment of parsePointer(decodeURIComponent(ref.slice(1)))) target = asObject(target)?.[segment];
  } catch {
    return schema; // not a local JSON Pointer (e.g. a plain-name anchor): ajv resolves those, we need not
  }
  return asObject(target) ?? schema;
}

/** Where a property may be declared: the schema itself and its allOf/anyOf/oneOf/then/else branches. */
function branches(schema: SchemaObject): SchemaObject[] {
  const found: SchemaObject[] = [schema];
  for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
    const list = schema[keyword];
    if (Array.isArray(list)) for (const entry of list) { const branch = asObject(entry); if (branch) found.push(branch); }
  }
  for (const keyword of ['then', 'else']) { const branch = asObject(schema[keyword]); if (branch) found.push(branch); }
  return found;
}

function childSchema(root: SchemaObject, parent: SchemaObject, segment: string): SchemaObject | undefined {
  for (const branch of branches(deref(root, parent))) {
    if (segment === '*' || /^\d+$/.test(segment)) {
      const items = asObject(branch['items']);
      if (items) return deref(root, items);
    }
    const properties = asObject(branch['properties']);
    if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) {
      const child = asObject(properties[segment]);
      if (child) return deref(root, child);
    }
  }
  return undefined;
}

/** The sub-schema describing the answer at a field pointer ("*" or an index for array items). */
export function schemaAt(schema: JsonSchema, pointer: string): SchemaObject | undefined {
  const root = asObject(schema);
  if (!root) return undefined;
  let current: SchemaObject | undefined = deref(root, root);
  for (const segment of parsePointer(pointer)) {
    if (!current) return undefined;
    current = childSchema(root, current, segment);
  }
  return current;
}

/** A field the schema declares: its pointer ("*" for array items), schema and whether its parent requires it. */
export interface SchemaField {
  readonly pointer: string;
  readonly schema: SchemaObject;
  readonly requiredByParent: boolean;
  readonly insideArray: boolean;
}

/** Every field the schema declares, depth first, parents before children. */
export function listFields(schema: JsonSchema, maxFields = 5000): SchemaField[] {
  const root = asObject(schema);
  if (!root) return [];
  const fields: SchemaField[] = [];
  const listed = new Set<string>();
  const visit = (node: SchemaObject, pointer: string, insideArray: boolean, seen: ReadonlySet<SchemaObject>) => {
    if (seen.has(node)) return; // recursive $refs stop here
    const nextSeen = new Set(seen).add(node);
    for (const branch of branches(node)) {
      const properties = asObject(branch['properties']);
      const required = Array.isArray(branch['required']) ? branch['required'] : [];
      for (const [name, child] of Object.entries(properties ?? {})) {
        if (fields.length >= maxFields) return;
        const childSchemaObject = asObject(child);
        if (!childSchemaObject) continue;
        const childPointer = joinPointer(pointer, name);
        if (listed.has(childPointer)) continue;
        listed.add(childPointer);
        const resolved = deref(root, childSchemaObject);
        fields.push({ pointer: childPointer, schema: resolved, requiredByParent: branch === node && required.includes(name), insideArray });
        visit(resolved, childPointer, insideArray, nextSeen);
      }
      const items = asObject(branch['items']);
      if (items) visit(deref(root, items), joinPointer(pointer, '*'), true, nextSeen);
    }
  };
  visit(deref(root, root), '', false, new Set());
  return fields;
}

/** Every "format" value used anywhere in a schema, with the pointer of the keyword. */
export function formatsUsed(schema: JsonSchema, base = ''): { pointer: string; format: string }[] {
  const found: { pointer: string; format: string }[] = [];
  const stack: [unknown, string][] = [[schema, base]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string' && !Array.isArray(node)) found.push({ pointer: joinPointer(pointer, key), format: value });
      else if (key !== 'const' && key !== 'enum' && key !== 'examples' && key !== 'default') stack.push([value, joinPointer(pointer, key)]);
    }
  }
  return found;
}
