import { createHash } from 'node:crypto';
import { summarizeService, type DefinitionIssue, type LoadedDefinition, type ServiceDefinition, type ServiceSummary } from '@eservice-kit/core';
import { loadDefinitionStrict, precompileDefinition } from '@eservice-kit/core/compile';

/** One definition version the server can serve, with its precompiled validator module. */
export interface CatalogVersion {
  readonly definition: ServiceDefinition;
  readonly hash: string;
  /** JSON text served for GET /api/services/{id}; the ETag is the hash. */
  readonly json: string;
  readonly validatorSource: string;
  /** The module's own content hash: it changes when the precompiler does, the definition not. */
  readonly validatorEtag: string;
}

export type AddResult =
  | { readonly ok: true; readonly version: CatalogVersion; readonly warnings: readonly DefinitionIssue[] }
  | { readonly ok: false; readonly errors: readonly DefinitionIssue[] };

/**
 * A tenant's enabled services. Adding a definition loads it strictly and precompiles its
 * validator once; older versions stay reachable by hash so old cases can still be shown.
 */
export class ServiceCatalog {
  private readonly current = new Map<string, CatalogVersion>();
  private readonly byHash = new Map<string, CatalogVersion>();

  add(input: unknown): AddResult {
    const loaded = loadDefinitionStrict(input);
    if (!loaded.ok) return { ok: false, errors: loaded.errors };
    let version: CatalogVersion;
    try {
      version = this.versionOf(loaded);
    } catch (error) {
      // The definition loaded but cannot become a validator module: refuse it, never serve it half.
      const detail = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
      return { ok: false, errors: [{ pointer: '/schema', code: 'invalid-schema', severity: 'error', message: { sv: `Validatorn kunde inte skapas: ${detail}`, en: `The validator could not be made: ${detail}` } }] };
    }
    this.current.set(loaded.definition.id, version);
    this.byHash.set(loaded.hash, version);
    return { ok: true, version, warnings: loaded.warnings };
  }

  private versionOf(loaded: LoadedDefinition): CatalogVersion {
    const known = this.byHash.get(loaded.hash);
    if (known) return known;
    const validatorSource = precompileDefinition(loaded);
    const validatorEtag = `"${createHash('sha256').update(validatorSource).digest('base64url')}"`;
    return { definition: loaded.definition, hash: loaded.hash, json: JSON.stringify(loaded.definition), validatorSource, validatorEtag };
  }

  /** The current version of a service. */
  get(id: string): CatalogVersion | undefined {
    return this.current.get(id);
  }

  /** Any version ever added, for a service id and definition hash. */
  getVersion(id: string, hash: string): CatalogVersion | undefined {
    const version = this.byHash.get(hash);
    return version?.definition.id === id ? version : undefined;
  }

  list(): ServiceSummary[] {
    return [...this.current.values()].map(({ definition, hash }) => summarizeService(definition, hash)).sort((a, b) => a.id.localeCompare(b.id));
  }
}
