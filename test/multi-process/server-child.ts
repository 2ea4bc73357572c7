/**
 * The product's server in a process of its own, as bench/server-process.ts starts it, with two
 * differences several processes on one database need:
 * - One clock for all of them. APP_NOW alone starts each process's clock at APP_NOW when that
 *   process starts, so processes started seconds apart (or one restarted) would disagree on
 *   "now" by that much, which production servers reading the system clock never do; outbox claims
 *   and arrival order are compared across processes. CLOCK_ORIGIN_MS is the real time (ms since
 *   the epoch) at which every process's clock reads APP_NOW.
 * - CHILD_PORT: a process started again after a crash listens where the one before it did, so
 *   the load driver's list of servers stays valid (0 or unset: any free port).
 * Prints `{"port": N}` on stdout once it listens; closes cleanly on SIGTERM.
 */
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Clock } from '../../src/infra/clock.js';

const config = loadConfig(process.env);
const origin = Number(process.env.CLOCK_ORIGIN_MS);
if (config.appNow === null || !Number.isFinite(origin)) throw new Error('APP_NOW and CLOCK_ORIGIN_MS must be set');
const offsetMs = Date.parse(config.appNow) - origin;
const clock: Clock = { now: () => new Date(Date.now() + offsetMs) };

const app = await createApp(config, { clock });
const port = await app.listen(Number(process.env.CHILD_PORT ?? 0), '127.0.0.1');
process.stdout.write(`${JSON.stringify({ port })}\n`);

process.once('SIGTERM', () => {
  void app.close().finally(() => process.exit(0));
});
