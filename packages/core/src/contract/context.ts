/** What the checks share: the client, the options, and what earlier checks learned. */
import type { Receipt, SubmitRequest } from '../case/types.js';
import type { CompiledDefinition } from '../rules/types.js';
import type { Http } from './http.js';
import type { ContractOptions } from './types.js';

export interface SuiteContext {
  readonly http: Http;
  readonly options: ContractOptions;
  readonly origin: string;
  readonly locale: string;
  /** From the options, else the first catalog entry. */
  serviceId?: string;
  /** From the catalog entry of `serviceId`. */
  catalogHash?: string;
  catalogVersion?: string;
  /** The definition as served, and its ETag. */
  definition?: Record<string, unknown>;
  etag?: string;
  /** The served validator.js, as core's compiledFromModule adapts it. */
  compiled?: CompiledDefinition;
  receipt?: Receipt;
  submitted?: { readonly key: string; readonly body: SubmitRequest };
}

export interface Check {
  readonly id: string;
  readonly name: string;
  /** Learns what later checks need (service, definition, receipt): runs even when not selected. */
  readonly provides?: boolean;
  run(context: SuiteContext): Promise<void>;
}

/** The definition hash and version learned so far (ETag wins over the catalog). */
export function currentDefinition(context: SuiteContext): { hash: string; version: string } | undefined {
  const hash = context.etag?.replace(/^"|"$/g, '') ?? context.catalogHash;
  const version = typeof context.definition?.version === 'string' ? context.definition.version : context.catalogVersion;
  return hash !== undefined && version !== undefined ? { hash, version } : undefined;
}
