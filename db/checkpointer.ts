import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { sql } from 'kysely';
import type { Logger } from '../src/infra/logger.js';
import type { Db } from './database.js';

/**
 * Keeps the write-ahead log short without stalling the event loop. SQLite's own automatic
 * checkpoint runs inside whichever commit crosses the threshold and copies the whole log into
 * the database file, with an fsync, on the thread that committed: under load that held every
 * webhook for 50-100 ms. Here a worker thread with its own connection checkpoints on a timer
 * instead (PASSIVE: it never blocks or waits for our readers and writers), and the main
 * connection's automatic checkpoint is raised to a cap while the worker is alive.
 *
 * The cap matters: the log is reused from its start only after a checkpoint that copied all of
 * it, and under a steady stream of commits the worker's checkpoint never quite catches up, so the
 * log would grow without end (130 MiB in 35 s at saturation). Past the cap a commit checkpoints
 * as SQLite normally does, which is quick because the worker has already copied nearly all of
 * it, and the log then starts over. If the worker fails, the usual threshold comes back. The
 * worker starts only once there is a log to copy (START_BYTES), or when asked to checkpoint.
 */
export interface Checkpointer {
  /** Checkpoints now: how many frames the log held, and how many are now in the database file. */
  checkpoint(): Promise<CheckpointResult>;
  /** Stops the worker and gives the main connection its automatic checkpoint back. */
  stop(): Promise<void>;
}

export interface CheckpointResult {
  busy: boolean;
  log: number;
  checkpointed: number;
}

export interface CheckpointerOptions {
  /** The database file (the same one `db` has open). */
  path: string;
  intervalMs?: number;
  /** Log size, in pages, past which a commit checkpoints by itself while the worker runs (default 10,000: 40 MiB). */
  capPages?: number;
  /** Log size, in bytes, at which a tick starts the worker (default START_BYTES). */
  startBytes?: number;
  logger: Logger;
}

type Reply =
  { id: number; ok: true; busy: number; log: number; checkpointed: number } | { id: number; ok: false; error: string };

/** SQLite's default threshold, in pages, for the automatic checkpoint we fall back to. */
const AUTOCHECKPOINT_PAGES = 1000;
/** While the worker runs: a commit checkpoints only once the log holds this many pages. */
const CAP_PAGES = 10_000;
/**
 * The worker starts once the log holds this much (2 MiB, half of SQLite's own threshold), checked
 * on each tick: a process that writes little (a script, a short test, a quiet office) never
 * starts a thread it does not need. Under a burst SQLite may checkpoint on a commit once before
 * the next tick starts the worker, as it would without one.
 */
const START_BYTES = 2 * 1024 * 1024;

const setAutocheckpoint = (db: Db, pages: number) => sql.raw(`pragma wal_autocheckpoint = ${pages}`).execute(db);

export async function startCheckpointer(db: Db, options: CheckpointerOptions): Promise<Checkpointer> {
  const { logger } = options;
  const startBytes = options.startBytes ?? START_BYTES;
  const waiting = new Map<number, { resolve: (r: CheckpointResult) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let alive = true;
  let inFlight: Promise<CheckpointResult> | null = null;
  // Started when there is a log to copy (see START_BYTES), or when asked to checkpoint.
  let worker: Worker | null = null;
  let exited: Promise<void> = Promise.resolve();

  function fallBack(reason: string): void {
    // Whoever waits on the worker hears of its end, even while stop() is under way.
    waiting.forEach((w) => w.reject(new Error(`checkpoint worker stopped: ${reason}`)));
    waiting.clear();
    if (!alive) return;
    alive = false;
    clearInterval(timer);
    logger.error({ reason }, 'checkpoint worker stopped; SQLite checkpoints on commit again');
    void setAutocheckpoint(db, AUTOCHECKPOINT_PAGES).catch(() => undefined);
  }

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
      workerData: { path: options.path, busyTimeoutMs: 1000 },
    });
    worker = w;
    exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.unref(); // never what keeps the process running
    w.on('message', (reply: Reply) => {
      const pending = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (!pending) return;
      if (reply.ok) pending.resolve({ busy: reply.busy !== 0, log: reply.log, checkpointed: reply.checkpointed });
      else pending.reject(new Error(reply.error));
    });
    w.on('error', (e) => fallBack(e.message));
    w.on('exit', (code) => fallBack(`exited with code ${code}`));
    // From now on the worker copies the log: a commit checkpoints by itself only past the cap.
    void setAutocheckpoint(db, options.capPages ?? CAP_PAGES).catch(() => undefined);
    return w;
  }

  function checkpoint(): Promise<CheckpointResult> {
    if (!alive) return Promise.reject(new Error('checkpoint worker is not running'));
    const w = started();
    inFlight ??= new Promise<CheckpointResult>((resolve, reject) => {
      nextId += 1;
      waiting.set(nextId, { resolve, reject });
      w.postMessage({ id: nextId });
    }).finally(() => {
      inFlight = null;
    });
    return inFlight;
  }

  /** The log's size in bytes (0 before there is one). */
  function logBytes(): number {
    try {
      return fs.statSync(`${options.path}-wal`).size;
    } catch {
      return 0;
    }
  }

  const timer = setInterval(() => {
    if (!worker && logBytes() < startBytes) return;
    checkpoint().catch((e: unknown) =>
      logger.warn({ err: e instanceof Error ? e.message : String(e) }, 'checkpoint failed; will retry'),
    );
  }, options.intervalMs ?? 1000);
  timer.unref();

  return {
    checkpoint,
    async stop() {
      if (!alive) return;
      alive = false;
      clearInterval(timer);
      if (!worker) return;
      await inFlight?.catch(() => undefined);
      // Unreferenced, the worker would let the process end while we wait for it to exit.
      worker.ref();
      worker.postMessage('close');
      await exited;
      await setAutocheckpoint(db, AUTOCHECKPOINT_PAGES);
    },
  };
}
