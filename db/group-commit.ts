import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import type { Db } from './database.js';
import type { Committer, RunOptions } from './committer.js';
import type { WalSync } from './wal-sync.js';

/**
 * Runs write work in shared transactions. Each commit of a `synchronous=FULL` SQLite file waits
 * for the disk; work that arrives while the event loop is busy joins one batch, so under load
 * one fsync serves many events instead of one each. Every piece of work runs inside its own
 * savepoint: a failure rolls back that piece only, and its caller sees the error. A caller's
 * promise settles only after the commit that holds its work, so "done" always means durable.
 *
 * better-sqlite3 is synchronous, so a batch holds the event loop from its first statement to
 * its commit. Batches therefore start from `setImmediate` (after the loop has read incoming
 * requests, so they can join) and stop taking work after a time budget; urgent work (accepting
 * a webhook, which LINE waits for) goes before everything else queued.
 *
 * With a `walSync`, the commit itself does not wait for the disk: the batch commits with
 * `synchronous=NORMAL` and its callers settle when the log has been synced on the thread pool
 * (wal-sync.ts), while the next batch already runs. Other writers on the connection keep FULL.
 * If durability is lost (a sync failed, or the connection could not be set back to FULL), the
 * committer refuses all further work and reports it once through `onFatal`.
 */
/** The SQLite committer: the shared interface (committer.ts), with commits shared between pieces of work. */
export type GroupCommitter = Committer;
export type { RunOptions } from './committer.js';

export interface GroupCommitOptions {
  /** Most pieces of work in one transaction. */
  maxBatch?: number;
  /** A batch takes no further work once it has held the event loop this long (ms). */
  budgetMs?: number;
  /** Syncs the log after a commit, off the event loop; without it commits are FULL. */
  walSync?: WalSync;
  /** Called once when commits can no longer be made durable; the owner should stop the server. */
  onFatal?: (error: unknown) => void;
}

interface Pending {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export function createGroupCommitter(db: Db, options: GroupCommitOptions = {}): GroupCommitter {
  const maxBatch = options.maxBatch ?? 64;
  const budgetMs = options.budgetMs ?? 4;
  const walSync = options.walSync;
  /** The sync of the latest batch; rejected for good once a sync failed. */
  let lastSync: Promise<void> = Promise.resolve();
  const urgent: Pending[] = [];
  const normal: Pending[] = [];
  let scheduled = false;
  let current: Promise<void> | undefined;
  let refusal: unknown;

  /** Fails everything queued: once the database cannot be written, waiting work never runs. */
  function rejectQueued(error: unknown): void {
    for (const item of [...urgent.splice(0), ...normal.splice(0)]) item.reject(error);
  }

  function fatal(error: unknown): void {
    if (refusal !== undefined) return;
    refusal = error;
    rejectQueued(error);
    options.onFatal?.(error);
  }

  // Urgent work may fill half a batch whatever the budget; the rest is for queued normal work,
  // so a flood of webhooks cannot hold back the events they carry.
  const maxUrgent = Math.max(1, Math.floor(maxBatch / 2));

  async function runBatch(conn: Db): Promise<void> {
    const started = performance.now();
    const taken: Pending[] = [];
    const outcomes: Outcome[] = [];
    let urgentTaken = 0;
    const next = (): Pending | undefined => {
      if (taken.length >= maxBatch) return undefined;
      const overBudget = performance.now() - started >= budgetMs;
      if (urgentTaken < maxUrgent && urgent.length > 0) {
        urgentTaken += 1;
        return urgent.shift();
      }
      // Normal work within the budget; at least one piece per batch, so it always moves.
      return overBudget && taken.length > urgentTaken ? undefined : normal.shift();
    };
    let trx: Awaited<ReturnType<ReturnType<Db['startTransaction']>['execute']>> | undefined;
    try {
      trx = await conn.startTransaction().execute();
      for (let item = next(); item; item = next()) {
        taken.push(item);
        // Plain statements on the batch's transaction: Kysely's savepoint API builds a new
        // transaction object for each, a cost every event paid.
        const name = sql.raw(`w${taken.length}`);
        await sql`savepoint ${name}`.execute(trx);
        try {
          const value = await item.work(trx);
          await sql`release ${name}`.execute(trx);
          outcomes.push({ ok: true, value });
        } catch (error: unknown) {
          await sql`rollback to ${name}`.execute(trx);
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch (error: unknown) {
      // The transaction itself failed (disk full, database locked...): nothing of the batch holds.
      await trx
        ?.rollback()
        .execute()
        .catch(() => undefined);
      // Could not even begin: fail what is waiting rather than retry it in a tight loop.
      if (taken.length === 0) {
        taken.push(...urgent.splice(0, maxBatch));
        taken.push(...normal.splice(0, maxBatch - taken.length));
      }
      taken.forEach((item) => item.reject(error));
      return;
    }
    const settle = () =>
      taken.forEach((item, i) => {
        const o = outcomes[i]!;
        if (o.ok) item.resolve(o.value);
        else item.reject(o.error);
      });
    if (!walSync) {
      settle();
      return;
    }
    // Committed but maybe not yet on the disk: nobody hears of it until the log is synced.
    const synced = walSync.afterCommit();
    lastSync = synced;
    synced.then(settle, (error: unknown) => {
      taken.forEach((item) => item.reject(error));
      fatal(error);
    });
  }

  /** Runs a batch on one connection, set to commit without syncing when the log is synced here. */
  async function runOnConnection(): Promise<void> {
    if (!walSync) return runBatch(db);
    // The setting may only change outside a transaction, and must not leak to other writers:
    // holding the connection keeps them out until it is FULL again.
    let began = false;
    await db
      .connection()
      .execute(async (connection) => {
        began = true;
        // Only inside a transaction can this fail (a connection whose rollback failed): the batch
        // then commits with FULL, durable as before, or fails to begin and fails its callers.
        const relaxed = await sql`pragma synchronous = NORMAL`.execute(connection).then(
          () => true,
          () => false,
        );
        try {
          await runBatch(connection);
        } finally {
          // Left NORMAL, every other writer's commit would go unsynced: stop rather than risk it.
          if (relaxed) await sql`pragma synchronous = FULL`.execute(connection).catch((error: unknown) => fatal(error));
        }
      })
      .catch((error: unknown) => {
        // No connection (the database was closed): the batch never began, so nothing waiting can run.
        if (!began) rejectQueued(error);
      });
  }

  function schedule(): void {
    if (scheduled || current) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      current = runOnConnection().finally(() => {
        current = undefined;
        // Let the loop read sockets and timers before the next batch.
        if (urgent.length + normal.length > 0) schedule();
      });
    });
  }

  return {
    run<T>(work: (trx: Db) => Promise<T>, runOptions: RunOptions = {}): Promise<T> {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the error that stopped the database, as thrown
      if (refusal !== undefined) return Promise.reject(refusal);
      return new Promise<T>((resolve, reject) => {
        (runOptions.urgent ? urgent : normal).push({ work, resolve: resolve as (v: unknown) => void, reject });
        schedule();
      });
    },
    durable() {
      // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- the error that stopped the database, as thrown
      return refusal !== undefined ? Promise.reject(refusal) : lastSync;
    },
    async close() {
      if (refusal === undefined) refusal = new Error('the database is closing');
      // Queued work still runs: it was given before the close.
      for (;;) {
        if (current) await current;
        else if (scheduled) await new Promise((resolve) => setImmediate(resolve));
        else break;
      }
      await lastSync.catch(() => undefined);
    },
  };
}
