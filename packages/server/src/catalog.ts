import { createHash } from 'node:crypto';
import { evaluate, summarizeService, type CompiledDefinition, type DefinitionIssue, type Evaluation, type LoadedDefinition, type ServiceDefinition, type ServiceSummary } from '@eservice-kit/core';
import { compileDefinition, loadDefinitionStrict, precompileDefinition } from '@eservice-kit/core/compile';

/** One definition version the server can serve, with its precompiled validator module. */
export interface CatalogVersion {
  readonly definition: ServiceDefinition;
  readonly hash: string;
  /** JSON text served for GET /api/services/{id}; the ETag is the hash. */
  readonly json: string;
  readonly validatorSource: string;
  /** The module's own content hash: it changes when the precompiler does, the definition not. */
  readonly validatorEtag: string;
  /** Core's one evaluation, with this version's own validator: what the browser ran, run again. */
  check(answers: unknown, today?: string): Evaluation;
}

export type AddResult =
  | { readonly ok: true; readonly version: CatalogVersion; readonly warnings: readonly DefinitionIssue[] }
  | { readonly ok: false; readonly errors: readonly DefinitionIssue[] };

/** Compiled versions by hash, shared by every tenant's catalog: one definition is compiled once per process. */
const compiledVersions = new Map<string, CatalogVersion>();

function versionOf(loaded: LoadedDefinition): CatalogVersion {
  const known = compiledVersions.get(loaded.hash);
  if (known) return known;
  const validatorSource = precompileDefinition(loaded);
  const validatorEtag = `"${createHash('sha256').update(validatorSource).digest('base64url')}"`;
  let compiled: CompiledDefinition | undefined;
  const version: CatalogVersion = {
    definition: loaded.definition,
    hash: loaded.hash,
    json: JSON.stringify(loaded.definition),
    validatorSource,
    validatorEtag,
    check(answers, today) {
      compiled ??= compileDefinition(loaded);
      return evaluate(loaded.definition, compiled, answers, today === undefined ? {} : { today });
    },
  };
  compiledVersions.set(loaded.hash, version);
  return version;
}

/**
 * A tenant's enabled services. Adding a definition loads it strictly and precompiles its
 * validator once; older versions stay reachable by hash so old cases can still be shown.
 */
export class ServiceCatalog {
  private readonly current = new Map<string, CatalogVersion>();
  private readonly byHash = new Map<string, CatalogVersion>();

  /** Adds a definition (an object or JSON text). `current: false` keeps it only as an older version. */
  add(input: unknown, { current = true }: { current?: boolean } = {}): AddResult {
    const loaded = loadDefinitionStrict(input);
    if (!loaded.ok) return { ok: false, errors: loaded.errors };
    let version: CatalogVersion;
    try {
      version = versionOf(loaded);
    } catch (error) {
      // The definition loaded but cannot become a validator module: refuse it, never serve it half.
      const detail = error instanceof Error ? error.message.slice(0, 300) : 'unknown error';
      return { ok: false, errors: [{ pointer: '/schema', code: 'invalid-schema', severity: 'error', message: { sv: `Validatorn kunde inte skapas: ${detail}`, en: `The validator could not be made: ${detail}` } }] };
    }
    if (current) this.current.set(loaded.definition.id, version);
    this.byHash.set(loaded.hash, version);
    return { ok: true, version, warnings: loaded.warnings };
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

  /** Current versions, by id. */
  services(): CatalogVersion[] {
    return [...this.current.values()].sort((a, b) => a.definition.id.localeCompare(b.definition.id));
  }

  list(): ServiceSummary[] {
    return this.services().map(({ definition, hash }) => summarizeService(definition, hash));
  }
}
