import fs from 'node:fs';

/**
 * Makes commits durable off the event loop. A `synchronous=FULL` commit in WAL mode ends with an
 * fsync of the log, and better-sqlite3 runs it on the thread that committed: at saturation about
 * a seventh of the event loop's time went to waiting for the disk. Shared commits (group-commit.ts)
 * instead commit with `synchronous=NORMAL`, which writes the log without syncing it, and then
 * sync the log file here, on libuv's thread pool, before anyone is told the work is done. Once
 * that sync returns, the commit is as durable as a FULL commit; until then nobody acts on it.
 * Recovery replays the log only up to the first frame that did not reach the disk, so what
 * survives a power cut is always a prefix of the commits, never a hole.
 *
 * SQLite keeps the log the same file while a connection is open (it deletes it only when the
 * last connection closes, and truncates or reuses it in place), and a checkpoint syncs the log
 * itself before copying it, so frames not yet synced here are never lost to log reuse.
 *
 * Syncs are shared too: a commit made while a sync is running waits for the next one (the running
 * one may have started before the commit's frames were written), and every commit made meanwhile
 * joins that same next sync.
 *
 * A failed sync is final. Unlike FULL, where a failed sync keeps the commit invisible, our commit
 * is already visible, and after a failed fdatasync Linux may drop the unwritten pages and report
 * the next sync as a success: nothing later can be trusted to be on the disk. Every later
 * `afterCommit` fails with the same error; the owner stops the server (src/app.ts), and
 * SQLite's recovery at the next start decides what was kept.
 */
export interface WalSync {
  /** Resolves once everything committed before the call is on the disk; rejects for good after a failed sync. */
  afterCommit(): Promise<void>;
  /** Waits for syncs in progress, then closes the file; later calls fail. */
  close(): Promise<void>;
}

type FdatasyncFn = (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;

export interface WalSyncOptions {
  /** Syncs the file's data (default: `fs.fdatasync`); tests pass a controllable one. */
  fdatasync?: FdatasyncFn;
}

/**
 * Opens the write-ahead log of the database whose main file SQLite reports as `dbFile` (use
 * `databaseFile`, which follows symbolic links as SQLite does when it names the log). Undefined
 * where there is no file to sync (an in-memory database) or the log cannot be opened; the caller
 * then commits with FULL.
 */
export function openWalSync(dbFile: string, options: WalSyncOptions = {}): WalSync | undefined {
  if (dbFile === '' || dbFile === ':memory:') return undefined;
  let fd: number;
  try {
    // Read-write: some systems (Windows) refuse to sync a file opened only for reading.
    fd = fs.openSync(`${dbFile}-wal`, 'r+');
  } catch {
    return undefined;
  }
  return createWalSync(fd, options);
}

export function createWalSync(fd: number, options: WalSyncOptions = {}): WalSync {
  const fdatasync = options.fdatasync ?? fs.fdatasync;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;
  let failed: NodeJS.ErrnoException | undefined;
  let closed = false;

  function start(): Promise<void> {
    if (failed !== undefined) return Promise.reject(failed);
    const sync = new Promise<void>((resolve, reject) =>
      fdatasync(fd, (error) => {
        if (error) {
          failed ??= error;
          reject(error);
        } else resolve();
      }),
    );
    const current: Promise<void> = sync.finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  }

  return {
    afterCommit() {
      if (failed !== undefined) return Promise.reject(failed);
      if (closed) return Promise.reject(new Error('the write-ahead log is closed'));
      if (!running) return start();
      // The running sync may have begun before this commit's frames were written: wait for the
      // next one, which every commit arriving meanwhile shares.
      next ??= running
        .catch(() => undefined)
        .then(() => {
          next = undefined;
          return start();
        });
      return next;
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.allSettled([running, next]);
      fs.closeSync(fd);
    },
  };
}
