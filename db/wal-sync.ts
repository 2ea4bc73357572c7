import fs from 'node:fs';

/**
 * Makes commits durable off the event loop. A `synchronous=FULL` commit in WAL mode ends with an
 * fsync of the log, and better-sqlite3 runs it on the thread that committed: at saturation about
 * a seventh of the event loop's time went to waiting for the disk. Shared commits (group-commit.ts)
 * instead commit with `synchronous=NORMAL`, which writes the log without syncing it, and then
 * sync the log file here, on libuv's thread pool, before anyone is told the work is done. Once
 * that sync returns, the commit is exactly as durable as a FULL commit; until then nobody acts
 * on it. Recovery replays the log only up to the first frame that did not reach the disk, so
 * what survives a power cut is always a prefix of the commits, never a hole.
 *
 * Syncs are shared too: a commit made while a sync is running waits for the next one (the running
 * one may have started before the commit's frames were written), and every commit made meanwhile
 * joins that same next sync.
 */
export interface WalSync {
  /** Resolves once everything committed before the call is on the disk. */
  afterCommit(): Promise<void>;
  close(): void;
}

export interface WalSyncOptions {
  /** Syncs the file's data (default: `fs.fdatasync`); tests pass a controllable one. */
  fdatasync?: (fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => void;
}

/**
 * Opens the write-ahead log of the database at `dbPath`. The log exists once the database is in
 * WAL mode and has been written (migrations have run), and SQLite keeps it, the same file, while
 * any connection is open: ours stays open for the life of the app. Undefined where there is no
 * file to sync (an in-memory database) or it cannot be opened; the caller then commits with FULL.
 */
export function openWalSync(dbPath: string, options: WalSyncOptions = {}): WalSync | undefined {
  if (dbPath === ':memory:') return undefined;
  let fd: number;
  try {
    fd = fs.openSync(`${dbPath}-wal`, 'r');
  } catch {
    return undefined;
  }
  return createWalSync(fd, options);
}

export function createWalSync(fd: number, options: WalSyncOptions = {}): WalSync {
  const fdatasync = options.fdatasync ?? fs.fdatasync;
  let running: Promise<void> | undefined;
  let next: Promise<void> | undefined;

  function start(): Promise<void> {
    const sync = new Promise<void>((resolve, reject) => fdatasync(fd, (error) => (error ? reject(error) : resolve())));
    const current: Promise<void> = sync.finally(() => {
      if (running === current) running = undefined;
    });
    running = current;
    return current;
  }

  return {
    afterCommit() {
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
    close() {
      fs.closeSync(fd);
    },
  };
}
