/** RFC 6901 JSON Pointers: the one addressing scheme for fields, rules and errors. */

export function escapeSegment(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Splits a pointer into unescaped segments; "" is the whole document. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new SyntaxError(`Not a JSON Pointer: ${pointer}`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}

export function isPointer(value: string): boolean {
  return value === '' || (value.startsWith('/') && !/~[^01]|~$/.test(value));
}

export function joinPointer(base: string, ...segments: readonly (string | number)[]): string {
  return base + segments.map((segment) => '/' + escapeSegment(String(segment))).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The value at `pointer`, or undefined. Only own properties are followed. */
export function getAtPointer(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const segment of parsePointer(pointer)) {
    if (!isRecord(current) || !Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Removes the value at `pointer` in place (arrays lose the item). Returns whether it existed. */
export function removeAtPointer(document: unknown, pointer: string): boolean {
  const segments = parsePointer(pointer);
  const last = segments.pop();
  if (last === undefined) return false;
  const parent = getAtPointer(document, joinPointer('', ...segments));
  if (!isRecord(parent) || !Object.prototype.hasOwnProperty.call(parent, last)) return false;
  if (Array.isArray(parent)) parent.splice(Number(last), 1);
  else delete (parent as Record<string, unknown>)[last];
  return true;
}

/** Whether `descendant` is `ancestor` or lies inside it. */
export function isWithin(descendant: string, ancestor: string): boolean {
  return descendant === ancestor || descendant.startsWith(ancestor + '/');
}

/**
 * The key a field's presentation is stored under in `ui.fields`: array indexes become "*",
 * so "/witnesses/1/name" finds the entry "/witnesses/*\/name".
 */
export function fieldKey(pointer: string): string {
  return pointer.replace(/\/\d+(?=\/|$)/g, '/*');
}
