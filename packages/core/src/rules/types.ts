import type { BilingualMessage } from '../i18n/localized.js';
import type { SchemaValidator } from '../definition/meta-validate.js';

/**
 * The executable half of a definition version: its answer validator and one check per
 * rule condition. Runtime ajv (server, CLI) and precompiled modules (browser) both give this.
 */
export interface CompiledDefinition {
  readonly hash: string;
  readonly validate: SchemaValidator;
  readonly conditions: Readonly<Record<string, SchemaValidator>>;
}

/** A validation error on one field, ready to show: the contract's `errors[]` entry. */
export interface FieldError {
  readonly pointer: string;
  readonly keyword: string;
  readonly message: BilingualMessage;
}

export interface EvaluateOptions {
  /** Today's date (YYYY-MM-DD) for date rules; defaults to the date in Europe/Stockholm now. */
  readonly today?: string;
}

/** What one definition says about one set of answers. */
export interface Evaluation {
  /** Field pointers the citizen sees (array item fields as "*"). */
  readonly visibleFields: readonly string[];
  readonly hiddenFields: readonly string[];
  readonly visibleSteps: readonly string[];
  /** Visible fields that must be answered. */
  readonly requiredFields: readonly string[];
  /** Ids of rules whose condition holds. */
  readonly activeRules: readonly string[];
  /** The answers with hidden fields removed: what is validated and what is sent. */
  readonly pruned: Record<string, unknown>;
  readonly errors: readonly FieldError[];
  readonly valid: boolean;
}
