import type { Db } from './database.js';

/**
 * How the server writes: every change is a piece of work run in a transaction, whose promise
 * settles only once the work is committed and durable. On SQLite many pieces share one commit
 * (group-commit.ts); on PostgreSQL each runs in a transaction of its own, taking the locks of
 * db/locks.ts where the domain needs them, and is run again after a deadlock or a
 * `ConcurrentChange` (transaction-committer.ts).
 */
export interface Committer {
  run<T>(work: (trx: Db) => Promise<T>, options?: RunOptions): Promise<T>;
  /**
   * Resolves once everything committed so far is on the disk. Whoever reads committed rows to
   * act on them outside (sending a message) waits for this first, so nothing is sent that a power
   * cut could take back.
   */
  durable(): Promise<void>;
  /** Refuses new work, and resolves once the work already given is committed and synced. */
  close(): Promise<void>;
}

export interface RunOptions {
  /** Goes ahead of queued normal work: someone is waiting on the other end of a connection. */
  urgent?: boolean;
}
