import { joinPointer, parsePointer } from '../json-pointer.js';
import type { JsonSchema } from './types.js';

type SchemaObject = { readonly [keyword: string]: unknown };

function asObject(schema: unknown): SchemaObject | undefined {
  return typeof schema === 'object' && schema !== null && !Array.isArray(schema) ? (schema as SchemaObject) : undefined;
}

/** The target of a local "$ref" ("#/$defs/x"), or undefined for anything else. */
function refTarget(root: SchemaObject, schema: SchemaObject): SchemaObject | undefined {
  const ref = schema['$ref'];
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let target: unknown = root;
  try {
    for (const segment of parsePointer(decodeURIComponent(ref.slice(1)))) target = asObject(target)?.[segment];
  } catch {
    return undefined; // not a local JSON Pointer (e.g. a plain-name anchor): ajv resolves those, we need not
  }
  return asObject(target);
}

/**
 * A schema with its local "$ref" merged in (siblings of $ref win, as they add to it in
 * 2020-12), so a field declared as `{"$ref": "#/$defs/person", "title": …}` reads as one object.
 */
function resolve(root: SchemaObject, schema: SchemaObject, depth = 0): SchemaObject {
  const target = refTarget(root, schema);
  if (!target || depth > 16) return schema;
  const { $ref: _ref, ...siblings } = schema;
  return { ...resolve(root, target, depth + 1), ...siblings };
}

/**
 * Where a property may be declared. `always` branches (the schema, its $ref, allOf) apply
 * to every answer, so their `required` is static; anyOf/oneOf/then/else apply only sometimes.
 */
function branches(root: SchemaObject, schema: SchemaObject): { schema: SchemaObject; always: boolean }[] {
  const found: { schema: SchemaObject; always: boolean }[] = [];
  const seen = new Set<SchemaObject>();
  const visit = (node: SchemaObject, always: boolean) => {
    if (seen.has(node) || seen.size > 256) return;
    seen.add(node);
    found.push({ schema: node, always });
    const target = refTarget(root, node);
    if (target) visit(target, always);
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = node[keyword];
      if (Array.isArray(list)) for (const entry of list) { const branch = asObject(entry); if (branch) visit(branch, always && keyword === 'allOf'); }
    }
    for (const keyword of ['then', 'else']) { const branch = asObject(node[keyword]); if (branch) visit(branch, false); }
  };
  visit(schema, true);
  return found;
}

function childSchema(root: SchemaObject, parent: SchemaObject, segment: string): SchemaObject | undefined {
  for (const { schema: branch } of branches(root, parent)) {
    if (segment === '*' || /^\d+$/.test(segment)) {
      const items = asObject(branch['items']);
      if (items) return resolve(root, items);
    }
    const properties = asObject(branch['properties']);
    if (properties && Object.prototype.hasOwnProperty.call(properties, segment)) {
      const child = asObject(properties[segment]);
      if (child) return resolve(root, child);
    }
  }
  return undefined;
}

/** The sub-schema describing the answer at a field pointer ("*" or an index for array items). */
export function schemaAt(schema: JsonSchema, pointer: string): SchemaObject | undefined {
  const root = asObject(schema);
  if (!root) return undefined;
  let current: SchemaObject | undefined = resolve(root, root);
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
    const nodeBranches = branches(root, node);
    const required = new Set(
      nodeBranches.filter((branch) => branch.always).flatMap(({ schema: branch }) => (Array.isArray(branch['required']) ? branch['required'] : [])),
    );
    for (const { schema: branch } of nodeBranches) {
      for (const [name, child] of Object.entries(asObject(branch['properties']) ?? {})) {
        if (fields.length >= maxFields) return;
        const childSchemaObject = asObject(child);
        const childPointer = joinPointer(pointer, name);
        if (!childSchemaObject || listed.has(childPointer)) continue;
        listed.add(childPointer);
        const resolved = resolve(root, childSchemaObject);
        fields.push({ pointer: childPointer, schema: resolved, requiredByParent: required.has(name), insideArray });
        visit(childSchemaObject, childPointer, insideArray, nextSeen);
      }
      const items = asObject(branch['items']);
      if (items) visit(items, joinPointer(pointer, '*'), true, nextSeen);
    }
  };
  visit(root, '', false, new Set());
  return fields;
}

/**
 * Every keyword of a schema and its subschemas, with its pointer. Values of const, enum,
 * examples and default are data, not schemas, so they are not entered.
 */
function* schemaKeywords(schema: JsonSchema, base: string): Generator<{ keyword: string; value: unknown; pointer: string }> {
  const stack: [unknown, string][] = [[schema, base]];
  while (stack.length > 0) {
    const [node, pointer] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    const isArray = Array.isArray(node);
    for (const [key, value] of Object.entries(node)) {
      const childPointer = joinPointer(pointer, key);
      if (!isArray) yield { keyword: key, value, pointer: childPointer };
      if (key !== 'const' && key !== 'enum' && key !== 'examples' && key !== 'default') stack.push([value, childPointer]);
    }
  }
}

/** Every use of one of `keywords` anywhere in a schema, with its pointer. */
export function keywordsUsed(schema: JsonSchema, keywords: ReadonlySet<string>, base = ''): { pointer: string; keyword: string }[] {
  return [...schemaKeywords(schema, base)].filter(({ keyword }) => keywords.has(keyword)).map(({ pointer, keyword }) => ({ pointer, keyword }));
}

/** Every "format" value used anywhere in a schema, with the pointer of the keyword. */
export function formatsUsed(schema: JsonSchema, base = ''): { pointer: string; format: string }[] {
  return [...schemaKeywords(schema, base)]
    .filter(({ keyword, value }) => keyword === 'format' && typeof value === 'string')
    .map(({ pointer, value }) => ({ pointer, format: value as string }));
}
