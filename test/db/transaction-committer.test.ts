import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { ConcurrentChange, lockChat, lockPlaces } from '../../db/locks.js';
import { createTransactionCommitter, isRetriableConflict } from '../../db/transaction-committer.js';
import { onPostgres } from '../support/test-store.js';
import { useTempDatabase } from '../support/temp-db.js';

describe('which PostgreSQL errors are run again', () => {
  it('serialization failures and deadlocks, nothing else', () => {
    expect(isRetriableConflict({ code: '40001' })).toBe(true);
    expect(isRetriableConflict({ code: '40P01' })).toBe(true);
    expect(isRetriableConflict({ code: '23505' })).toBe(false);
    expect(isRetriableConflict(new Error('x'))).toBe(false);
    expect(isRetriableConflict(null)).toBe(false);
    expect(isRetriableConflict(new ConcurrentChange('x'))).toBe(true);
  });
});

// Transactions on many connections at once are PostgreSQL's; a SQLite file has one writer.
describe.skipIf(!onPostgres)('transactions and locks on PostgreSQL', () => {
  const t = useTempDatabase('committer');

  /** Eight pieces of work at once, each reading the counter, pausing, then writing it plus one. */
  async function eightIncrements(lock: (trx: Db) => Promise<unknown>): Promise<string> {
    const committer = createTransactionCommitter(t.db);
    await t.db.insertInto('office_state').values({ key: 'counter', value: '0', updated_at: 'x' }).execute();
    await Promise.all(
      Array.from({ length: 8 }, () =>
        committer.run(async (trx) => {
          await lock(trx);
          const row = await trx
            .selectFrom('office_state')
            .select('value')
            .where('key', '=', 'counter')
            .executeTakeFirstOrThrow();
          await sql`select pg_sleep(0.02)`.execute(trx);
          await trx
            .updateTable('office_state')
            .set({ value: String(Number(row.value) + 1) })
            .where('key', '=', 'counter')
            .execute();
        }),
      ),
    );
    await committer.close();
    const final = await t.db
      .selectFrom('office_state')
      .select('value')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow();
    return final.value;
  }

  it('loses updates without a lock (so the next test means something), and none under a chat lock', async () => {
    expect(await eightIncrements(() => Promise.resolve())).not.toBe('8');
    await t.db.deleteFrom('office_state').where('key', '=', 'counter').execute();
    expect(await eightIncrements((trx) => lockChat(trx, 'U1'))).toBe('8');
  });

  it('serialises taking places across connections', async () => {
    expect(await eightIncrements((trx) => lockPlaces(trx))).toBe('8');
  });

  it('runs work again when what it decided on changed under it, and passes other errors on at once', async () => {
    const committer = createTransactionCommitter(t.db);
    let runs = 0;
    const value = await committer.run(async (trx) => {
      runs += 1;
      await trx
        .insertInto('office_state')
        .values({ key: `k${runs}`, value: 'v', updated_at: 'x' })
        .execute();
      if (runs < 3) throw new ConcurrentChange('taken meanwhile');
      return runs;
    });
    expect(value).toBe(3);
    // The first two runs were rolled back whole.
    expect(await t.db.selectFrom('office_state').select('key').where('key', 'like', 'k%').execute()).toEqual([
      { key: 'k3' },
    ]);
    let failed = 0;
    await expect(
      committer.run(async () => {
        failed += 1;
        throw new Error('refused by the work');
      }),
    ).rejects.toThrow('refused by the work');
    expect(failed).toBe(1);
    await committer.close();
    await expect(committer.run(() => Promise.resolve(1))).rejects.toThrow('closing');
  });
});

describe('the locks on SQLite', () => {
  const t = useTempDatabase('locks');
  it.skipIf(onPostgres)('are no-ops: one writer at a time already', async () => {
    expect(await lockChat(t.db, 'U1')).toBe(false);
    expect(await lockPlaces(t.db)).toBe(false);
  });
});
