import type { Committer, RunOptions } from './committer.js';
import type { Db } from './database.js';

/**
 * The PostgreSQL committer. Each piece of work runs in its own transaction (READ COMMITTED, the
 * server's default) on a pooled connection. What one process on SQLite got from having one writer
 * at a time, several processes get from a few locks taken where the domain needs them (db/locks.ts:
 * a chat's work one at a time, places in slots one transaction at a time) and from writes that
 * say what they expect (`where status = 'pending'`, `on conflict do nothing`). SERIALIZABLE was
 * tried first and measured: its predicate locks on the small, hot inbox and outbox made most
 * transactions conflict (bench/README.md).
 *
 * A transaction that deadlocked, or found that what it decided on changed under it
 * (`ConcurrentChange`), is run again from the start, on what the other committed. Work may
 * therefore run more than once before it commits: it must only read and write through its
 * transaction, and leave effects outside (waking the sender, answering HTTP) to its caller. The
 * server's own commit is durable (synchronous_commit), so `durable()` has nothing to wait for.
 */
export interface TransactionCommitterOptions {
  /** Tries of one piece of work before its serialization error is passed on (default 12). */
  maxAttempts?: number;
  /** Longest wait between tries (ms); the wait grows from 2 ms with jitter (default 200). */
  maxDelayMs?: number;
}

/** serialization_failure (also ConcurrentChange's) and deadlock_detected: the transaction may simply be run again. */
const RETRIABLE = new Set(['40001', '40P01']);

export function isRetriableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRIABLE.has(code);
}

export function createTransactionCommitter(db: Db, options: TransactionCommitterOptions = {}): Committer {
  const maxAttempts = options.maxAttempts ?? 12;
  const maxDelayMs = options.maxDelayMs ?? 200;
  const running = new Set<Promise<unknown>>();
  let closed = false;

  async function attempt<T>(work: (trx: Db) => Promise<T>): Promise<T> {
    for (let tried = 1; ; tried += 1) {
      try {
        return await db.transaction().execute(work);
      } catch (error: unknown) {
        if (tried >= maxAttempts || !isRetriableConflict(error)) throw error;
        // Jittered, so two processes that collided do not collide again in step.
        const ceiling = Math.min(maxDelayMs, 2 * 2 ** tried);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
      }
    }
  }

  return {
    // No queue to jump: every piece has its own transaction on a pooled connection.
    run<T>(work: (trx: Db) => Promise<T>, _options?: RunOptions): Promise<T> {
      if (closed) return Promise.reject(new Error('the database is closing'));
      const result = attempt(work);
      running.add(result);
      void result.catch(() => undefined).finally(() => running.delete(result));
      return result;
    },
    durable: () => Promise.resolve(),
    async close() {
      closed = true;
      while (running.size > 0) await Promise.allSettled([...running]);
    },
  };
}
