/** Options and report of the contract suite. */

/** The subset of `fetch` the suite uses, so any implementation (or a test double) fits. */
export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface ContractOptions {
  /** The tenant base URL, e.g. "https://kommun.example/eservice". */
  readonly baseUrl: string;
  readonly fetch?: FetchLike;
  /** The service to submit to; defaults to the first in the catalog. */
  readonly serviceId?: string;
  /** Answers the service accepts; without them the submission and case checks are skipped. */
  readonly validAnswers?: Readonly<Record<string, unknown>>;
  /** Answers the service rejects; without them the 422 check is skipped. */
  readonly invalidAnswers?: Readonly<Record<string, unknown>>;
  /** A pointer the 422 for `invalidAnswers` must name. */
  readonly invalidPointer?: string;
  /**
   * Answers that are valid once pruned, with at least one field set that the service's rules
   * hide: the server must drop it and answer 201, never reject. Without them that check is skipped.
   */
  readonly hiddenFieldAnswers?: Readonly<Record<string, unknown>>;
  /** Locale sent with submissions; default "sv". */
  readonly locale?: string;
  /** Origin used for the CORS checks; the server must allow it. Default "https://contract-suite.example". */
  readonly origin?: string;
  /** A survey the server knows, for the survey-response check (skipped without it). */
  readonly surveyId?: string;
  readonly surveyAnswers?: Readonly<Record<string, unknown>>;
  /** Set false for a server whose services take no files: the upload checks are skipped. */
  readonly uploads?: boolean;
  /** Per request; default 10 000 ms. */
  readonly timeoutMs?: number;
  /**
   * Report only checks whose id equals or starts with one of these (e.g. "case."); the
   * checks that learn the service, definition and receipt still run, unreported.
   */
  readonly only?: readonly string[];
}

export type ContractOutcome = 'pass' | 'fail' | 'skip';

export interface ContractResult {
  /** Stable id, e.g. "submit.replay"; names may be reworded, ids are not. */
  readonly id: string;
  readonly name: string;
  /** True only for a pass; a skipped check is neither passed nor failed. */
  readonly ok: boolean;
  readonly outcome: ContractOutcome;
  readonly detail?: string;
}

export interface ContractReport {
  readonly baseUrl: string;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly results: readonly ContractResult[];
}
