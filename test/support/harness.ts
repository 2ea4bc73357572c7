import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { webhook } from '@line/bot-sdk';
import { createApp, type RunningApp } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { movableClock, type MovableClock } from '../../src/infra/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { signedWebhookRequest } from './line-events.js';

export const TEST_SECRET = 'test-channel-secret';
export const TEST_TOKEN = 'test-channel-access-token';
export const STAFF_GROUP = 'Cstaffgroup000000000000000000000';
export const STAFF_API_TOKEN = 'staff-api-token-for-tests-0123456789';

export interface Harness {
  app: RunningApp;
  platform: FakeLinePlatform;
  clock: MovableClock;
  baseUrl: string;
  sqlitePath: string;
  /** Posts a signed webhook body; returns the HTTP status. */
  post(events: webhook.Event[]): Promise<Response>;
  /** Waits until every accepted event is processed and every due message is sent. */
  settle(): Promise<void>;
  /** Stops the server (keeping the database file) and starts a new one on it. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the clock starts (Japan time matters to every rule). */
  now?: string;
  env?: Record<string, string>;
  sqlitePath?: string;
}

function configFor(platform: FakeLinePlatform, sqlitePath: string, env: Record<string, string>): Config {
  return loadConfig({
    NODE_ENV: 'test',
    LINE_CHANNEL_SECRET: TEST_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_TOKEN,
    LINE_API_BASE_URL: platform.url,
    SQLITE_PATH: sqlitePath,
    STAFF_GROUP_ID: STAFF_GROUP,
    STAFF_API_TOKEN: STAFF_API_TOKEN,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...env,
  });
}

/** The real server on port 0 with a real SQLite file and a fake LINE platform on loopback. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const platform = await startFakeLinePlatform({ channelAccessToken: TEST_TOKEN });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'booking-test-'));
  const sqlitePath = options.sqlitePath ?? path.join(dir, 'booking.db');
  const clock = movableClock(new Date(options.now ?? '2026-12-01T00:00:00Z'));
  const config = configFor(platform, sqlitePath, options.env ?? {});
  const logger = createLogger(config.logLevel);
  let app = await createApp(config, { clock, logger, retryIntervalMs: 50 });
  let port = await app.listen(0);
  const harness: Harness = {
    get app() {
      return app;
    },
    platform,
    clock,
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    sqlitePath,
    async post(events) {
      const { body, headers } = signedWebhookRequest(TEST_SECRET, events);
      return fetch(`${harness.baseUrl}/webhook`, { method: 'POST', body, headers });
    },
    async settle() {
      // Events scheduled after the 200 run on the queue; sending follows each commit.
      for (let i = 0; i < 3; i += 1) {
        await app.queue.idle();
        await app.sender.flush();
      }
    },
    async restart() {
      await app.close();
      app = await createApp(config, { clock, logger, retryIntervalMs: 50 });
      port = await app.listen(0);
    },
    async close() {
      await app.close();
      await platform.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}
