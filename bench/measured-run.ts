/**
 * One measured run: a fresh fake LINE platform, a fresh server child (ours or the baseline; ours
 * on a fresh SQLite file or a fresh PostgreSQL database, then possibly as several processes on
 * it), an unmeasured warm-up load if asked for, the measured load, and the server's own figures
 * (CPU time, peak RSS, database size) read from outside.
 *
 * Arrangement, and why: the server runs alone in a child process; the load driver and the fake
 * LINE platform share this process. On a 2-core machine that gives the server a core to itself
 * instead of sharing an event loop with the code that measures it (in one process, every
 * millisecond the driver spends signing bodies or parsing replies would show up as server
 * latency). The fake platform stays with the driver because both latencies end at a moment it
 * sees (the reply's arrival), so both ends of every interval are read on one clock; a third
 * process would need cross-process clocks and would make three busy processes share two cores.
 * `driverCpuShare` in the result shows whether this side ever became the bottleneck.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFakeLinePlatform } from '../src/line/fake-line-platform.js';
import { createBenchDatabase, type TransactionCounts } from './bench-database.js';
import { startServerChild, type ServerChild } from './child-process.js';
import type { UserScript } from './conversation-script.js';
import { runLoad, type LoadResult } from './load-driver.js';

export const CHANNEL_SECRET = 'bench-channel-secret';
/** The data key the servers encrypt personal data under (given, so no key file is written beside the repository). */
const DATA_KEY = 'YmVuY2gtZGF0YS1rZXktMDEyMzQ1Njc4OWFiY2RlZjA=';
export const CHANNEL_TOKEN = 'bench-channel-access-token';
export const STAFF_GROUP = 'Cbenchstaffgroup0000000000000000';

export type ServerKind = 'ours' | 'baseline' | 'floor';

const SCRIPTS: Record<ServerKind, string> = {
  ours: 'server-process.ts',
  baseline: 'baseline-server.ts',
  floor: 'durable-floor-server.ts',
};

export interface RunOptions {
  kind: ServerKind;
  users: number;
  scriptFor: (index: number) => UserScript;
  /** For ours: the SQLite file to use (seeded or not); a fresh one in a temp dir otherwise. */
  sqlitePath?: string;
  /**
   * For ours: run on a fresh database created on this PostgreSQL server (and dropped afterwards)
   * instead of SQLite, as `processes` server processes sharing it, the load posted to them in turn.
   */
  postgres?: { adminUrl: string; processes: number };
  /** Extra environment for our server (APP_NOW, SLOT_CAPACITY...). */
  env?: Record<string, string>;
  onProgress?: (eventsSent: number) => void;
  /** Mean think time between steps (see LoadOptions.thinkMs). */
  thinkMs?: number;
  /** Stop the load after this long (see LoadOptions.maxRunMs). */
  maxRunMs?: number;
  /** Extra Node flags for the server process, e.g. ['--cpu-prof'] to see where its time goes. */
  serverNodeArgs?: string[];
  /**
   * Users run through whole conversations on the same server and platform before the measured
   * load, with no pause, and not measured: the server's code is then JIT compiled and its paths
   * hot, so the first burst of cold requests does not make the measured p99. Their personas are
   * scriptFor(users + 1,000,000 + i), which no measured user gets. 0 or absent = no warm-up.
   */
  warmupUsers?: number;
}

export interface RunFigures extends LoadResult {
  kind: ServerKind;
  /** Where ours kept its data (null for the baseline, which stores nothing). */
  store: 'sqlite' | 'postgres' | null;
  /** Server processes the load was spread over (1 but on PostgreSQL with --processes). */
  processes: number;
  /** Summed over the server processes. */
  serverCpuSeconds: number;
  serverCpuMsPerEvent: number;
  /** Summed over the server processes; each one's below. */
  peakRssMb: number;
  peakRssPerProcessMb: number[];
  /**
   * SQLite file plus WAL, or pg_database_size on PostgreSQL, in MiB, right after the load (not for
   * the baseline, which stores nothing; warm-up rows included).
   */
  dbMb: number | null;
  /** On PostgreSQL: transactions committed and rolled back in the run's database, warm-up and start included. */
  postgresTransactions: TransactionCounts | null;
  /** Warm-up users run before the load (their figures are discarded), and how many failed. */
  warmupUsers: number;
  warmupFailed: number;
}

const here = path.dirname(new URL(import.meta.url).pathname);

const WARMUP_LIMIT_MS = 60_000;
const WARMUP_PERSONA_OFFSET = 1_000_000;

function fileMb(file: string): number {
  try {
    return fs.statSync(file).size / 2 ** 20;
  } catch {
    return 0;
  }
}

interface PreparedStore {
  kind: 'sqlite' | 'postgres';
  /** Variables for the server children; undefined removes one inherited from this process. */
  env: Record<string, string | undefined>;
  sizeMb(): Promise<number>;
  /** Read once the servers have stopped (PostgreSQL only). */
  transactionsAfterClose(): Promise<TransactionCounts | null>;
  cleanup(): Promise<void>;
}

async function prepareStore(options: RunOptions): Promise<PreparedStore> {
  if (options.postgres) {
    const database = await createBenchDatabase(options.postgres.adminUrl);
    return {
      kind: 'postgres',
      env: { DATABASE_URL: database.url, SQLITE_PATH: undefined },
      sizeMb: () => database.sizeMb(),
      transactionsAfterClose: () => database.transactionsAfterClose(),
      cleanup: () => database.drop(),
    };
  }
  const tempDir = options.sqlitePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'booking-bench-'));
  const sqlitePath = options.sqlitePath ?? path.join(tempDir!, 'booking.db');
  return {
    kind: 'sqlite',
    env: { SQLITE_PATH: sqlitePath, DATABASE_URL: undefined },
    sizeMb: () => Promise.resolve(fileMb(sqlitePath) + fileMb(`${sqlitePath}-wal`)),
    transactionsAfterClose: () => Promise.resolve(null),
    cleanup: () => Promise.resolve(tempDir ? fs.rmSync(tempDir, { recursive: true, force: true }) : undefined),
  };
}

export async function measuredRun(options: RunOptions): Promise<RunFigures> {
  const store = await prepareStore(options);
  try {
    const figures = await runOnServers(options, store);
    return { ...figures, postgresTransactions: await store.transactionsAfterClose() };
  } finally {
    await store.cleanup();
  }
}

async function runOnServers(
  options: RunOptions,
  store: PreparedStore,
): Promise<Omit<RunFigures, 'postgresTransactions'>> {
  const platform = await startFakeLinePlatform({ channelAccessToken: CHANNEL_TOKEN });
  const script = path.join(here, SCRIPTS[options.kind]);
  const processes = options.postgres?.processes ?? 1;
  const servers: ServerChild[] = [];
  try {
    // One after another: the first migrates a fresh database, the others find it ready.
    for (let i = 0; i < processes; i += 1)
      servers.push(
        await startServerChild(
          script,
          {
            LINE_CHANNEL_SECRET: CHANNEL_SECRET,
            LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_TOKEN,
            LINE_API_BASE_URL: platform.url,
            STAFF_GROUP_ID: STAFF_GROUP,
            DATA_ENCRYPTION_KEY: DATA_KEY,
            LOG_LEVEL: 'silent',
            ...store.env,
            ...options.env,
          },
          options.serverNodeArgs,
        ),
      );
    const webhookUrl = servers.map((s) => `http://127.0.0.1:${s.port}/webhook`);
    const cpuSeconds = () => servers.reduce((sum, s) => sum + s.cpuSeconds(), 0);
    // The server's clock started at APP_NOW a moment ago; stamp events on it.
    const appNow = options.env?.APP_NOW;
    const eventClockOffsetMs = appNow ? Date.parse(appNow) - Date.now() : 0;
    const warmupUsers = Math.max(0, Math.floor(options.warmupUsers ?? 0));
    let warmupFailed = 0;
    if (warmupUsers > 0) {
      const warmup = await runLoad({
        webhookUrl,
        channelSecret: CHANNEL_SECRET,
        platform,
        users: warmupUsers,
        scriptFor: (i) => options.scriptFor(options.users + WARMUP_PERSONA_OFFSET + i),
        maxRunMs: WARMUP_LIMIT_MS,
        eventClockOffsetMs,
      });
      warmupFailed = warmup.failed + warmup.stopped;
      if (warmupFailed > 0) {
        const reasons = [...new Set(warmup.failureReasons)].slice(0, 3).join('; ');
        process.stderr.write(
          `[bench] ${options.kind} warm-up: ${warmup.failed} of ${warmupUsers} users failed, ${warmup.stopped} stopped at ${WARMUP_LIMIT_MS / 1000} s${reasons ? ` (${reasons})` : ''}; measuring anyway\n`,
        );
      }
    }
    const cpuBefore = cpuSeconds();
    const load = await runLoad({
      webhookUrl,
      channelSecret: CHANNEL_SECRET,
      platform,
      users: options.users,
      scriptFor: options.scriptFor,
      onProgress: options.onProgress,
      thinkMs: options.thinkMs,
      maxRunMs: options.maxRunMs,
      eventClockOffsetMs,
    });
    const serverCpuSeconds = cpuSeconds() - cpuBefore;
    // Read while the processes live: /proc forgets them when they exit.
    const peakRssPerProcessMb = servers.map((s) => s.peakRssKb() / 1024);
    return {
      ...load,
      kind: options.kind,
      store: options.kind === 'baseline' ? null : store.kind,
      processes,
      serverCpuSeconds,
      serverCpuMsPerEvent: (serverCpuSeconds * 1000) / Math.max(1, load.events),
      peakRssMb: peakRssPerProcessMb.reduce((sum, mb) => sum + mb, 0),
      peakRssPerProcessMb,
      dbMb: options.kind === 'baseline' ? null : await store.sizeMb(),
      warmupUsers,
      warmupFailed,
    };
  } finally {
    const closed = await Promise.all(servers.map((server) => server.stop()));
    for (const cleanly of closed)
      if (!cleanly)
        process.stderr.write(`[bench] ${options.kind} server did not close within 10 s of SIGTERM; killed\n`);
    await platform.close();
  }
}
