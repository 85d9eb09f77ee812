// Opt-in usage events for the completion funnel (`events="on"`): started, step reached,
// submitted, abandoned. No personal data and no identifier that outlives the page: the
// fill id is random and held in memory only. Batched; failures are dropped silently,
// because statistics must never get in the citizen's way.
import { generateFillId } from '@eservice-kit/core';
import type { Transport, UsageEvent, UsageEventType } from '@eservice-kit/core';

const FLUSH_DELAY_MS = 2000;
const MAX_BATCH = 50;

export class UsageEvents {
  readonly #fillId = generateFillId();
  readonly #queue: UsageEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #started = false;
  #finished = false;

  constructor(
    private readonly transport: Transport,
    private readonly serviceId: string,
    private readonly definitionHash: string,
  ) {}

  /** The first change to the form; later calls do nothing. */
  started(): void {
    if (this.#started) return;
    this.#started = true;
    this.#push('started');
  }

  step(stepId: string): void {
    this.#push('step', stepId);
  }

  submitted(): void {
    this.#finished = true;
    this.#push('submitted');
    this.flush(false);
  }

  /** The page is going away: a started, unfinished fill counts as abandoned (sent with keepalive). */
  pageHidden(stepId: string | undefined): void {
    if (this.#started && !this.#finished) {
      this.#finished = true;
      this.#push('abandoned', stepId);
    }
    this.flush(true);
  }

  flush(keepalive: boolean): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      const events = this.#queue.splice(0, MAX_BATCH);
      this.transport.sendEvents({ events }, { keepalive }).catch(() => undefined);
    }
  }

  #push(type: UsageEventType, step?: string): void {
    this.#queue.push({
      fillId: this.#fillId,
      type,
      serviceId: this.serviceId,
      definitionHash: this.definitionHash,
      ...(step === undefined ? {} : { step }),
      at: new Date().toISOString(),
    });
    this.#timer ??= setTimeout(() => this.flush(false), FLUSH_DELAY_MS);
  }
}
