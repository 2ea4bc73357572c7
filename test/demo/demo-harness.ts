import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startDemo, type RunningDemo } from '../../src/demo/start-demo.js';

/** Tuesday 2026-12-01 09:00 in Japan: the earliest bookable day is Thursday 12-03. */
export const DEMO_NOW = '2026-12-01T09:00:00+09:00';

export interface DemoHarness {
  demo: RunningDemo;
  /** `${baseUrl}/demo/api` */
  api: string;
  /** Waits until every accepted event is processed and every due message is sent. */
  settle(): Promise<void>;
  /** POSTs JSON to a demo API path (e.g. `send`); returns status and parsed body. */
  post(pathName: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
  get(pathName: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

/**
 * Demo mode as `npm start` runs it without credentials (the same startDemo), but on port 0 with
 * its own temporary SQLite file and a fixed starting time.
 */
export async function startDemoHarness(env: Record<string, string> = {}): Promise<DemoHarness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demo-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    SQLITE_PATH: path.join(dir, 'demo.db'),
    APP_NOW: DEMO_NOW,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
  const demo = await startDemo(config, { port: 0, retryIntervalMs: 50 });
  const api = `${demo.baseUrl}/demo/api`;
  const json = async (res: Response) => ({
    status: res.status,
    body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
  });
  return {
    demo,
    api,
    async settle() {
      for (let i = 0; i < 3; i += 1) {
        await demo.app.queue.idle();
        await demo.app.sender.flush();
      }
    },
    post: async (pathName, body) =>
      json(
        await fetch(`${api}/${pathName}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }),
      ),
    get: async (pathName) => json(await fetch(`${api}/${pathName}`)),
    async close() {
      await demo.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
