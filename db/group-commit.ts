import type { Db } from './database.js';

/**
 * Runs write work in shared transactions. Each commit of a `synchronous=FULL` SQLite file waits
 * for the disk; work that arrives while one commit is under way joins the next, so under load
 * one fsync serves many events instead of one each. Every piece of work runs inside its own
 * savepoint: a failure rolls back that piece only, and its caller sees the error. A caller's
 * promise settles only after the commit that holds its work, so "done" always means durable.
 */
export interface GroupCommitter {
  run<T>(work: (trx: Db) => Promise<T>): Promise<T>;
}

interface Pending {
  work: (trx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function createGroupCommitter(db: Db, maxBatch = 64): GroupCommitter {
  const queue: Pending[] = [];
  let draining = false;

  async function runBatch(batch: Pending[]): Promise<void> {
    const outcomes: ({ ok: true; value: unknown } | { ok: false; error: unknown })[] = [];
    let trx: Awaited<ReturnType<ReturnType<Db['startTransaction']>['execute']>> | undefined;
    try {
      trx = await db.startTransaction().execute();
      for (const [i, item] of batch.entries()) {
        const name = `w${i}`;
        const sp = await trx.savepoint(name).execute();
        try {
          const value = await item.work(sp as unknown as Db);
          await sp.releaseSavepoint(name).execute();
          outcomes.push({ ok: true, value });
        } catch (error: unknown) {
          await sp.rollbackToSavepoint(name).execute();
          outcomes.push({ ok: false, error });
        }
      }
      await trx.commit().execute();
    } catch (error: unknown) {
      // The transaction itself failed (disk full, database locked...): nothing of the batch holds.
      await trx?.rollback().execute().catch(() => undefined);
      batch.forEach((item) => item.reject(error));
      return;
    }
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.value);
      else item.reject(o.error);
    });
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, maxBatch));
    } finally {
      draining = false;
    }
  }

  return {
    run<T>(work: (trx: Db) => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
        if (!draining) void drain();
      });
    },
  };
}
