import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver, textOf } from '../support/chat-driver.js';
import { probe } from '../support/db-inspect.js';
import { textEvent } from '../support/line-events.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

describe('when an event cannot be processed', () => {
  it('continues from a fresh conversation when the stored one is unreadable, saying so', async () => {
    const u = new ChatDriver(h, 'Ufail000000000000000000000000001');
    await u.say('予約する');
    await u.tap('同意する');
    await probe(h).run("UPDATE conversations SET snapshot = '{not json' WHERE line_user_id = ?", u.userId);
    await u.say('はい');
    expect(u.lastText()).toContain('続けられなくなりました');
  });

  it('retries the event, and after several failures tells the person once instead of staying silent', async () => {
    const u = new ChatDriver(h, 'Ufail000000000000000000000000002');
    await u.say('予約する');
    await probe(h).run('ALTER TABLE conversations RENAME TO conversations_broken');
    await u.say('同意する');
    expect(u.lastText()).toContain('ただいまお返事できない状態です');
    const inbox = await probe(h).get(
      'SELECT status, attempts FROM inbox WHERE chat_key = ? ORDER BY received_at DESC LIMIT 1',
      u.userId,
    );
    expect(inbox).toEqual({ status: 'failed', attempts: 5 });
    // The parked event is not tried again, so the person is not told twice.
    await h.app.processor.recover();
    await h.settle();
    const said = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => JSON.stringify(d.message));
    expect(said.filter((t) => t.includes('ただいまお返事できない'))).toHaveLength(1);
  });
});

describe('when an event fails for a moment', () => {
  let slow: Harness;
  beforeEach(async () => {
    // Long enough waits between attempts to mend the database, or stop the server, while the
    // first one waits: a loaded machine can take a few hundred milliseconds between two steps.
    slow = await startHarness({ now: '2026-12-01T00:00:00Z', eventRetryDelaysMs: [1500, 1500, 1500, 1500] });
  });
  afterEach(async () => {
    await slow.close();
  });

  it("holds the chat's later messages until the failed one went through, so they are answered in order", async () => {
    const u = new ChatDriver(slow, 'Ufail000000000000000000000000003');
    await u.say('予約する');
    await probe(slow).run('ALTER TABLE conversations RENAME TO conversations_broken');
    const agree = textEvent({
      userId: u.userId,
      replyToken: slow.platform.issueReplyToken(u.userId),
      text: '同意します',
    });
    expect((await slow.post([agree])).status).toBe(200);
    await waitFor(async () => (await attemptsOf(slow, agree.webhookEventId)) >= 1);
    await probe(slow).run('ALTER TABLE conversations_broken RENAME TO conversations');
    // Sent while the first is waiting for its second attempt.
    const registered = textEvent({
      userId: u.userId,
      replyToken: slow.platform.issueReplyToken(u.userId),
      text: '登録済み',
    });
    expect((await slow.post([registered])).status).toBe(200);
    await slow.settle();

    const answers = slow.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => textOf(d.message));
    expect(answers.at(-2)).toContain('求職登録');
    expect(answers.at(-1)).not.toContain('求職登録');
    expect(answers.at(-1)).not.toContain('利用規約');
    const done = await probe(slow).all<{ id: string; status: string; at: string }>(
      'SELECT webhook_event_id AS id, status, processed_at AS at FROM inbox WHERE webhook_event_id IN (?, ?)',
      agree.webhookEventId,
      registered.webhookEventId,
    );
    expect(done.map((r) => r.status)).toEqual(['done', 'done']);
  });

  it('leaves a failing event pending at shutdown instead of using up its attempts, and answers it after the restart', async () => {
    const u = new ChatDriver(slow, 'Ufail000000000000000000000000004');
    await u.say('予約する');
    await probe(slow).run('ALTER TABLE conversations RENAME TO conversations_broken');
    const agree = textEvent({
      userId: u.userId,
      replyToken: slow.platform.issueReplyToken(u.userId),
      text: '同意します',
    });
    expect((await slow.post([agree])).status).toBe(200);
    await waitFor(async () => (await attemptsOf(slow, agree.webhookEventId)) >= 1);
    await slow.stop();
    const left = await probe(slow).get(
      'SELECT status, attempts FROM inbox WHERE webhook_event_id = ?',
      agree.webhookEventId,
    );
    expect(left).toEqual({ status: 'pending', attempts: 1 });

    await probe(slow).run('ALTER TABLE conversations_broken RENAME TO conversations');
    await slow.start();
    await slow.settle();
    const answers = slow.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => textOf(d.message));
    expect(answers.at(-1)).toContain('求職登録');
  });

  it("leaves the chat's later events pending behind one cut short at shutdown, so after the restart they still come in order", async () => {
    const u = new ChatDriver(slow, 'Ufail000000000000000000000000005');
    await u.say('予約する');
    await probe(slow).run('ALTER TABLE conversations RENAME TO conversations_broken');
    const agree = textEvent({
      userId: u.userId,
      replyToken: slow.platform.issueReplyToken(u.userId),
      text: '同意します',
    });
    expect((await slow.post([agree])).status).toBe(200);
    await waitFor(async () => (await attemptsOf(slow, agree.webhookEventId)) >= 1);
    const registered = textEvent({
      userId: u.userId,
      replyToken: slow.platform.issueReplyToken(u.userId),
      text: '登録済み',
    });
    expect((await slow.post([registered])).status).toBe(200);
    // The database mends just as the server shuts down, with the second event still queued.
    await probe(slow).run('ALTER TABLE conversations_broken RENAME TO conversations');
    await slow.stop();
    const statuses = await probe(slow).all<{ id: string; status: string }>(
      'SELECT webhook_event_id AS id, status FROM inbox WHERE webhook_event_id IN (?, ?)',
      agree.webhookEventId,
      registered.webhookEventId,
    );
    expect(statuses.map((r) => r.status)).toEqual(['pending', 'pending']);

    await slow.start();
    await slow.settle();
    const answers = slow.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .map((d) => textOf(d.message));
    expect(answers.at(-2)).toContain('求職登録');
    expect(answers.at(-1)).not.toContain('求職登録');
    expect(answers.at(-1)).not.toContain('下のボタン');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function attemptsOf(harness: Harness, webhookEventId: string): Promise<number> {
  const row = await probe(harness).get<{ attempts: number }>(
    'SELECT attempts FROM inbox WHERE webhook_event_id = ?',
    webhookEventId,
  );
  return row?.attempts ?? 0;
}
