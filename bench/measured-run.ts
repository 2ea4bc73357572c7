/**
 * One measured run: a fresh fake LINE platform, a fresh server child (ours or the baseline), the
 * load, and the server's own figures (CPU time, peak RSS, database size) read from outside.
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
import { startServerChild } from './child-process.js';
import type { UserScript } from './conversation-script.js';
import { runLoad, type LoadResult } from './load-driver.js';

export const CHANNEL_SECRET = 'bench-channel-secret';
export const CHANNEL_TOKEN = 'bench-channel-access-token';
export const STAFF_GROUP = 'Cbenchstaffgroup0000000000000000';

export type ServerKind = 'ours' | 'baseline';

export interface RunOptions {
  kind: ServerKind;
  users: number;
  scriptFor(index: number): UserScript;
  /** For ours: the SQLite file to use (seeded or not); a fresh one in a temp dir otherwise. */
  sqlitePath?: string;
  /** Extra environment for our server (APP_NOW, SLOT_CAPACITY...). */
  env?: Record<string, string>;
  onProgress?(eventsSent: number): void;
  /** Mean think time between steps (see LoadOptions.thinkMs). */
  thinkMs?: number;
  /** Stop the load after this long (see LoadOptions.maxRunMs). */
  maxRunMs?: number;
  /** Extra Node flags for the server process, e.g. ['--cpu-prof'] to see where its time goes. */
  serverNodeArgs?: string[];
}

export interface RunFigures extends LoadResult {
  kind: ServerKind;
  serverCpuSeconds: number;
  serverCpuMsPerEvent: number;
  peakRssMb: number;
  /** SQLite file plus WAL, in MiB, right after the load (ours only). */
  dbMb: number | null;
}

const here = path.dirname(new URL(import.meta.url).pathname);

function fileMb(file: string): number {
  try {
    return fs.statSync(file).size / 2 ** 20;
  } catch {
    return 0;
  }
}

export async function measuredRun(options: RunOptions): Promise<RunFigures> {
  const platform = await startFakeLinePlatform({ channelAccessToken: CHANNEL_TOKEN });
  const tempDir = options.sqlitePath ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'booking-bench-'));
  const sqlitePath = options.sqlitePath ?? path.join(tempDir!, 'booking.db');
  const script = path.join(here, options.kind === 'ours' ? 'server-process.ts' : 'baseline-server.ts');
  const server = await startServerChild(script, {
    LINE_CHANNEL_SECRET: CHANNEL_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: CHANNEL_TOKEN,
    LINE_API_BASE_URL: platform.url,
    SQLITE_PATH: sqlitePath,
    STAFF_GROUP_ID: STAFF_GROUP,
    LOG_LEVEL: 'silent',
    ...options.env,
  }, options.serverNodeArgs);
  try {
    const cpuBefore = server.cpuSeconds();
    const load = await runLoad({
      webhookUrl: `http://127.0.0.1:${server.port}/webhook`,
      channelSecret: CHANNEL_SECRET,
      platform,
      users: options.users,
      scriptFor: options.scriptFor,
      onProgress: options.onProgress,
      thinkMs: options.thinkMs,
      maxRunMs: options.maxRunMs,
    });
    const serverCpuSeconds = server.cpuSeconds() - cpuBefore;
    return {
      ...load,
      kind: options.kind,
      serverCpuSeconds,
      serverCpuMsPerEvent: (serverCpuSeconds * 1000) / Math.max(1, load.events),
      peakRssMb: server.peakRssKb() / 1024,
      dbMb: options.kind === 'ours' ? fileMb(sqlitePath) + fileMb(`${sqlitePath}-wal`) : null,
    };
  } finally {
    if (!(await server.stop())) process.stderr.write(`[bench] ${options.kind} server did not close within 10 s of SIGTERM; killed\n`);
    await platform.close();
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  }
}
