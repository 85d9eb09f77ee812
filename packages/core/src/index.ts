/** @eservice-kit/core: DOM-free and eval-free; safe in browsers under a strict CSP. */
export type * from './definition/types.js';
export { loadDefinition, type DefinitionIssue, type LoadResult, type LoadOptions, type SchemaChecker } from './definition/load.js';
export { definitionHash, canonicalJson, DEFINITION_HASH_PATTERN } from './definition/hash.js';
export { DEFINITION_LIMITS } from './definition/guard.js';
export { listFields, schemaAt, type SchemaField } from './definition/schema-walk.js';
export { BUILT_IN_WIDGETS, widgetFits } from './definition/widgets.js';
export type { SchemaError, SchemaValidator } from './definition/meta-validate.js';
export { evaluate } from './rules/evaluate.js';
export type { CompiledDefinition, Evaluation, EvaluateOptions, FieldError } from './rules/types.js';
export { resolveValidationMessage } from './messages/resolve.js';
export { VALIDATION_MESSAGES, FALLBACK_VALIDATION_MESSAGE } from './messages/validation-messages.js';
export { resolveText, interpolate, UI_LOCALES, type UiLocale, type BilingualMessage } from './i18n/localized.js';
export * from './json-pointer.js';
export { KNOWN_FORMATS, FUNCTION_FORMATS } from './formats/registry.js';
export * from './formats/index.js';
export * from './calendar/index.js';
export { compiledFromModule, type PrecompiledModule } from './rules/precompiled.js';
export * from './case/index.js';
