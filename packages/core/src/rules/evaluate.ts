import { ANSWER_LIMITS, guardJsonValue } from '../definition/guard.js';
import { schemaErrorPointer, type SchemaError } from '../definition/schema-error.js';
import { listFields, type SchemaField } from '../definition/schema-walk.js';
import type { ServiceDefinition } from '../definition/types.js';
import { fieldKey, getAtPointer, isWithin, joinPointer, removeAtPointer } from '../json-pointer.js';
import { resolveValidationMessage } from '../messages/resolve.js';
import { stockholmDate } from '../calendar/index.js';
import { dateRuleErrors } from './date-rules.js';
import type { CompiledDefinition, Evaluation, EvaluateOptions, FieldError } from './types.js';

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function cloneJson<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Which rules hold for these answers. */
function activeRules(definition: ServiceDefinition, compiled: CompiledDefinition, answers: unknown): Set<string> {
  const active = new Set<string>();
  for (const rule of definition.ui.rules ?? []) {
    const condition = compiled.conditions[rule.id];
    if (condition?.(answers)) active.add(rule.id);
  }
  return active;
}

interface Visibility {
  readonly hiddenFields: Set<string>;
  readonly hiddenSteps: Set<string>;
  readonly ruleRequired: Set<string>;
}

/**
 * Applies the rules: a target of any `show` rule is hidden unless one holds; a `hide`
 * rule that holds hides; fields on hidden steps and inside hidden fields are hidden.
 */
function visibility(definition: ServiceDefinition, fields: readonly SchemaField[], active: ReadonlySet<string>): Visibility {
  const shownBy = new Map<string, boolean>();
  const hiddenTargets = new Set<string>();
  const ruleRequired = new Set<string>();
  for (const rule of definition.ui.rules ?? []) {
    const holds = active.has(rule.id);
    if (rule.effect === 'require') {
      // Requiring a step requires every field on it.
      const stepFields = definition.ui.steps.filter((step) => rule.steps?.includes(step.id)).flatMap((step) => step.fields);
      if (holds) for (const field of [...(rule.fields ?? []), ...stepFields]) ruleRequired.add(field);
      continue;
    }
    const targets = [...(rule.fields ?? []), ...(rule.steps ?? []).map((step) => `#${step}`)];
    for (const target of targets) {
      if (rule.effect === 'show') shownBy.set(target, (shownBy.get(target) ?? false) || holds);
      else if (holds) hiddenTargets.add(target);
    }
  }
  const targetHidden = (target: string) => shownBy.get(target) === false || hiddenTargets.has(target);
  const hiddenSteps = new Set(definition.ui.steps.filter((step) => targetHidden(`#${step.id}`)).map((step) => step.id));
  const hiddenRoots = [
    ...[...shownBy.keys(), ...hiddenTargets].filter((target) => !target.startsWith('#') && targetHidden(target)),
    ...definition.ui.steps.filter((step) => hiddenSteps.has(step.id)).flatMap((step) => step.fields),
  ];
  const hiddenFields = new Set(fields.map((field) => field.pointer).filter((pointer) => hiddenRoots.some((root) => isWithin(pointer, root))));
  return { hiddenFields, hiddenSteps, ruleRequired };
}

function prune(answers: unknown, hiddenFields: ReadonlySet<string>): Record<string, unknown> {
  const pruned = typeof answers === 'object' && answers !== null && !Array.isArray(answers) ? cloneJson(answers as Record<string, unknown>) : {};
  // Deepest first, so removing a parent never hides a child we still have to visit.
  for (const pointer of [...hiddenFields].sort((a, b) => b.length - a.length)) {
    if (!pointer.includes('/*')) removeAtPointer(pruned, pointer);
  }
  return pruned;
}

/**
 * ajv reports every failed branch of anyOf/oneOf and the `if` that selected a `then`; a
 * citizen needs one error per problem, so branch details and `if` markers are dropped.
 */
function isNoise(error: SchemaError): boolean {
  return error.keyword === 'if' || /\/(anyOf|oneOf)\/\d+\//.test(error.schemaPath);
}

/**
 * Whether an anyOf/oneOf error is only about hidden fields: every field its branches
 * require is hidden, so the citizen could not satisfy it and must not be blocked by it.
 */
function onlyAboutHiddenFields(definition: ServiceDefinition, error: SchemaError, hiddenFields: ReadonlySet<string>): boolean {
  if ((error.keyword !== 'anyOf' && error.keyword !== 'oneOf') || !error.schemaPath.startsWith('#')) return false;
  let branches: unknown;
  try {
    branches = getAtPointer(definition.schema, decodeURIComponent(error.schemaPath.slice(1)));
  } catch {
    return false;
  }
  if (!Array.isArray(branches)) return false;
  const named = branches.flatMap((branch) => {
    const required = (branch as { required?: unknown })?.required;
    return Array.isArray(required) ? required.filter((name): name is string => typeof name === 'string') : [];
  });
  const base = fieldKey(error.instancePath);
  return named.length > 0 && named.every((name) => [...hiddenFields].some((hidden) => isWithin(joinPointer(base, name), hidden)));
}

function fieldErrors(definition: ServiceDefinition, errors: readonly SchemaError[], hiddenFields: ReadonlySet<string>): FieldError[] {
  const found: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    if (isNoise(error) || onlyAboutHiddenFields(definition, error, hiddenFields)) continue;
    const pointer = schemaErrorPointer(error);
    const key = fieldKey(pointer);
    if ([...hiddenFields].some((hidden) => isWithin(key, hidden))) continue;
    const seenKey = `${pointer} ${error.keyword}`;
    if (seen.has(seenKey)) continue;
    seen.add(seenKey);
    found.push({ pointer, keyword: error.keyword, message: resolveValidationMessage(definition, pointer, error.keyword, error.params) });
  }
  return found;
}

// Per definition object (definitions are never changed once loaded), computed once:
// evaluate() runs on every keystroke in a browser.
const fieldLists = new WeakMap<ServiceDefinition, readonly SchemaField[]>();
const fieldOrders = new WeakMap<ServiceDefinition, ReadonlyMap<string, number>>();

function fieldsOf(definition: ServiceDefinition): readonly SchemaField[] {
  let fields = fieldLists.get(definition);
  if (!fields) fieldLists.set(definition, (fields = listFields(definition.schema)));
  return fields;
}

/** Each field's position in the order the citizen meets the fields (by step). */
function fieldOrder(definition: ServiceDefinition, fields: readonly SchemaField[]): ReadonlyMap<string, number> {
  let order = fieldOrders.get(definition) as Map<string, number> | undefined;
  if (order) return order;
  order = new Map<string, number>();
  for (const onStep of definition.ui.steps.flatMap((step) => step.fields)) {
    for (const field of fields) if (isWithin(field.pointer, onStep) && !order.has(field.pointer)) order.set(field.pointer, order.size);
  }
  for (const field of fields) if (!order.has(field.pointer)) order.set(field.pointer, order.size);
  fieldOrders.set(definition, order);
  return order;
}

/** Sorts errors in the order the citizen meets the fields (by step), as the error summary lists them. */
function sortByStepOrder(definition: ServiceDefinition, fields: readonly SchemaField[], errors: FieldError[]): void {
  const order = fieldOrder(definition, fields);
  const position = (pointer: string) => order.get(fieldKey(pointer)) ?? fields.length;
  errors.sort((a, b) => position(a.pointer) - position(b.pointer));
}

/** The evaluation of answers that cannot be processed at all: nothing visible, one error. */
function rejected(definition: ServiceDefinition, pointer: string, keyword: string): Evaluation {
  const error = { pointer, keyword, message: resolveValidationMessage(definition, pointer, keyword) };
  return { visibleFields: [], hiddenFields: [], visibleSteps: [], requiredFields: [], activeRules: [], pruned: {}, errors: [error], valid: false };
}

/** Rules settle in a few rounds: conditions see the answers as pruned by the previous round. */
const MAX_ROUNDS = 8;

/**
 * The one evaluation of a definition against answers, shared by browser and server:
 * what is visible, what is required, the pruned answers and the errors. Hidden fields are
 * dropped, never a reason to reject.
 */
export function evaluate(definition: ServiceDefinition, compiled: CompiledDefinition, answers: unknown, options: EvaluateOptions = {}): Evaluation {
  const unsafe = guardJsonValue(answers, ANSWER_LIMITS);
  if (unsafe) return rejected(definition, unsafe.pointer, unsafe.code);
  const fields = fieldsOf(definition);
  let active = activeRules(definition, compiled, answers);
  let view = visibility(definition, fields, active);
  let pruned = prune(answers, view.hiddenFields);
  for (let round = 1; round < MAX_ROUNDS; round++) {
    const next = activeRules(definition, compiled, pruned);
    if ([...next].sort().join() === [...active].sort().join()) break;
    active = next;
    view = visibility(definition, fields, active);
    pruned = prune(answers, view.hiddenFields);
  }

  const visibleFields = fields.map((field) => field.pointer).filter((pointer) => !view.hiddenFields.has(pointer));
  const parentPresent = (pointer: string) => {
    const parent = pointer.slice(0, pointer.lastIndexOf('/'));
    return parent === '' || parent.includes('/*') || getAtPointer(pruned, parent) !== undefined;
  };
  const requiredFields = fields
    .filter((field) => !view.hiddenFields.has(field.pointer))
    .filter((field) => (field.requiredByParent && parentPresent(field.pointer)) || view.ruleRequired.has(field.pointer))
    .map((field) => field.pointer);

  // A validator that does not answer true or false (e.g. a promise) has validated nothing.
  const verdict: unknown = compiled.validate(pruned);
  if (typeof verdict !== 'boolean') return rejected(definition, '', 'validator');
  const errors = verdict ? [] : fieldErrors(definition, compiled.validate.errors ?? [], view.hiddenFields);
  const today = options.today ?? stockholmDate(new Date());
  for (const error of dateRuleErrors(definition, pruned, today, view.hiddenFields)) {
    if (!errors.some((other) => other.pointer === error.pointer)) errors.push(error);
  }
  for (const pointer of view.ruleRequired) {
    if (view.hiddenFields.has(pointer) || !isEmpty(getAtPointer(pruned, pointer))) continue;
    if (errors.some((error) => error.pointer === pointer && error.keyword === 'required')) continue;
    errors.push({ pointer, keyword: 'required', message: resolveValidationMessage(definition, pointer, 'required') });
  }
  sortByStepOrder(definition, fields, errors);
  return {
    visibleFields,
    hiddenFields: [...view.hiddenFields],
    visibleSteps: definition.ui.steps.map((step) => step.id).filter((id) => !view.hiddenSteps.has(id)),
    requiredFields,
    activeRules: [...active],
    pruned,
    errors,
    valid: errors.length === 0,
  };
}
