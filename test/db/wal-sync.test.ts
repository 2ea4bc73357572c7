import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFile, openDatabase } from '../../db/database.js';
import { createWalSync, openWalSync } from '../../db/wal-sync.js';

/** An fdatasync that finishes only when told to, and counts its calls. */
function heldSync() {
  const calls: ((error: NodeJS.ErrnoException | null) => void)[] = [];
  return {
    fdatasync: (_fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void calls.push(done),
    calls,
    /** Finishes the oldest unfinished call. */
    finish(error: NodeJS.ErrnoException | null = null) {
      const done = calls.shift();
      if (!done) throw new Error('no sync is running');
      done(error);
    },
  };
}

/** The state of `p` once every callback that could settle it has run (a few turns of the loop). */
const settled = async <T>(p: Promise<T>) => {
  let state = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setImmediate(resolve));
  return state;
};

describe('WAL sync', () => {
  it('resolves a commit only when its sync has finished', async () => {
    const held = heldSync();
    const sync = createWalSync(-1, held);
    const first = sync.afterCommit();
    expect(held.calls).toHaveLength(1);
    expect(await settled(first)).toBe('pending');
    held.finish();
    expect(await settled(first)).toBe('resolved');
  });

  it('makes commits during a running sync wait for the next one, and share it', async () => {
    const held = heldSync();
    const sync = createWalSync(-1, held);
    const first = sync.afterCommit();
    // Committed while the first sync runs: it may have started before their frames were written.
    const second = sync.afterCommit();
    const third = sync.afterCommit();
    held.finish();
    expect(await settled(first)).toBe('resolved');
    expect(await settled(second)).toBe('pending');
    expect(held.calls).toHaveLength(1); // one more sync for both
    held.finish();
    expect([await settled(second), await settled(third)]).toEqual(['resolved', 'resolved']);
    expect(held.calls).toHaveLength(0);
  });

  it('fails for good once a sync failed: neither the commits behind it nor later ones are ever reported on the disk', async () => {
    const held = heldSync();
    const sync = createWalSync(-1, held);
    const failed = sync.afterCommit();
    const behind = sync.afterCommit();
    for (const p of [failed, behind]) p.catch(() => undefined); // looked at below
    held.finish(Object.assign(new Error('EIO'), { code: 'EIO' }));
    expect(await settled(failed)).toBe('rejected');
    // After a failed fdatasync, Linux may report the next one as a success with pages lost.
    expect(await settled(behind)).toBe('rejected');
    await expect(sync.afterCommit()).rejects.toThrow('EIO');
    expect(held.calls).toHaveLength(0); // nothing more was synced
  });

  it('waits for a running sync before closing, and takes no commit after', async () => {
    const held = heldSync();
    const sync = createWalSync(fs.openSync(os.devNull, 'r'), held);
    const running = sync.afterCommit();
    const closing = sync.close();
    expect(await settled(closing)).toBe('pending');
    held.finish();
    expect([await settled(running), await settled(closing)]).toEqual(['resolved', 'resolved']);
    await expect(sync.afterCommit()).rejects.toThrow('closed');
  });

  describe('opening the log of a database file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-sync-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("opens SQLite's own log, also when the database path is a symbolic link", async () => {
      fs.mkdirSync(path.join(dir, 'real'));
      const real = path.join(dir, 'real', 'db.sqlite');
      fs.writeFileSync(real, '');
      const link = path.join(dir, 'link.sqlite');
      fs.symlinkSync(real, link);
      const db = await openDatabase({ path: link });
      // SQLite names the log after the file the link points to; a log beside the link is not it.
      expect(fs.existsSync(`${real}-wal`)).toBe(true);
      expect(fs.existsSync(`${link}-wal`)).toBe(false);
      const file = await databaseFile(db);
      expect(fs.realpathSync(file)).toBe(fs.realpathSync(real));
      const sync = openWalSync(file);
      expect(sync).toBeDefined();
      await expect(sync!.afterCommit()).resolves.toBeUndefined();
      await sync!.close();
      await db.destroy();
    });

    it('gives nothing to sync for an in-memory database or a missing log (commits then stay FULL)', () => {
      expect(openWalSync(':memory:')).toBeUndefined();
      expect(openWalSync('')).toBeUndefined();
      expect(openWalSync(path.join(dir, 'never-opened.sqlite'))).toBeUndefined();
    });
  });
});
