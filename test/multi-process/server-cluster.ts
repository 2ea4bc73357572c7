/**
 * Several server processes on one PostgreSQL database, started as children of the test, each
 * connected to the same fake LINE platform. One can be killed outright (SIGKILL: no shutdown, no
 * flush, its transactions cut off) and another started in its place, on the same port.
 */
import path from 'node:path';
import { startServerChild, type ServerChild } from '../../bench/child-process.js';
import { TEST_DATA_KEY } from '../support/data-key.js';

const SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), 'server-child.ts');

export interface ClusterOptions {
  processes: number;
  databaseUrl: string;
  /** Everything else the servers read: LINE credentials and base URL, staff group, capacity... */
  env: Record<string, string>;
  /** The clock every process shares: it reads `appNow` at real time `clockOriginMs`. */
  appNow: string;
  clockOriginMs: number;
}

export interface ServerCluster {
  /** The webhook URL of each process, by index; a process started again keeps its URL. */
  readonly webhookUrls: readonly string[];
  /** SIGKILL to process `index`; resolves once it is gone. */
  kill(index: number): Promise<void>;
  /** A new process in the place of `index` (after kill), on the same database and port. */
  restart(index: number): Promise<void>;
  /** SIGTERM to every process still running; resolves once all have exited. */
  stop(): Promise<void>;
}

export async function startServerCluster(options: ClusterOptions): Promise<ServerCluster> {
  const envFor = (port: number): Record<string, string> => ({
    // Every process reads and writes personal data under the same key.
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    ...options.env,
    DATABASE_URL: options.databaseUrl,
    APP_NOW: options.appNow,
    CLOCK_ORIGIN_MS: String(options.clockOriginMs),
    CHILD_PORT: String(port),
  });
  const children: (ServerChild | null)[] = [];
  try {
    // One after another: the first runs the migrations check and seeds the terms version alone.
    for (let i = 0; i < options.processes; i += 1) children.push(await startServerChild(SCRIPT, envFor(0)));
  } catch (e: unknown) {
    await Promise.all(children.flatMap((c) => (c ? [c.stop()] : [])));
    throw e;
  }
  const ports = children.map((c) => c!.port);
  return {
    webhookUrls: ports.map((p) => `http://127.0.0.1:${p}/webhook`),
    async kill(index) {
      const child = children[index];
      if (!child) throw new Error(`process ${index} is not running`);
      process.kill(child.pid, 'SIGKILL');
      await child.stop(); // resolves once the exit is seen
      children[index] = null;
    },
    async restart(index) {
      if (children[index]) throw new Error(`process ${index} is still running`);
      children[index] = await startServerChild(SCRIPT, envFor(ports[index]!));
    },
    async stop() {
      await Promise.all(children.flatMap((c) => (c ? [c.stop()] : [])));
      children.fill(null);
    },
  };
}
