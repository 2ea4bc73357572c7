import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
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
  });
});

// SERIALIZABLE transactions from many connections are PostgreSQL's; SQLite has one writer.
describe.skipIf(!onPostgres)('serializable transactions on PostgreSQL', () => {
  const t = useTempDatabase('committer');

  it('runs conflicting read-then-write work again, so no update is lost', async () => {
    const committer = createTransactionCommitter(t.db);
    await t.db.insertInto('office_state').values({ key: 'counter', value: '0', updated_at: 'x' }).execute();
    let runs = 0;
    // Each reads the counter, waits a moment (so the others read the same value), then writes it plus one.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        committer.run(async (trx) => {
          runs += 1;
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
    const final = await t.db
      .selectFrom('office_state')
      .select('value')
      .where('key', '=', 'counter')
      .executeTakeFirstOrThrow();
    expect(final.value).toBe('8');
    expect(runs).toBeGreaterThan(8); // some were run again: the conflicts were real
    await committer.close();
  });

  it('passes other errors on at once, and refuses work once closed', async () => {
    const committer = createTransactionCommitter(t.db);
    let runs = 0;
    await expect(
      committer.run(async () => {
        runs += 1;
        throw new Error('refused by the work');
      }),
    ).rejects.toThrow('refused by the work');
    expect(runs).toBe(1);
    await committer.close();
    await expect(committer.run(() => Promise.resolve(1))).rejects.toThrow('closing');
  });
});
