/**
 * Group commit: writes that arrive in the same turn of the event loop run in one SQLite
 * transaction, each in its own savepoint (one failing write does not undo the others), and
 * every promise settles only after the COMMIT returned. With `synchronous = FULL` in WAL mode
 * that COMMIT has fsynced the log, so a resolved write survives a crash or power cut.
 * One fsync then serves a whole batch: the disk's few thousand commits a second become
 * that many batches.
 */
import type Database from 'better-sqlite3';

interface PendingWrite {
  readonly run: () => unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private closed = false;
  private readonly statements;

  constructor(private readonly db: Database.Database, private readonly maxBatch = 512) {
    // Prepared once: a transaction wrapper per write costs more than the write itself.
    this.statements = {
      begin: db.prepare('BEGIN IMMEDIATE'),
      commit: db.prepare('COMMIT'),
      rollback: db.prepare('ROLLBACK'),
      savepoint: db.prepare('SAVEPOINT one_write'),
      release: db.prepare('RELEASE one_write'),
      rollbackWrite: db.prepare('ROLLBACK TO one_write'),
    };
  }

  /** Runs `write` inside the next batch's transaction; resolves with its result once committed. */
  write<T>(write: () => T): Promise<T> {
    if (this.closed) return Promise.reject(new Error('storage is closed'));
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits what is pending now; also called on close so nothing queued is dropped. */
  flush(): void {
    this.scheduled = false;
    const { begin, commit, rollback, savepoint, release, rollbackWrite } = this.statements;
    while (this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
      try {
        begin.run();
        for (const item of batch) {
          // A savepoint per write: a failing write rolls back only itself.
          savepoint.run();
          try {
            outcomes.push({ ok: true, value: item.run() });
          } catch (error) {
            rollbackWrite.run();
            outcomes.push({ ok: false, error });
          }
          release.run();
        }
        commit.run();
      } catch (error) {
        // The COMMIT itself failed (disk full, I/O error): nothing of this batch is durable.
        if (this.db.inTransaction) rollback.run();
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, index) => {
        const outcome = outcomes[index]!;
        if (outcome.ok) item.resolve(outcome.value);
        else item.reject(outcome.error);
      });
    }
  }

  close(): void {
    this.flush();
    this.closed = true;
  }
}
