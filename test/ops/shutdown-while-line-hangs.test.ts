/**
 * The real server (src/main.ts) in a process of its own, stopped with SIGTERM while LINE answers
 * none of its calls: it must exit within the 10 s a container stop allows (else it is killed
 * mid-send), and once started again with LINE answering, every answer it owed must arrive, once.
 */
import { expect, it } from 'vitest';
import { outboxRows } from '../support/db-inspect.js';
import { signedWebhookRequest, textEvent } from '../support/line-events.js';
import { useMainProcess } from '../support/main-process.js';

const STOP_LIMIT_MS = 10_000;

const main = useMainProcess('shutdown-hang');

async function say(port: number, userId: string, text: string): Promise<void> {
  const request = signedWebhookRequest(main.secret, [
    textEvent({ userId, text, replyToken: main.platform.issueReplyToken(userId) }),
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
  const { platform, where } = main;
  platform.hang(users);
  const server = await main.start();
  for (const user of users) await say(server.port, user, 'こんにちは');
  // Every answer is on its way and LINE is holding the call.
  await until(() => platform.calls().filter((c) => c.status === 0).length >= users.length, 15_000);

  const stopping = Date.now();
  const stoppedByItself = await server.stop();
  const tookMs = Date.now() - stopping;
  console.log(`SIGTERM while LINE hangs: exited after ${tookMs} ms`);
  expect(stoppedByItself).toBe(true);
  expect(tookMs).toBeLessThan(STOP_LIMIT_MS);
  expect(platform.delivered()).toEqual([]);

  platform.hang([]);
  await main.start();
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
