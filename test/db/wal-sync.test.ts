import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/database.js';
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

const settled = async <T>(p: Promise<T>) => {
  let state = 'pending';
  p.then(
    () => (state = 'resolved'),
    () => (state = 'rejected'),
  );
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
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

  it('fails the commits of a failed sync, and syncs afresh for the next', async () => {
    const held = heldSync();
    const sync = createWalSync(-1, held);
    const failed = sync.afterCommit();
    failed.catch(() => undefined);
    const waiting = sync.afterCommit();
    held.finish(Object.assign(new Error('EIO'), { code: 'EIO' }));
    expect(await settled(failed)).toBe('rejected');
    // The commit that waited behind it gets a sync of its own, started after the failure.
    expect(await settled(waiting)).toBe('pending');
    held.finish();
    expect(await settled(waiting)).toBe('resolved');
    const later = sync.afterCommit();
    held.finish();
    expect(await settled(later)).toBe('resolved');
  });

  describe('opening the log of a database file', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wal-sync-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('syncs the real log of an open database', async () => {
      const file = path.join(dir, 'db.sqlite');
      const db = await openDatabase({ path: file });
      const sync = openWalSync(file);
      expect(sync).toBeDefined();
      await expect(sync!.afterCommit()).resolves.toBeUndefined();
      sync!.close();
      await db.destroy();
    });

    it('gives nothing to sync for an in-memory database or a missing log (commits then stay FULL)', () => {
      expect(openWalSync(':memory:')).toBeUndefined();
      expect(openWalSync(path.join(dir, 'never-opened.sqlite'))).toBeUndefined();
    });
  });
});
