// Turns the element's inputs (service + api, src, or definition + validator) into a
// checked definition and its precompiled validator, or a failure the element shows.
import { compiledFromModule } from '@eservice-kit/core';
import type { CompiledDefinition, DefinitionIssue, LoadResult, PrecompiledModule, ServiceDefinition, Transport } from '@eservice-kit/core';

type Hash = (definition: unknown) => string;

/** Core's full definition check, from its own chunk (see definition-checker.ts). */
export async function definitionChecker(): Promise<(input: unknown) => LoadResult> {
  return (await import('./definition-checker.js')).loadDefinition;
}

/** Core's definition hash, from a small chunk (see definition-hash.ts). */
export async function definitionHasher(): Promise<Hash> {
  return (await import('./definition-hash.js')).definitionHash as Hash;
}

/** Why an `<es-service>` cannot show its form; the `code` of `es-error`. */
export type LoadFailureCode =
  | 'missing-configuration'
  | 'service-not-found'
  | 'api-unreachable'
  | 'definition-invalid'
  | 'validator-missing'
  | 'validator-mismatch';

export interface LoadedService {
  readonly ok: true;
  readonly definition: ServiceDefinition;
  readonly hash: string;
  readonly compiled: CompiledDefinition;
  readonly warnings: readonly DefinitionIssue[];
}

export interface LoadFailure {
  readonly ok: false;
  readonly code: LoadFailureCode;
  /** For `es-error` details and the console: what exactly went wrong (not shown as is). */
  readonly details: Readonly<Record<string, unknown>>;
}

export type LoadOutcome = LoadedService | LoadFailure;

export interface ServiceSource {
  readonly service?: string | undefined;
  readonly transport?: Transport | undefined;
  readonly src?: string | undefined;
  readonly definition?: unknown;
  readonly validator?: unknown;
  readonly signal: AbortSignal;
}

/** JSON text parsed for the fast path; unparsable text stays text for the full check to explain. */
function parseOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const failure = (code: LoadFailureCode, details: Record<string, unknown> = {}): LoadFailure => ({ ok: false, code, details });

function isModule(value: unknown): value is PrecompiledModule {
  return typeof value === 'object' && value !== null && typeof (value as PrecompiledModule).validate === 'function';
}

async function importValidator(url: string): Promise<unknown> {
  // The URL is a runtime value: bundlers must leave this import alone.
  return import(/* @vite-ignore */ /* webpackIgnore: true */ url);
}

/**
 * A validator module is made only from a definition that passed the strict loader (the
 * precompile CLI and the server both load strictly first), and it carries that
 * definition's hash. When the hashes agree, the definition is that one, already checked:
 * the full check (the slow part of a first render) is skipped. Anything else goes
 * through the full check, which explains what is wrong.
 */
function matchesValidator(hash: Hash, definition: unknown, validator: unknown): definition is ServiceDefinition {
  if (!isModule(validator) || typeof validator.hash !== 'string') return false;
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) return false;
  try {
    return hash(definition) === validator.hash;
  } catch {
    return false; // cycles, hostile getters, absurd depth: the full check reports them
  }
}

/** The full check, or the failure to show when its chunk cannot be loaded. */
async function fullCheck(definition: unknown): Promise<LoadResult | LoadFailure> {
  try {
    return (await definitionChecker())(definition);
  } catch (error) {
    return failure('api-unreachable', { chunk: 'definition-checker', message: String(error) });
  }
}

const unreachable = (result: LoadResult | LoadFailure): result is LoadFailure => 'code' in result;

/** The definition with its validator: recognised by hash, else fully checked to say what is wrong. */
async function checked(hash: Hash, definition: unknown, validator: unknown, validatorSource: string): Promise<LoadOutcome> {
  if (matchesValidator(hash, definition, validator)) {
    const compiled = compiledFromModule(validator as PrecompiledModule, (validator as PrecompiledModule).hash)!;
    return { ok: true, definition, hash: compiled.hash, compiled, warnings: [] };
  }
  const result = await fullCheck(definition);
  if (unreachable(result)) return result;
  if (!result.ok) return failure('definition-invalid', { errors: result.errors, warnings: result.warnings });
  return withValidator(result, validator, validatorSource);
}

/** A fully checked definition with its validator module, or why they do not belong together. */
function withValidator(result: LoadResult & { ok: true }, validator: unknown, validatorSource: string): LoadOutcome {
  if (!isModule(validator)) return failure('validator-missing', { validator: validatorSource });
  const compiled = compiledFromModule(validator, result.hash);
  if (!compiled) return failure('validator-mismatch', { expected: result.hash, found: validator.hash, validator: validatorSource });
  return { ok: true, definition: result.definition, hash: result.hash, compiled, warnings: result.warnings };
}

/** The hash function, or the failure to show when its chunk cannot be loaded (the bundle's folder is unreachable). */
async function hashOrFailure(hasher: Promise<Hash>): Promise<Hash | LoadFailure> {
  try {
    return await hasher;
  } catch (error) {
    return failure('api-unreachable', { chunk: 'definition-hash', message: String(error) });
  }
}

async function fromServer(hasher: Promise<Hash>, service: string, transport: Transport, signal: AbortSignal): Promise<LoadOutcome> {
  const fetched = await transport.getDefinition(service, { signal });
  if (!fetched.ok) {
    if (fetched.kind === 'not-found') return failure('service-not-found', { service, status: fetched.status });
    return failure('api-unreachable', { service, kind: fetched.kind, status: fetched.status, message: fetched.message });
  }
  if (fetched.value.notModified) return failure('api-unreachable', { service, message: 'unexpected 304' });
  const hash = await hashOrFailure(hasher);
  if (typeof hash !== 'function') return hash;
  const definition = fetched.value.definition;
  // The version the server names (ETag) first: its validator proves the definition checked.
  const named = await importValidator(transport.getValidatorModuleUrl(service, fetched.value.hash)).catch(() => undefined);
  if (matchesValidator(hash, definition, named)) return checked(hash, definition, named, 'server');
  const result = await fullCheck(definition);
  if (unreachable(result)) return result;
  if (!result.ok) return failure('definition-invalid', { service, errors: result.errors, warnings: result.warnings });
  const url = transport.getValidatorModuleUrl(service, result.hash);
  try {
    // Already checked in full: only the validator remains to be matched.
    return withValidator(result, await importValidator(url), url);
  } catch (error) {
    return failure('validator-missing', { validator: url, message: String(error) });
  }
}

async function fromFile(hasher: Promise<Hash>, src: string, signal: AbortSignal): Promise<LoadOutcome> {
  const url = new URL(src, document.baseURI);
  let text: string;
  try {
    const response = await fetch(url, { signal, credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.status === 404 || response.status === 410) return failure('service-not-found', { src: url.href, status: response.status });
    if (!response.ok) return failure('api-unreachable', { src: url.href, status: response.status });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    return failure('api-unreachable', { src: url.href, message: String(error) });
  }
  const hash = await hashOrFailure(hasher);
  if (typeof hash !== 'function') return hash;
  const validatorUrl = url.href.replace(/(\.json)?([?#].*)?$/, '.validator.js');
  let validator: unknown;
  try {
    validator = await importValidator(validatorUrl);
  } catch (error) {
    // Report the definition's own problems first: they explain a missing validator.
    const result = await fullCheck(text);
    if (unreachable(result)) return result;
    if (!result.ok) return failure('definition-invalid', { src: url.href, errors: result.errors });
    return failure('validator-missing', { validator: validatorUrl, message: String(error) });
  }
  return checked(hash, parseOrText(text), validator, validatorUrl);
}

/**
 * Loads what the element was given, in this order: a `definition` object (with a
 * `validator` module), a `src` URL (with `<name>.validator.js` beside it), or a
 * `service` from the transport. Never throws, except an AbortError when `signal` aborts.
 */
export async function loadService(source: ServiceSource): Promise<LoadOutcome> {
  // Awaited only where needed, so fetching the definition and loading the hash overlap.
  const hasher = definitionHasher();
  hasher.catch(() => undefined); // a failure is reported where it is awaited
  if (source.definition !== undefined && source.definition !== null) {
    const hash = await hashOrFailure(hasher);
    if (typeof hash !== 'function') return hash;
    return checked(hash, source.definition, source.validator, 'validator property');
  }
  if (source.src) return fromFile(hasher, source.src, source.signal);
  if (source.service && source.transport) return fromServer(hasher, source.service, source.transport, source.signal);
  return failure('missing-configuration', {
    message: 'Set service and api, src, or the definition and validator properties.',
  });
}
