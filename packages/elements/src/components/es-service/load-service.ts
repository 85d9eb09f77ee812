// Turns the element's inputs (service + api, src, or definition + validator) into a
// checked definition and its precompiled validator, or a failure the element shows.
import { compiledFromModule } from '@eservice-kit/core';
import type { CompiledDefinition, DefinitionIssue, LoadResult, PrecompiledModule, ServiceDefinition, Transport } from '@eservice-kit/core';

type Checker = (input: unknown) => LoadResult;

/** The definition checker, from its own chunk (see definition-checker.ts). */
export async function definitionChecker(): Promise<Checker> {
  return (await import('./definition-checker.js')).loadDefinition;
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

const failure = (code: LoadFailureCode, details: Record<string, unknown> = {}): LoadFailure => ({ ok: false, code, details });

function isModule(value: unknown): value is PrecompiledModule {
  return typeof value === 'object' && value !== null && typeof (value as PrecompiledModule).validate === 'function';
}

async function importValidator(url: string): Promise<unknown> {
  // The URL is a runtime value: bundlers must leave this import alone.
  return import(/* @vite-ignore */ /* webpackIgnore: true */ url);
}

function checked(loadDefinition: Checker, definition: unknown, validator: unknown, validatorSource: string): LoadOutcome {
  const result = loadDefinition(definition);
  if (!result.ok) return failure('definition-invalid', { errors: result.errors, warnings: result.warnings });
  if (!isModule(validator)) return failure('validator-missing', { validator: validatorSource });
  const compiled = compiledFromModule(validator, result.hash);
  if (!compiled) return failure('validator-mismatch', { expected: result.hash, found: validator.hash, validator: validatorSource });
  return { ok: true, definition: result.definition, hash: result.hash, compiled, warnings: result.warnings };
}

/** The checker, or the failure to show when its chunk cannot be loaded (the bundle's folder is unreachable). */
async function checkerOrFailure(checker: Promise<Checker>): Promise<Checker | LoadFailure> {
  try {
    return await checker;
  } catch (error) {
    return failure('api-unreachable', { chunk: 'definition-checker', message: String(error) });
  }
}

async function fromServer(checker: Promise<Checker>, service: string, transport: Transport, signal: AbortSignal): Promise<LoadOutcome> {
  const fetched = await transport.getDefinition(service, { signal });
  if (!fetched.ok) {
    if (fetched.kind === 'not-found') return failure('service-not-found', { service, status: fetched.status });
    return failure('api-unreachable', { service, kind: fetched.kind, status: fetched.status, message: fetched.message });
  }
  if (fetched.value.notModified) return failure('api-unreachable', { service, message: 'unexpected 304' });
  const loadDefinition = await checkerOrFailure(checker);
  if (typeof loadDefinition !== 'function') return loadDefinition;
  const result = loadDefinition(fetched.value.definition);
  if (!result.ok) return failure('definition-invalid', { service, errors: result.errors, warnings: result.warnings });
  const url = transport.getValidatorModuleUrl(service, result.hash);
  try {
    return checked(loadDefinition, result.definition, await importValidator(url), url);
  } catch (error) {
    return failure('validator-missing', { validator: url, message: String(error) });
  }
}

async function fromFile(checker: Promise<Checker>, src: string, signal: AbortSignal): Promise<LoadOutcome> {
  const url = new URL(src, document.baseURI);
  let definition: unknown;
  try {
    const response = await fetch(url, { signal, credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (response.status === 404 || response.status === 410) return failure('service-not-found', { src: url.href, status: response.status });
    if (!response.ok) return failure('api-unreachable', { src: url.href, status: response.status });
    definition = await response.text();
  } catch (error) {
    if (signal.aborted) throw error;
    return failure('api-unreachable', { src: url.href, message: String(error) });
  }
  const loadDefinition = await checkerOrFailure(checker);
  if (typeof loadDefinition !== 'function') return loadDefinition;
  const validatorUrl = url.href.replace(/(\.json)?([?#].*)?$/, '.validator.js');
  let validator: unknown;
  try {
    validator = await importValidator(validatorUrl);
  } catch (error) {
    // Report the definition's own problems first: they explain a missing validator.
    const result = loadDefinition(definition);
    if (!result.ok) return failure('definition-invalid', { src: url.href, errors: result.errors });
    return failure('validator-missing', { validator: validatorUrl, message: String(error) });
  }
  return checked(loadDefinition, definition, validator, validatorUrl);
}

/**
 * Loads what the element was given, in this order: a `definition` object (with a
 * `validator` module), a `src` URL (with `<name>.validator.js` beside it), or a
 * `service` from the transport. Never throws, except an AbortError when `signal` aborts.
 */
export async function loadService(source: ServiceSource): Promise<LoadOutcome> {
  // Awaited only where needed, so fetching the definition and loading the checker overlap.
  const checker = definitionChecker();
  checker.catch(() => undefined); // a failure is reported where it is awaited
  if (source.definition !== undefined && source.definition !== null) {
    const loadDefinition = await checkerOrFailure(checker);
    if (typeof loadDefinition !== 'function') return loadDefinition;
    return checked(loadDefinition, source.definition, source.validator, 'validator property');
  }
  if (source.src) return fromFile(checker, source.src, source.signal);
  if (source.service && source.transport) return fromServer(checker, source.service, source.transport, source.signal);
  return failure('missing-configuration', {
    message: 'Set service and api, src, or the definition and validator properties.',
  });
}
