import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, openDatabase, type Db } from '../../db/database.js';
import { createGroupCommitter } from '../../db/group-commit.js';
import { createWalSync, openWalSync } from '../../db/wal-sync.js';
import { sql } from 'kysely';

let dir: string;
let db: Db;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'group-commit-'));
  db = await openDatabase({ path: path.join(dir, 'db.sqlite') });
});
afterEach(async () => {
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

const addClosure = (date: string) => (trx: Db) =>
  trx.insertInto('closures').values({ date, note: null, created_at: 'now' }).execute();
const dates = async () => (await db.selectFrom('closures').select('date').orderBy('date').execute()).map((r) => r.date);

describe('group commit', () => {
  it('commits work that arrives together, and rolls back only the piece that failed', async () => {
    const committer = createGroupCommitter(db);
    const results = await Promise.allSettled([
      committer.run(addClosure('2026-12-10')),
      committer.run(async (trx) => {
        await addClosure('2026-12-11')(trx);
        throw new Error('this piece fails after writing');
      }),
      committer.run(addClosure('2026-12-12')),
      committer.run(addClosure('2026-12-10')), // primary key clash: fails on its own
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    expect(await dates()).toEqual(['2026-12-10', '2026-12-12']);
  });

  it('settles a caller only after its work is committed and visible to a new reader', async () => {
    const committer = createGroupCommitter(db);
    await committer.run(addClosure('2026-12-24'));
    expect(await dates()).toEqual(['2026-12-24']);
  });

  it('returns each piece its own value, in any batch size', async () => {
    const committer = createGroupCommitter(db, { maxBatch: 3 });
    const values = await Promise.all(Array.from({ length: 10 }, (_, i) => committer.run(async () => i * 2)));
    expect(values).toEqual(Array.from({ length: 10 }, (_, i) => i * 2));
  });

  it('runs urgent work first, and stops taking work into a batch once it has held the loop past its budget', async () => {
    const committer = createGroupCommitter(db, { budgetMs: 1 });
    // A second connection sees only what was committed.
    const reader = new SQLite(path.join(dir, 'db.sqlite'), { readonly: true });
    const committed = () => (reader.prepare('select count(*) as n from closures').get() as { n: number }).n;
    const order: string[] = [];
    const seen: Record<string, number> = {};
    const slowPiece = (name: string, date: string) => async (trx: Db) => {
      order.push(name);
      seen[name] = committed();
      const until = performance.now() + 5;
      while (performance.now() < until); // holds the loop like a heavy event would
      await addClosure(date)(trx);
    };
    const pieces = [
      committer.run(slowPiece('a', '2026-12-01')),
      committer.run(slowPiece('b', '2026-12-02')),
      committer.run(slowPiece('c', '2026-12-03')),
    ];
    pieces.push(committer.run(slowPiece('urgent', '2026-12-04'), { urgent: true }));
    await Promise.all(pieces);
    reader.close();
    expect(order).toEqual(['urgent', 'a', 'b', 'c']);
    // Every piece is over the budget on its own. A batch still takes one piece of normal work
    // after the urgent one ("a" shares its transaction), then each starts a new transaction,
    // which sees the earlier ones committed (all in one transaction would have seen 0 each).
    expect(seen).toEqual({ urgent: 0, a: 0, b: 2, c: 3 });
  });

  it('keeps normal work moving while webhooks flood in', async () => {
    const committer = createGroupCommitter(db, { maxBatch: 4, budgetMs: 0 });
    const order: string[] = [];
    const piece = (name: string) => async () => {
      order.push(name);
    };
    const all = [committer.run(piece('n1')), committer.run(piece('n2'))];
    for (let i = 1; i <= 6; i += 1) all.push(committer.run(piece(`u${i}`), { urgent: true }));
    await Promise.all(all);
    // Half a batch of urgent work, then one normal piece: n1 is not left behind all six.
    expect(order).toEqual(['u1', 'u2', 'n1', 'u3', 'u4', 'n2', 'u5', 'u6']);
  });
});

describe('group commit with the log synced off the event loop', () => {
  function heldSync() {
    const calls: ((error: NodeJS.ErrnoException | null) => void)[] = [];
    return {
      fdatasync: (_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void calls.push(done),
      calls,
    };
  }
  const isSettled = async (p: Promise<unknown>) => {
    let done = false;
    p.then(
      () => (done = true),
      () => (done = true),
    );
    for (let i = 0; i < 5; i += 1) await new Promise((r) => setImmediate(r));
    return done;
  };
  const synchronousSetting = async () =>
    (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]!.synchronous;

  it('tells a caller only after the log is synced, while the next batch already runs', async () => {
    const held = heldSync();
    const committer = createGroupCommitter(db, { walSync: createWalSync(-1, held) });
    const first = committer.run(addClosure('2026-12-10'));
    expect(await isSettled(first)).toBe(false);
    expect(await dates()).toEqual(['2026-12-10']); // committed: a reader sees it
    expect(held.calls).toHaveLength(1);
    expect(await isSettled(committer.durable())).toBe(false);
    // The next batch does not wait for that sync to run and commit.
    const second = committer.run(addClosure('2026-12-11'));
    await isSettled(second);
    expect(await dates()).toEqual(['2026-12-10', '2026-12-11']);
    expect(await isSettled(second)).toBe(false);
    held.calls.shift()!(null);
    expect(await isSettled(first)).toBe(true);
    expect(await isSettled(second)).toBe(false); // its commit came after the first sync began
    held.calls.shift()!(null);
    expect(await isSettled(second)).toBe(true);
    expect(await isSettled(committer.durable())).toBe(true);
  });

  it('commits its batches with NORMAL and leaves the connection FULL for every other writer', async () => {
    let during: number | undefined;
    const committer = createGroupCommitter(db, {
      walSync: createWalSync(-1, { fdatasync: (_fd, done) => done(null) }),
    });
    // Read inside the batch, on its connection: the setting its commit will use.
    await committer.run(async (trx) => {
      during = (await sql<{ synchronous: number }>`pragma synchronous`.execute(trx)).rows[0]!.synchronous;
    });
    expect(during).toBe(1); // NORMAL
    expect(await synchronousSetting()).toBe(2); // FULL again
  });

  it('refuses all work once a sync failed, and says so once', async () => {
    const fatal: unknown[] = [];
    const committer = createGroupCommitter(db, {
      walSync: createWalSync(-1, { fdatasync: (_fd, done) => done(Object.assign(new Error('EIO'), { code: 'EIO' })) }),
      onFatal: (e) => fatal.push(e),
    });
    const both = await Promise.allSettled([
      committer.run(addClosure('2026-12-10')),
      committer.run(addClosure('2026-12-11')),
    ]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(committer.run(addClosure('2026-12-12'))).rejects.toThrow('EIO');
    // Nothing committed before may be acted on: it may not be on the disk.
    await expect(committer.durable()).rejects.toThrow('EIO');
    expect(fatal).toHaveLength(1);
    expect(await dates()).not.toContain('2026-12-12');
  });

  it('fails waiting work at once when the database is closed, instead of retrying it without end', async () => {
    const committer = createGroupCommitter(db, {
      walSync: createWalSync(-1, { fdatasync: (_fd, done) => done(null) }),
    });
    await db.destroy();
    await expect(committer.run(addClosure('2026-12-10'))).rejects.toThrow();
    db = await openDatabase({ path: path.join(dir, 'db.sqlite') }); // for afterEach
  });

  it('on close, finishes and syncs the work already given, then refuses more', async () => {
    const held = heldSync();
    const committer = createGroupCommitter(db, { walSync: createWalSync(-1, held) });
    const given = committer.run(addClosure('2026-12-10'));
    const closing = committer.close();
    while (held.calls.length === 0) await new Promise((r) => setImmediate(r));
    expect(await isSettled(closing)).toBe(false);
    held.calls.shift()!(null);
    await given;
    await closing;
    await expect(committer.run(addClosure('2026-12-11'))).rejects.toThrow('closing');
    expect(await dates()).toEqual(['2026-12-10']);
  });

  it('syncs the real log file of the database, once for a batch', async () => {
    let syncs = 0;
    const walSync = openWalSync(await databaseFile(db), {
      fdatasync: (fd, done) => {
        syncs += 1;
        fs.fdatasync(fd, done);
      },
    })!;
    // A generous budget: on a loaded machine the first piece alone can outlast the default, and
    // the second would then rightly wait for a batch of its own.
    const committer = createGroupCommitter(db, { walSync, budgetMs: 60_000 });
    await Promise.all([committer.run(addClosure('2026-12-10')), committer.run(addClosure('2026-12-11'))]);
    expect(syncs).toBe(1);
    expect(await dates()).toEqual(['2026-12-10', '2026-12-11']);
    await walSync.close();
  });
});
