/**
 * The real server (src/main.ts) in a process of its own, stopped with SIGTERM while LINE answers
 * none of its calls: it must exit within the 10 s a container stop allows (else it is killed
 * mid-send), and once started again with LINE answering, every answer it owed must arrive, once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startServerChild, type ServerChild } from '../../bench/child-process.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';
import { TEST_DATA_KEY } from '../support/data-key.js';
import { outboxRows, type DatabaseLocation } from '../support/db-inspect.js';
import { signedWebhookRequest, textEvent } from '../support/line-events.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../support/test-store.js';

const SECRET = 'shutdown-test-secret';
const TOKEN = 'shutdown-test-token';
const MAIN = path.resolve(import.meta.dirname, '../../src/main.ts');
const STOP_LIMIT_MS = 10_000;

let dir: string;
let where: DatabaseLocation;
let pgDatabase: TestDatabase | undefined;
let platform: FakeLinePlatform;
let server: ServerChild | undefined;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shutdown-hang-'));
  pgDatabase = onPostgres ? await createTestDatabase() : undefined;
  where = { sqlitePath: path.join(dir, 'db.sqlite'), databaseUrl: pgDatabase?.url };
  platform = await startFakeLinePlatform({ channelAccessToken: TOKEN });
});
afterEach(async () => {
  await server?.stop();
  await platform.close();
  await pgDatabase?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function startServer(): Promise<ServerChild> {
  return startServerChild(MAIN, {
    NODE_ENV: 'development',
    LOG_LEVEL: 'info',
    PORT: '0',
    HOST: '127.0.0.1',
    // The test reads what the server stored, encrypted under this key (docs/storage.md).
    DATA_ENCRYPTION_KEY: TEST_DATA_KEY,
    LINE_CHANNEL_SECRET: SECRET,
    LINE_CHANNEL_ACCESS_TOKEN: TOKEN,
    LINE_API_BASE_URL: platform.url,
    LINE_DATA_API_BASE_URL: platform.url,
    STAFF_GROUP_ID: 'Cstaffgroup000000000000000000000',
    SQLITE_PATH: pgDatabase ? undefined : where.sqlitePath,
    DATABASE_URL: pgDatabase?.url,
  });
}

async function say(port: number, userId: string, text: string): Promise<void> {
  const request = signedWebhookRequest(SECRET, [
    textEvent({ userId, text, replyToken: platform.issueReplyToken(userId) }),
  ]);
  const res = await fetch(`http://127.0.0.1:${port}/webhook`, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
  });
  expect(res.status).toBe(200);
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

it('stops within 10 s on SIGTERM while LINE hangs, and answers everyone after the restart, once', async () => {
  const users = Array.from({ length: 6 }, (_, i) => `Ushutdown${String(i).padStart(24, '0')}`);
  platform.hang(users);
  server = await startServer();
  for (const user of users) await say(server.port, user, 'こんにちは');
  // Every answer is on its way and LINE is holding the call.
  await until(() => platform.calls().filter((c) => c.status === 0).length >= users.length, 15_000);

  const stopping = Date.now();
  const stoppedByItself = await server.stop();
  const tookMs = Date.now() - stopping;
  server = undefined;
  console.log(`SIGTERM while LINE hangs: exited after ${tookMs} ms`);
  expect(stoppedByItself).toBe(true);
  expect(tookMs).toBeLessThan(STOP_LIMIT_MS);
  expect(platform.delivered()).toEqual([]);

  platform.hang([]);
  server = await startServer();
  const owed = await outboxRows(where);
  expect(new Set(owed.map((r) => r.recipient))).toEqual(new Set(users));
  await until(async () => (await outboxRows(where)).every((r) => r.status === 'sent'), 20_000);
  // Each row's messages arrived once: the replies LINE never answered went again as pushes.
  const expected = owed.flatMap((r) => (JSON.parse(r.messages) as unknown[]).map(() => r.recipient)).sort();
  expect(
    platform
      .delivered()
      .map((d) => d.to)
      .sort(),
  ).toEqual(expected);
  expect(new Set(platform.delivered().map((d) => d.via))).toEqual(new Set(['push']));
}, 90_000);
