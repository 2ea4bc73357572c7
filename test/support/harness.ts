import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { webhook } from '@line/bot-sdk';
import { createApp, type AppOverrides, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { movableClock, type MovableClock } from '../../src/infra/clock.js';
import { createLogger, type Logger } from '../../src/infra/logger.js';
import { createLineClient, type LineClient } from '../../src/line/line-client.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { signedWebhookRequest } from './line-events.js';
import { createTestDatabase, onPostgres, type TestDatabase } from './test-store.js';
import { TEST_DATA_KEY } from './data-key.js';

export const TEST_SECRET = 'test-channel-secret';
export const TEST_TOKEN = 'test-channel-access-token';
export const STAFF_GROUP = 'Cstaffgroup000000000000000000000';
export const STAFF_API_TOKEN = 'staff-api-token-for-tests-0123456789';

export interface Harness {
  app: RunningApp;
  platform: FakeLinePlatform;
  clock: MovableClock;
  baseUrl: string;
  /** The SQLite file (on a PostgreSQL run, where it would be: nothing is written there). */
  sqlitePath: string;
  /** The test's own PostgreSQL database on a PostgreSQL run (test/support/test-store.ts). */
  databaseUrl: string | undefined;
  /**
   * Posts a signed webhook body; returns the response. Each event's `timestamp` is set from the
   * harness clock, as LINE stamps an event when it sends it, so events stay fresh to the server
   * however far a test moves the clock (it ignores events days old). To send a timestamp of your
   * own, sign the body with signedWebhookRequest and post it yourself.
   */
  post(events: webhook.Event[]): Promise<Response>;
  /** Waits until every accepted event is processed and every due message is sent. */
  settle(): Promise<void>;
  /**
   * Runs the timed jobs due at the clock's current time. The server's own timer may have begun a
   * pass before the test moved the clock, and runDue() then returns that pass, which read the old
   * time: so wait for it, then run one that starts now.
   */
  runJobs(): Promise<void>;
  /** Stops the server (waiting for work in hand, as close() does) and keeps the database file. */
  stop(): Promise<void>;
  /** Starts a new server on the same database file, clock and fake platform. */
  start(): Promise<void>;
  /** stop() then start(): a server restart mid-conversation. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** Where the clock starts (Japan time matters to every rule). */
  now?: string;
  env?: Record<string, string>;
  sqlitePath?: string;
  /** A logger of the test's own (to read what the server logs). */
  logger?: Logger;
  /** Wraps the real LINE client (pointed at the fake platform), e.g. to make one call hang. */
  wrapLineClient?: (real: LineClient) => LineClient;
  /** Waits between attempts at a failing event (short by default, so tests don't wait). */
  eventRetryDelaysMs?: readonly number[];
  /** Further overrides for createApp (a failing disk, say). */
  app?: Pick<AppOverrides, 'onStorageFailure' | 'walSync' | 'console' | 'jobTimer'>;
}

/** The real server on port 0 with a real SQLite file and a fake LINE platform on loopback. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const platform = await startFakeLinePlatform({ channelAccessToken: TEST_TOKEN });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'booking-test-'));
  const sqlitePath = options.sqlitePath ?? path.join(dir, 'booking.db');
  // A file a test chose is a SQLite test; otherwise the run's store decides.
  const database: TestDatabase | undefined = onPostgres && !options.sqlitePath ? await createTestDatabase() : undefined;
  const clock = movableClock(new Date(options.now ?? '2026-12-01T00:00:00Z'));
  const config = loadConfig({
    NODE_ENV: 'test',
    LINE_CHANNEL_SECRET: TEST_SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TEST_TOKEN,
    LINE_API_BASE_URL: platform.url,
    ...(database ? { DATABASE_URL: database.url } : { SQLITE_PATH: sqlitePath }),
    STAFF_GROUP_ID: STAFF_GROUP,
    STAFF_API_TOKEN: STAFF_API_TOKEN,
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    ...(options.env ?? {}),
  });
  const logger = options.logger ?? createLogger(config.logLevel);
  let app: RunningApp | null = null;
  let port = 0;
  const running = (): RunningApp => {
    if (!app) throw new Error('the server is stopped');
    return app;
  };
  const harness: Harness = {
    get app() {
      return running();
    },
    platform,
    clock,
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    sqlitePath,
    databaseUrl: database?.url,
    async post(events) {
      const now = clock.now().getTime();
      const { body, headers } = signedWebhookRequest(
        TEST_SECRET,
        events.map((e) => ({ ...e, timestamp: now })),
      );
      return fetch(`${harness.baseUrl}/webhook`, { method: 'POST', body, headers });
    },
    async settle() {
      for (let i = 0; i < 3; i += 1) {
        await running().queue.idle();
        await running().sender.flush();
      }
    },
    async runJobs() {
      await running().jobs.runDue();
      await running().jobs.runDue();
    },
    async stop() {
      if (!app) return;
      const a = app;
      app = null;
      await a.close();
    },
    async start() {
      if (app) throw new Error('the server is already running');
      const real = createLineClient({
        channelAccessToken: config.line.channelAccessToken,
        baseURL: config.line.apiBaseUrl,
      });
      const lineClient = options.wrapLineClient ? options.wrapLineClient(real) : real;
      app = await createApp(config, {
        clock,
        logger,
        retryIntervalMs: 50,
        lineClient,
        eventRetryDelaysMs: options.eventRetryDelaysMs ?? [5, 10, 20, 40],
        // A failed console sign-in pauses a second in production; tests that count on it say so.
        console: { failedLoginDelayMs: 0, ...options.app?.console },
        ...(options.app?.onStorageFailure ? { onStorageFailure: options.app.onStorageFailure } : {}),
        ...(options.app?.walSync ? { walSync: options.app.walSync } : {}),
        ...(options.app?.jobTimer === false ? { jobTimer: false } : {}),
      });
      port = await app.listen(0);
    },
    async restart() {
      await harness.stop();
      await harness.start();
    },
    async close() {
      await harness.stop();
      await platform.close();
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await harness.start();
  } catch (e: unknown) {
    // A server refused at start (a test of exactly that) leaves nothing behind either.
    await platform.close();
    await database?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return harness;
}
