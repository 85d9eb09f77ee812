import { bilingual, type BilingualMessage } from '../i18n/localized.js';
import { joinPointer } from '../json-pointer.js';
import { KNOWN_FORMATS } from '../formats/registry.js';
import { guardJsonValue, parseJsonText } from './guard.js';
import { definitionHash } from './hash.js';
import { ISSUE_MESSAGES, type IssueCode } from './issue-messages.js';
import { checkDefinitionShape, schemaErrorPointer, type SchemaError } from './meta-validate.js';
import { formatsUsed, keywordsUsed, listFields, schemaAt } from './schema-walk.js';
import type { JsonSchema, LocalizedText, ServiceDefinition } from './types.js';
import { widgetFits } from './widgets.js';

/** Something wrong with a definition, located by an RFC 6901 pointer into it. */
export interface DefinitionIssue {
  readonly pointer: string;
  readonly code: IssueCode;
  readonly severity: 'error' | 'warning';
  readonly message: BilingualMessage;
}

export type LoadResult =
  | { readonly ok: true; readonly definition: ServiceDefinition; readonly hash: string; readonly warnings: readonly DefinitionIssue[] }
  | { readonly ok: false; readonly errors: readonly DefinitionIssue[]; readonly warnings: readonly DefinitionIssue[] };

/** Checks an embedded JSON Schema; core/compile supplies one backed by ajv, browsers skip it. */
export type SchemaChecker = (schema: JsonSchema) => string | undefined;

export interface LoadOptions {
  /** Checks the answer schema and each rule condition are valid JSON Schema 2020-12. */
  readonly checkSchema?: SchemaChecker;
}

/**
 * Keywords a precompiled, synchronous validator cannot honour: $async makes validation
 * return a promise; dynamic and recursive references need ajv's run-time scope.
 */
const UNSUPPORTED_KEYWORDS = new Set(['$async', '$dynamicRef', '$dynamicAnchor', '$recursiveRef', '$recursiveAnchor']);

/** A pointer through an array item ("*" or an index). */
const INSIDE_ARRAY = /\/(\*|\d+)(\/|$)/;

function issue(pointer: string, code: IssueCode, params: Record<string, unknown> = {}, severity: 'error' | 'warning' = 'error'): DefinitionIssue {
  return { pointer, code, severity, message: bilingual(ISSUE_MESSAGES[code], params) };
}

function metaIssue(error: SchemaError): DefinitionIssue {
  const params = { ...error.params, keyword: error.keyword } as Record<string, unknown>;
  // An error about a key's name (propertyNames) belongs at that key.
  if (typeof error.propertyName === 'string') {
    return issue(joinPointer(error.instancePath, error.propertyName), 'meta:property-name', { key: error.propertyName });
  }
  if (Array.isArray(params['allowedValues'])) params['allowedValues'] = (params['allowedValues'] as unknown[]).join(', ');
  if (Array.isArray(params['type'])) params['type'] = (params['type'] as unknown[]).join(' | ');
  const code = `meta:${error.keyword}` in ISSUE_MESSAGES ? (`meta:${error.keyword}` as IssueCode) : 'meta:other';
  return issue(schemaErrorPointer(error), code, params);
}

/** Meta-schema errors without the noise of combinator branches ("anyOf/0/…") when a plainer error exists. */
function metaIssues(errors: readonly SchemaError[]): DefinitionIssue[] {
  const seen = new Set<string>();
  const issues: DefinitionIssue[] = [];
  for (const error of errors) {
    if (error.keyword === 'propertyNames' || error.keyword === 'if') continue;
    const mapped = metaIssue(error);
    const key = `${mapped.pointer} ${mapped.code}`;
    if (!seen.has(key)) { seen.add(key); issues.push(mapped); }
  }
  return issues;
}

/** Every localized text a definition holds, with its pointer. */
function* localizedTexts(definition: ServiceDefinition): Generator<[string, LocalizedText]> {
  const optional = function* (pointer: string, text: LocalizedText | undefined): Generator<[string, LocalizedText]> {
    if (text) yield [pointer, text];
  };
  const record = function* (pointer: string, texts: Readonly<Record<string, LocalizedText>> | undefined): Generator<[string, LocalizedText]> {
    for (const [key, text] of Object.entries(texts ?? {})) yield [joinPointer(pointer, key), text];
  };
  yield ['/title', definition.title];
  yield ['/description', definition.description];
  yield* optional('/nextSteps', definition.nextSteps);
  yield* optional('/handlingTime/description', definition.handlingTime.description);
  for (const [index, status] of definition.statuses.entries()) {
    yield [`/statuses/${index}/label`, status.label];
    yield* optional(`/statuses/${index}/description`, status.description);
  }
  for (const key of ['controller', 'contact', 'dpo', 'purpose', 'legalBasis', 'retention', 'recipients', 'rights', 'summary'] as const) {
    yield* optional(`/privacy/${key}`, definition.privacy[key]);
  }
  for (const [index, step] of definition.ui.steps.entries()) {
    yield [`/ui/steps/${index}/title`, step.title];
    yield* optional(`/ui/steps/${index}/description`, step.description);
  }
  for (const [key, field] of Object.entries(definition.ui.fields)) {
    const base = joinPointer('/ui/fields', key);
    yield [`${base}/label`, field.label];
    yield* optional(`${base}/help`, field.help);
    yield* optional(`${base}/placeholder`, field.placeholder);
    yield* record(`${base}/options`, field.options);
    yield* record(`${base}/messages`, field.messages);
  }
  yield* record('/messages', definition.messages);
  yield* record('/feedback/wording', definition.feedback?.wording);
}

/**
 * The answer fields a rule condition names through `properties` and `required`, nested
 * objects included: a misspelt name makes a rule that never holds, silently.
 */
function conditionFields(when: unknown, base: string, field = ''): { pointer: string; field: string }[] {
  if (typeof when !== 'object' || when === null || Array.isArray(when)) return [];
  const condition = when as Record<string, unknown>;
  const found: { pointer: string; field: string }[] = [];
  const required = Array.isArray(condition['required']) ? condition['required'] : [];
  required.forEach((name, index) => {
    if (typeof name === 'string') found.push({ pointer: `${base}/required/${index}`, field: joinPointer(field, name) });
  });
  const properties = condition['properties'];
  if (typeof properties === 'object' && properties !== null && !Array.isArray(properties)) {
    for (const [name, sub] of Object.entries(properties)) {
      const pointer = joinPointer(`${base}/properties`, name);
      found.push({ pointer, field: joinPointer(field, name) }, ...conditionFields(sub, pointer, joinPointer(field, name)));
    }
  }
  return found;
}

/** The pointer itself and every pointer above it, e.g. /a/b → /a/b, /a. */
function ancestorsOf(pointer: string): string[] {
  const found: string[] = [];
  for (let current = pointer; current !== ''; current = current.slice(0, current.lastIndexOf('/'))) found.push(current);
  return found;
}

function duplicates(ids: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return repeated;
}

/** Checks that need the whole definition: references between its parts, translations, widgets, formats. */
function semanticIssues(definition: ServiceDefinition, options: LoadOptions): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const schema = definition.schema as Record<string, unknown>;
  const properties = schema['properties'];
  if (schema['type'] !== 'object' || typeof properties !== 'object' || properties === null || Array.isArray(properties)) {
    return [issue('/schema', 'schema-not-object')];
  }
  // Unknown formats first: ajv would refuse them too, but only this says where they are.
  for (const { pointer, format } of formatsUsed(definition.schema, '/schema')) {
    if (!KNOWN_FORMATS.has(format)) issues.push(issue(pointer, 'unknown-format', { format }));
  }
  for (const { pointer, keyword } of keywordsUsed(definition.schema, UNSUPPORTED_KEYWORDS, '/schema')) {
    issues.push(issue(pointer, 'unsupported-keyword', { keyword }));
  }
  if (issues.length > 0) return issues;
  if (options.checkSchema) {
    const problem = options.checkSchema(definition.schema);
    if (problem) return [issue('/schema', 'invalid-schema', { detail: problem })];
  }

  const fields = listFields(definition.schema);
  const fieldPointers = new Set(fields.map((field) => field.pointer));
  const requireField = (where: string, field: string) => {
    if (!fieldPointers.has(field)) issues.push(issue(where, 'unknown-field', { field }));
  };

  if (!definition.languages.includes(definition.defaultLanguage)) {
    issues.push(issue('/defaultLanguage', 'default-language-not-declared', { language: definition.defaultLanguage }));
  }
  for (const [pointer, text] of localizedTexts(definition)) {
    for (const language of definition.languages) {
      if (!text[language]) issues.push(issue(pointer, 'missing-translation', { language }));
    }
  }

  const checkDuplicateIds = (base: string, ids: readonly string[]) => {
    const repeated = duplicates(ids);
    ids.forEach((id, index) => {
      if (repeated.has(id) && ids.indexOf(id) !== index) issues.push(issue(`${base}/${index}/id`, 'duplicate-id', { id }));
    });
  };
  checkDuplicateIds('/statuses', definition.statuses.map((status) => status.id));
  checkDuplicateIds('/ui/steps', definition.ui.steps.map((step) => step.id));
  checkDuplicateIds('/ui/rules', (definition.ui.rules ?? []).map((rule) => rule.id));

  const stepIds = new Set(definition.ui.steps.map((step) => step.id));
  // A field counts as placed when it, an ancestor or a descendant is on a step.
  const placed = new Set<string>();
  const placedWithDescendants = new Set<string>();
  const isPlaced = (field: string) => ancestorsOf(field).some((pointer) => placed.has(pointer)) || placedWithDescendants.has(field);
  definition.ui.steps.forEach((step, stepIndex) => {
    step.fields.forEach((field, fieldIndex) => {
      const where = `/ui/steps/${stepIndex}/fields/${fieldIndex}`;
      requireField(where, field);
      if (INSIDE_ARRAY.test(field)) issues.push(issue(where, 'step-inside-array', { field }));
      if (isPlaced(field)) issues.push(issue(where, 'duplicate-step-field', { field }));
      placed.add(field);
      for (const ancestor of ancestorsOf(field)) placedWithDescendants.add(ancestor);
    });
  });
  for (const field of fields) {
    if (field.pointer.split('/').length === 2 && !isPlaced(field.pointer)) {
      issues.push(issue('/ui/steps', 'field-not-on-step', { field: field.pointer }));
    }
    if (!definition.ui.fields[field.pointer]) issues.push(issue('/ui/fields', 'missing-label', { field: field.pointer }));
  }

  for (const [key, ui] of Object.entries(definition.ui.fields)) {
    const where = joinPointer('/ui/fields', key);
    const fieldSchema = schemaAt(definition.schema, key);
    if (!fieldSchema) { issues.push(issue(where, 'unknown-field', { field: key })); continue; }
    if (ui.widget) {
      const fit = widgetFits(ui.widget, fieldSchema);
      if (!fit) issues.push(issue(`${where}/widget`, 'unknown-widget', { widget: ui.widget }, 'warning'));
      else if (!fit.fits) issues.push(issue(`${where}/widget`, 'widget-mismatch', { widget: ui.widget, expected: fit.expected }));
    }
    const items = fieldSchema['items'] as Record<string, unknown> | undefined;
    const choices = Array.isArray(fieldSchema['enum']) ? fieldSchema['enum'] : Array.isArray(items?.['enum']) ? (items['enum'] as unknown[]) : [];
    for (const choice of choices) {
      if (typeof choice !== 'boolean' && !(ui.options && Object.prototype.hasOwnProperty.call(ui.options, String(choice)))) issues.push(issue(`${where}/options`, 'missing-option-label', { option: String(choice) }));
    }
  }

  (definition.ui.rules ?? []).forEach((rule, ruleIndex) => {
    const base = `/ui/rules/${ruleIndex}`;
    rule.fields?.forEach((field, index) => {
      requireField(`${base}/fields/${index}`, field);
      if (INSIDE_ARRAY.test(field)) issues.push(issue(`${base}/fields/${index}`, 'rule-inside-array', { field }));
    });
    rule.steps?.forEach((step, index) => {
      if (!stepIds.has(step)) issues.push(issue(`${base}/steps/${index}`, 'unknown-step', { step }));
    });
    for (const { pointer, field } of conditionFields(rule.when, `${base}/when`)) {
      if (!fieldPointers.has(field)) issues.push(issue(pointer, 'condition-unknown-field', { field }, 'warning'));
    }
    if (options.checkSchema) {
      const problem = options.checkSchema(rule.when);
      if (problem) issues.push(issue(`${base}/when`, 'invalid-schema', { detail: problem }));
    }
    for (const { pointer, format } of formatsUsed(rule.when, `${base}/when`)) {
      if (!KNOWN_FORMATS.has(format)) issues.push(issue(pointer, 'unknown-format', { format }));
    }
    for (const { pointer, keyword } of keywordsUsed(rule.when, UNSUPPORTED_KEYWORDS, `${base}/when`)) {
      issues.push(issue(pointer, 'unsupported-keyword', { keyword }));
    }
  });

  checkDuplicateIds('/dateRules', (definition.dateRules ?? []).map((rule) => rule.id));
  (definition.dateRules ?? []).forEach((rule, index) => {
    const base = `/dateRules/${index}`;
    requireField(`${base}/field`, rule.field);
    const target = schemaAt(definition.schema, rule.field);
    if (target && target['format'] !== 'date') issues.push(issue(`${base}/field`, 'date-rule-not-date', { field: rule.field }));
    for (const side of ['notBefore', 'notAfter'] as const) {
      const bound = rule[side];
      if (bound && 'field' in bound) requireField(`${base}/${side}/field`, bound.field);
    }
  });

  const roles = definition.roles ?? {};
  for (const [role, value] of Object.entries(roles)) {
    if (typeof value === 'string') requireField(`/roles/${role}`, value);
    else for (const [part, pointer] of Object.entries(value ?? {})) if (typeof pointer === 'string') requireField(`/roles/${role}/${part}`, pointer);
  }
  definition.privacy.personalData.forEach((field, index) => requireField(`/privacy/personalData/${index}`, field));
  definition.privacy.sensitive.forEach((field, index) => requireField(`/privacy/sensitive/${index}`, field));
  const serviceCode = definition.open311?.serviceCode;
  if (serviceCode && 'field' in serviceCode) requireField('/open311/serviceCode/field', serviceCode.field);
  for (const [code, pointer] of Object.entries(definition.open311?.attributes ?? {})) requireField(joinPointer('/open311/attributes', code), pointer);
  return issues;
}

/**
 * Loads a definition from JSON text or a parsed value. Never throws: it returns the
 * definition with its content hash, or every error found, each with a pointer and sv/en text.
 */
export function loadDefinition(input: unknown, options: LoadOptions = {}): LoadResult {
  const fail = (errors: DefinitionIssue[], warnings: DefinitionIssue[] = []): LoadResult => ({ ok: false, errors, warnings });
  try {
    let value = input;
    if (typeof input === 'string') {
      const parsed = parseJsonText(input);
      if (!parsed.ok) return fail([issue('', parsed.problem, { detail: parsed.detail, limit: parsed.detail })]);
      value = parsed.value;
    }
    const problem = guardJsonValue(value);
    if (problem) return fail([issue(problem.pointer, problem.code, problem)]);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail([issue('', 'not-an-object')]);
    if (!checkDefinitionShape(value)) return fail(metaIssues(checkDefinitionShape.errors ?? []));
    const definition = value as ServiceDefinition;
    const issues = semanticIssues(definition, options);
    const errors = issues.filter((found) => found.severity === 'error');
    const warnings = issues.filter((found) => found.severity === 'warning');
    if (errors.length > 0) return fail(errors, warnings);
    return { ok: true, definition, hash: definitionHash(definition), warnings };
  } catch (error) {
    // A checker bug or a hostile getter must still not escape as an exception.
    return fail([issue('', 'internal-error', { detail: error instanceof Error ? error.message.slice(0, 200) : 'unknown error' })]);
  }
}
