import { addCalendarDays, addCalendarMonths } from '../calendar/index.js';
import { isDate } from '../formats/standard.js';
import type { DateBound, DateRule, ServiceDefinition } from '../definition/types.js';
import { getAtPointer, isWithin, joinPointer, parsePointer } from '../json-pointer.js';
import { resolveValidationMessage } from '../messages/resolve.js';
import type { FieldError } from './types.js';

/** The date a bound stands for, or undefined when its reference field holds no date. */
function boundDate(bound: DateBound, answers: unknown, today: string): string | undefined {
  const reference = 'field' in bound ? getAtPointer(answers, bound.field) : today;
  if (typeof reference !== 'string' || !isDate(reference)) return undefined;
  return addCalendarDays(addCalendarMonths(reference, bound.months ?? 0), bound.days ?? 0);
}

/** Concrete pointers of a field pattern in these answers: "*" becomes every index present. */
function concretePointers(pattern: string, answers: unknown): string[] {
  let pointers = [''];
  for (const segment of parsePointer(pattern)) {
    pointers = pointers.flatMap((pointer) => {
      if (segment !== '*') return [joinPointer(pointer, segment)];
      const list = getAtPointer(answers, pointer);
      return Array.isArray(list) ? list.map((_, index) => joinPointer(pointer, index)) : [];
    });
  }
  return pointers;
}

/**
 * Checks the definition's date rules (dates relative to today or to another answer,
 * which a static JSON Schema cannot say). Dates that are missing or malformed are left to
 * the schema; hidden fields were pruned before this runs.
 */
export function dateRuleErrors(definition: ServiceDefinition, answers: unknown, today: string, hiddenFields: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  for (const rule of definition.dateRules ?? []) {
    if ([...hiddenFields].some((hidden) => isWithin(rule.field, hidden))) continue;
    for (const pointer of concretePointers(rule.field, answers)) {
      const value = getAtPointer(answers, pointer);
      if (typeof value !== 'string' || !isDate(value)) continue;
      const error = check(definition, rule, pointer, value, answers, today);
      if (error) errors.push(error);
    }
  }
  return errors;
}

function check(definition: ServiceDefinition, rule: DateRule, pointer: string, value: string, answers: unknown, today: string): FieldError | undefined {
  const earliest = rule.notBefore && boundDate(rule.notBefore, answers, today);
  if (earliest && value < earliest) {
    return { pointer, keyword: 'dateNotBefore', message: resolveValidationMessage(definition, pointer, 'dateNotBefore', { limit: earliest }) };
  }
  const latest = rule.notAfter && boundDate(rule.notAfter, answers, today);
  if (latest && value > latest) {
    return { pointer, keyword: 'dateNotAfter', message: resolveValidationMessage(definition, pointer, 'dateNotAfter', { limit: latest }) };
  }
  return undefined;
}
