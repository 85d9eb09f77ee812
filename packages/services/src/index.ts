/**
 * @eservice-kit/services: the built-in e-service definitions (JSON files in `definitions/`)
 * with their sample answers (`samples/`), and Node helpers that load them through core's
 * strict loader. Browsers fetch the JSON (or the precompiled validators) instead.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DefinitionIssue, LoadedDefinition } from '@eservice-kit/core';
import { loadDefinitionStrict } from '@eservice-kit/core/compile';

/** The ids of the definitions this package ships, in catalogue order. */
/**
 * The date the sample answers were written for: evaluate them with `{ today: SAMPLE_TODAY }`,
 * since date rules (lead times, certificate validity) are relative to today.
 */
export const SAMPLE_TODAY = '2026-05-01';

export const BUILT_IN_SERVICE_IDS = ['fault-report', 'complaint', 'civil-wedding', 'accessibility-report'] as const;

export type BuiltInServiceId = (typeof BUILT_IN_SERVICE_IDS)[number];

/** A loaded built-in definition: core's result plus the loader's warnings (unknown widgets). */
export interface BuiltInDefinition extends LoadedDefinition {
  readonly warnings: readonly DefinitionIssue[];
}

/** Answers that must pass; `prunes` lists fields the answers carry that must be removed as hidden. */
export interface ValidSample {
  readonly name: string;
  readonly answers: Record<string, unknown>;
  readonly prunes?: readonly string[];
}

/** Answers that must fail at exactly `pointer`, with `keyword` among the errors there. */
export interface InvalidSample {
  readonly name: string;
  readonly answers: Record<string, unknown>;
  readonly pointer: string;
  readonly keyword: string;
}

export interface BuiltInSamples {
  readonly valid: readonly ValidSample[];
  readonly invalid: readonly InvalidSample[];
}

// Literal URLs (not built from the id) so bundlers can see which files are used.
const DEFINITION_URLS: Readonly<Record<BuiltInServiceId, () => URL>> = {
  'fault-report': () => new URL('../definitions/fault-report.json', import.meta.url),
  complaint: () => new URL('../definitions/complaint.json', import.meta.url),
  'civil-wedding': () => new URL('../definitions/civil-wedding.json', import.meta.url),
  'accessibility-report': () => new URL('../definitions/accessibility-report.json', import.meta.url),
};

const SAMPLE_URLS: Readonly<Record<BuiltInServiceId, { readonly valid: () => URL; readonly invalid: () => URL }>> = {
  'fault-report': {
    valid: () => new URL('../samples/fault-report.valid.json', import.meta.url),
    invalid: () => new URL('../samples/fault-report.invalid.json', import.meta.url),
  },
  complaint: {
    valid: () => new URL('../samples/complaint.valid.json', import.meta.url),
    invalid: () => new URL('../samples/complaint.invalid.json', import.meta.url),
  },
  'civil-wedding': {
    valid: () => new URL('../samples/civil-wedding.valid.json', import.meta.url),
    invalid: () => new URL('../samples/civil-wedding.invalid.json', import.meta.url),
  },
  'accessibility-report': {
    valid: () => new URL('../samples/accessibility-report.valid.json', import.meta.url),
    invalid: () => new URL('../samples/accessibility-report.invalid.json', import.meta.url),
  },
};

export function isBuiltInServiceId(id: string): id is BuiltInServiceId {
  return (BUILT_IN_SERVICE_IDS as readonly string[]).includes(id);
}

function checkId(id: string): BuiltInServiceId {
  if (!isBuiltInServiceId(id)) {
    throw new Error(`Unknown built-in service "${id}". Built-in services: ${BUILT_IN_SERVICE_IDS.join(', ')}.`);
  }
  return id;
}

/** The file system path of a built-in definition's JSON file. */
export function builtInDefinitionPath(id: BuiltInServiceId): string {
  return fileURLToPath(DEFINITION_URLS[checkId(id)]());
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read ${what} (${path}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Loads a definition file with core's strict loader (meta-schema, cross-checks and ajv's
 * check of the embedded schemas). Throws an Error listing every problem, each with its
 * JSON Pointer, when the file cannot be read or the definition is broken, or when
 * `expectedId` is given and the file declares another id.
 */
export function loadDefinitionFile(path: string, expectedId?: string): BuiltInDefinition {
  const result = loadDefinitionStrict(readText(path, 'service definition'));
  if (!result.ok) {
    const problems = result.errors.map((issue) => `  ${issue.pointer || '(root)'}: ${issue.message.en} [${issue.code}]`);
    throw new Error(`Service definition ${path} is broken (${result.errors.length} error${result.errors.length === 1 ? '' : 's'}):\n${problems.join('\n')}`);
  }
  if (expectedId !== undefined && result.definition.id !== expectedId) {
    throw new Error(`Service definition ${path} declares id "${result.definition.id}", expected "${expectedId}".`);
  }
  return { definition: result.definition, hash: result.hash, warnings: result.warnings };
}

/** Loads one built-in definition strictly; throws a clear Error if it is broken. */
export function loadBuiltInDefinition(id: BuiltInServiceId): BuiltInDefinition {
  return loadDefinitionFile(builtInDefinitionPath(id), id);
}

/**
 * Loads every built-in definition strictly, keyed by id. Throws a clear Error naming the
 * file and every problem if a built-in is broken: that is a packaging bug, never a user error.
 */
export function loadBuiltInDefinitions(): Readonly<Record<BuiltInServiceId, BuiltInDefinition>> {
  const loaded = {} as Record<BuiltInServiceId, BuiltInDefinition>;
  for (const id of BUILT_IN_SERVICE_IDS) loaded[id] = loadBuiltInDefinition(id);
  return loaded;
}

function readSamples<T>(url: URL, what: string): T[] {
  const path = fileURLToPath(url);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path, what));
  } catch (error) {
    throw new Error(`Cannot parse ${what} (${path}): ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${what} (${path}) must be a JSON array.`);
  return parsed as T[];
}

/** The sample answers shipped with a built-in service: the ones that must pass and the ones that must fail. */
export function builtInSamples(id: BuiltInServiceId): BuiltInSamples {
  const urls = SAMPLE_URLS[checkId(id)];
  return {
    valid: readSamples<ValidSample>(urls.valid(), `valid samples of ${id}`),
    invalid: readSamples<InvalidSample>(urls.invalid(), `invalid samples of ${id}`),
  };
}
