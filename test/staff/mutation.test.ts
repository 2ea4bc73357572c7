import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { addClosure } from '../../db/repositories/closures-repository.js';
import { text } from '../../src/messages/building-blocks.js';
import { movableClock } from '../../src/infra/clock.js';
import { testAppContext } from '../support/app-context.js';
import { mutate } from '../../src/staff/mutation.js';
import { done, fail } from '../../src/staff/outcome.js';

let db: Db;
let woken = 0;
const ctx = () =>
  testAppContext(db, {
    clock: movableClock(new Date('2026-12-01T03:00:00Z')),
    staffGroupId: 'Cgroup',
    onOutgoing: () => (woken += 1),
  });
const closures = () => db.selectFrom('closures').select('date').execute();
const outbox = () => db.selectFrom('outbox').select(['dedupe_key', 'recipient']).execute();

beforeEach(async () => {
  db = await openDatabase({ path: ':memory:' });
  woken = 0;
});
afterEach(async () => {
  await db.destroy();
});

describe('one staff change, one transaction', () => {
  it('should keep nothing a refused change wrote, queue nothing and not wake the sender', async () => {
    const outcome = await mutate(ctx(), async (trx, now) => {
      await addClosure(trx, '2026-12-10', null, now);
      return fail(409, 'nope', 'refused after writing');
    });
    expect(outcome).toMatchObject({ ok: false, status: 409, code: 'nope' });
    expect(await closures()).toEqual([]);
    expect(await outbox()).toEqual([]);
    expect(woken).toBe(0);
  });

  it('should queue the messages with the change under an api: key, then wake the sender once', async () => {
    const outcome = await mutate(ctx(), async (trx, now) => {
      await addClosure(trx, '2026-12-10', null, now);
      return done('ok', [
        { audience: 'user', recipient: 'Uuser', messages: [text('a')] },
        { audience: 'staff', recipient: 'Cgroup', messages: [text('b')] },
      ]);
    });
    expect(outcome).toMatchObject({ ok: true, value: 'ok' });
    expect(await closures()).toEqual([{ date: '2026-12-10' }]);
    const rows = await outbox();
    expect(rows.map((r) => r.recipient)).toEqual(['Uuser', 'Cgroup']);
    expect(rows.every((r) => /^api:[0-9a-f-]{36}:/.test(r.dedupe_key))).toBe(true);
    expect(woken).toBe(1);
  });

  it('should drop staff notes when no staff group is configured', async () => {
    const bare = testAppContext(db);
    await mutate(bare, async () =>
      done(null, [{ audience: 'staff', recipient: bare.staffGroupId, messages: [text('b')] }]),
    );
    expect(await outbox()).toEqual([]);
  });

  it('should let a thrown error roll back and reach the caller', async () => {
    await expect(
      mutate(ctx(), async (trx, now) => {
        await addClosure(trx, '2026-12-10', null, now);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(await closures()).toEqual([]);
  });
});
