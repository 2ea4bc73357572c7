import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../db/database.js';
import { createGroupCommitter, type GroupCommitter } from '../../db/group-commit.js';
import { enqueue } from '../../db/repositories/outbox-repository.js';
import { movableClock, type MovableClock } from '../../src/infra/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { createLineClient, LineApiError, type LineClient } from '../../src/line/line-client.js';
import { createOutboxSender, type OutboxSender } from '../../src/line/outbox-sender.js';
import { startFakeLinePlatform, type FakeLinePlatform } from '../../src/line/fake-line-platform.js';

const TOKEN = 'sender-test-token';
let dir: string;
let db: Db;
let committer: GroupCommitter;
let platform: FakeLinePlatform;
let clock: MovableClock;
let seq = 0;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-sender-'));
  db = await openDatabase({ path: path.join(dir, 'db.sqlite') });
  committer = createGroupCommitter(db);
  platform = await startFakeLinePlatform({ channelAccessToken: TOKEN });
  clock = movableClock(new Date('2026-12-01T00:00:00Z'));
});
afterEach(async () => {
  platform.setDown(null);
  await platform.close();
  await db.destroy();
  fs.rmSync(dir, { recursive: true, force: true });
});

function senderWith(
  client: LineClient = createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url }),
  concurrency?: number,
): OutboxSender {
  return createOutboxSender({ db, committer, client, clock, logger: createLogger('silent'), concurrency });
}

/** Queues one text push to `to` (committed), as the event processor does, and returns its text. */
async function queue(to: string, text: string): Promise<string> {
  seq += 1;
  const now = clock.now().toISOString();
  await committer.run((trx) =>
    enqueue(
      trx,
      [
        {
          dedupeKey: `t${seq}`,
          recipient: to,
          messages: [{ type: 'text', text }],
          replyToken: null,
          replyTokenExpiresAt: null,
        },
      ],
      now,
    ),
  );
  return text;
}

const textsTo = (to: string) =>
  platform
    .delivered()
    .filter((d) => d.to === to)
    .map((d) => d.message['text']);

describe('outbox sender, told which chats have new rows', () => {
  it("sends a chat's rows in the order they were queued, without a scan of the outbox", async () => {
    const sender = senderWith();
    const texts = [await queue('Ua', 'one'), await queue('Ua', 'two'), await queue('Ua', 'three')];
    sender.notify(['Ua']);
    await platform.waitFor((d) => d.length === 3);
    expect(textsTo('Ua')).toEqual(texts);
  });

  it('sends nothing until the commit that holds it is on the disk', async () => {
    await queue('Ud', 'after the sync');
    let sync!: () => void;
    const notYet = new Promise<void>((resolve) => (sync = resolve));
    const sender = createOutboxSender({
      db,
      committer: {
        run: (work, options) => committer.run(work, options),
        durable: () => notYet,
        close: () => committer.close(),
      },
      client: createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url }),
      clock,
      logger: createLogger('silent'),
    });
    sender.notify(['Ud']);
    await new Promise((r) => setTimeout(r, 50));
    expect(textsTo('Ud')).toEqual([]);
    sync();
    await platform.waitFor((d) => d.length === 1);
    expect(textsTo('Ud')).toEqual(['after the sync']);
  });

  it('picks up rows committed for a chat while that chat is being sent to', async () => {
    const sender = senderWith();
    platform.setLatency(80);
    await queue('Ub', 'first');
    sender.notify(['Ub']);
    await new Promise((r) => setTimeout(r, 20)); // the first send is on its way
    await queue('Ub', 'second');
    sender.notify(['Ub']);
    platform.setLatency(0);
    await platform.waitFor((d) => d.length === 2);
    expect(textsTo('Ub')).toEqual(['first', 'second']);
  });

  it('holds later rows of a chat behind one waiting for its retry, and sends both in order once it is due', async () => {
    const sender = senderWith();
    platform.failNext(1, 500);
    await queue('Uc', 'early');
    sender.notify(['Uc']);
    await sender.flush(); // waits for the send under way: it failed, retry in a second
    expect(platform.calls().map((c) => c.status)).toEqual([500]);
    await queue('Uc', 'late');
    sender.notify(['Uc']);
    await sender.flush();
    expect(textsTo('Uc')).toEqual([]); // "late" may not overtake "early"
    clock.advance(1_500);
    await sender.flush();
    expect(textsTo('Uc')).toEqual(['early', 'late']);
  });

  it('never sends to more chats at once than its limit, and still reaches every chat', async () => {
    const client = createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url });
    let open = 0;
    let most = 0;
    const counting: LineClient = {
      ...client,
      async push(to, messages, retryKey) {
        open += 1;
        most = Math.max(most, open);
        try {
          await client.push(to, messages, retryKey);
        } finally {
          open -= 1;
        }
      },
    };
    const sender = senderWith(counting, 2);
    platform.setLatency(15);
    const chats = ['U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'U7'];
    for (const chat of chats) await queue(chat, `hello ${chat}`);
    sender.notify(chats);
    await platform.waitFor((d) => d.length === chats.length);
    expect(most).toBe(2);
    expect(chats.map((c) => textsTo(c))).toEqual(chats.map((c) => [`hello ${c}`]));
  });

  it('leaves rows held for the morning alone but does not let them hold up a later answer', async () => {
    const sender = senderWith();
    const now = clock.now();
    await committer.run((trx) =>
      enqueue(
        trx,
        [
          {
            dedupeKey: 'held',
            recipient: 'Ud',
            messages: [{ type: 'text', text: 'morning' }],
            replyToken: null,
            replyTokenExpiresAt: null,
            notBefore: new Date(now.getTime() + 3_600_000).toISOString(),
          },
        ],
        now.toISOString(),
      ),
    );
    await queue('Ud', 'answer');
    sender.notify(['Ud']);
    await platform.waitFor((d) => d.length === 1);
    expect(textsTo('Ud')).toEqual(['answer']);
    clock.advance(3_600_000);
    await sender.flush();
    expect(textsTo('Ud')).toEqual(['answer', 'morning']);
  });

  it('pushes at once when LINE refuses the reply token, without waiting for the timer', async () => {
    const sender = senderWith();
    const expires = new Date(clock.now().getTime() + 50_000).toISOString();
    await committer.run((trx) =>
      enqueue(
        trx,
        [
          {
            dedupeKey: 'stale-token',
            recipient: 'Ue',
            messages: [{ type: 'text', text: 'answer' }],
            replyToken: 'not-a-token-line-issued',
            replyTokenExpiresAt: expires,
          },
        ],
        clock.now().toISOString(),
      ),
    );
    sender.notify(['Ue']);
    const [delivered] = await platform.waitFor((d) => d.length === 1);
    expect(delivered?.via).toBe('push');
    expect(platform.calls().map((c) => `${c.path.split('/').at(-1)} ${c.status}`)).toEqual(['reply 400', 'push 200']);
  });

  it('pushes an answer whose reply went out but whose answer was lost: it may arrive twice, never not at all', async () => {
    let lose = 1;
    const real = createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url });
    // LINE takes the reply, but its answer never arrives (a dropped connection).
    const sender = senderWith({
      ...real,
      async reply(token, messages) {
        await real.reply(token, messages);
        if (lose-- > 0) throw new LineApiError('socket hang up', 0, false);
      },
    });
    const expires = new Date(clock.now().getTime() + 50_000).toISOString();
    const token = platform.issueReplyToken('Uf');
    await committer.run((trx) =>
      enqueue(
        trx,
        [
          {
            dedupeKey: 'lost-answer',
            recipient: 'Uf',
            messages: [{ type: 'text', text: 'answer' }],
            replyToken: token,
            replyTokenExpiresAt: expires,
          },
        ],
        clock.now().toISOString(),
      ),
    );
    sender.notify(['Uf']);
    await platform.waitFor((d) => d.length === 1);
    await sender.flush();
    clock.advance(2_000); // past the first retry's backoff
    await sender.flush();
    // The reply is not tried again (a refused token would prove nothing): the push carries a retry key.
    expect(platform.calls().map((c) => `${c.path.split('/').at(-1)} ${c.status}`)).toEqual(['reply 200', 'push 200']);
    expect(platform.calls()[1]?.headers['x-line-retry-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(textsTo('Uf')).toEqual(['answer', 'answer']);
    const row = await db
      .selectFrom('outbox')
      .select(['status'])
      .where('dedupe_key', '=', 'lost-answer')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('pushes an answer whose reply LINE never answered, although LINE has meanwhile let the token expire', async () => {
    // LINE's own clock for its tokens (a 12 s lifetime: LINE documents none, so none is relied on).
    const line = await startFakeLinePlatform({
      channelAccessToken: TOKEN,
      replyTokenTtlMs: 12_000,
      now: () => clock.now().getTime(),
    });
    try {
      const sender = createOutboxSender({
        db,
        committer,
        client: createLineClient({ channelAccessToken: TOKEN, baseURL: line.url }),
        clock,
        logger: createLogger('silent'),
        replyTimeoutMs: 100,
      });
      await committer.run((trx) =>
        enqueue(
          trx,
          [
            {
              dedupeKey: 'hung-reply',
              recipient: 'Uk',
              messages: [{ type: 'text', text: 'answer' }],
              replyToken: line.issueReplyToken('Uk'),
              replyTokenExpiresAt: new Date(clock.now().getTime() + 50_000).toISOString(),
            },
          ],
          clock.now().toISOString(),
        ),
      );
      line.hang(['Uk']);
      sender.notify(['Uk']);
      await sender.flush(); // the reply gets no answer within 100 ms
      expect(line.delivered()).toEqual([]);
      line.hang([]);
      clock.advance(15_000); // LINE's token has expired; ours would still say it is fresh
      await sender.flush();
      const [delivered] = await line.waitFor((d) => d.length === 1);
      expect(delivered).toMatchObject({ via: 'push', to: 'Uk', message: { text: 'answer' } });
      const row = await db
        .selectFrom('outbox')
        .select(['status'])
        .where('dedupe_key', '=', 'hung-reply')
        .executeTakeFirstOrThrow();
      expect(row.status).toBe('sent');
    } finally {
      await line.close();
    }
  });

  it('pushes a reply an earlier process left unsent (it may have gone out before that process died), never replies it again', async () => {
    const token = platform.issueReplyToken('Ul');
    const messages = [{ type: 'text' as const, text: 'answer' }];
    await committer.run((trx) =>
      enqueue(
        trx,
        [
          {
            dedupeKey: 'crash-mid-reply',
            recipient: 'Ul',
            messages,
            replyToken: token,
            replyTokenExpiresAt: new Date(clock.now().getTime() + 50_000).toISOString(),
          },
        ],
        clock.now().toISOString(),
      ),
    );
    // The process killed mid-call: LINE took its reply, and nothing of the outcome was written.
    await createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url }).reply(token, messages);
    // The next process, started on what the disk kept; the token is still fresh.
    const sender = senderWith(createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url }));
    await sender.adoptLeftovers();
    sender.notify(['Ul']);
    await platform.waitFor((d) => d.length === 2);
    await sender.flush();
    const calls = platform.calls().filter((c) => c.path.includes('/message/'));
    expect(calls.map((c) => `${c.path.split('/').at(-1)} ${c.status}`)).toEqual(['reply 200', 'push 200']);
    expect(calls[1]!.headers['x-line-retry-key']).toBeDefined();
    // Twice is the price of never losing it: only a reply in flight at the crash can arrive twice.
    expect(textsTo('Ul')).toEqual(['answer', 'answer']);
  });

  it('replies with no write before the call when it has the outbox to itself (one process)', async () => {
    let markAtCall: number | undefined;
    const real = createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url });
    const sender = senderWith({
      ...real,
      async reply(token, messages) {
        const row = await db.selectFrom('outbox').select('reply_maybe_used').executeTakeFirstOrThrow();
        markAtCall = row.reply_maybe_used;
        return real.reply(token, messages);
      },
    });
    await sender.adoptLeftovers();
    await committer.run((trx) =>
      enqueue(
        trx,
        [
          {
            dedupeKey: 'fresh-reply',
            recipient: 'Um',
            messages: [{ type: 'text', text: 'fresh answer' }],
            replyToken: platform.issueReplyToken('Um'),
            replyTokenExpiresAt: new Date(clock.now().getTime() + 50_000).toISOString(),
          },
        ],
        clock.now().toISOString(),
      ),
    );
    sender.notify(['Um']);
    await platform.waitFor((d) => d.length === 1);
    await sender.flush();
    expect(markAtCall).toBe(0);
    expect(platform.delivered()[0]?.via).toBe('reply');
  });

  it('still pushes when the reply was refused after LINE only asked us to slow down (429: nothing was delivered)', async () => {
    let limited = 1;
    const real = createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url });
    const sender = senderWith({
      ...real,
      async reply(token, messages) {
        if (limited-- > 0) throw new LineApiError('rate limited', 429, false);
        return real.reply(token, messages);
      },
    });
    const expires = new Date(clock.now().getTime() + 50_000).toISOString();
    await committer.run((trx) =>
      enqueue(
        trx,
        [
          {
            dedupeKey: 'limited',
            recipient: 'Ug',
            messages: [{ type: 'text', text: 'answer' }],
            replyToken: 'never-issued',
            replyTokenExpiresAt: expires,
          },
        ],
        clock.now().toISOString(),
      ),
    );
    sender.notify(['Ug']);
    await sender.flush();
    clock.advance(2_000);
    await sender.flush();
    expect(textsTo('Ug')).toEqual(['answer']);
    expect(platform.delivered().find((d) => d.to === 'Ug')?.via).toBe('push');
  });

  it('does not send a message again when LINE took it but recording that failed', async () => {
    await queue('Uh', 'once');
    // The database refuses the first write after the send (locked by another process, say).
    let refuseNext = true;
    const flaky: GroupCommitter = {
      run(work, options) {
        if (refuseNext) {
          refuseNext = false;
          return Promise.reject(new Error('database is locked'));
        }
        return committer.run(work, options);
      },
      durable: () => committer.durable(),
      close: () => committer.close(),
    };
    const sender = createOutboxSender({
      db,
      committer: flaky,
      client: createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url }),
      clock,
      logger: createLogger('silent'),
    });
    sender.notify(['Uh']);
    await platform.waitFor((d) => d.length === 1);
    await sender.flush();
    await sender.flush();
    expect(textsTo('Uh')).toEqual(['once']);
    const row = await db
      .selectFrom('outbox')
      .select(['status'])
      .where('recipient', '=', 'Uh')
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('sent');
  });

  it('answers other people promptly while LINE hangs for many chats: hung calls cannot take every slot', async () => {
    const timeoutMs = 5_000;
    const sender = createOutboxSender({
      db,
      committer,
      client: createLineClient({ channelAccessToken: TOKEN, baseURL: platform.url }),
      clock,
      logger: createLogger('silent'),
      concurrency: 4,
      callTimeoutMs: timeoutMs,
      replyTimeoutMs: timeoutMs,
      slowAfterMs: 50,
    });
    const hung = Array.from({ length: 40 }, (_, i) => `Uhung${i}`);
    const others = Array.from({ length: 10 }, (_, i) => `Uok${i}`);
    platform.hang(hung);
    for (const chat of hung) await queue(chat, 'stuck');
    sender.notify(hung);
    // Every slot is now waiting on LINE; the others write afterwards.
    for (const chat of others) await queue(chat, `hello ${chat}`);
    const started = Date.now();
    sender.notify(others);
    await platform.waitFor((d) => d.length === others.length, timeoutMs);
    const waited = Date.now() - started;
    // Well before a hung call times out: nobody waited for one.
    expect(waited).toBeLessThan(timeoutMs / 2);
    expect(others.map((c) => textsTo(c))).toEqual(others.map((c) => [`hello ${c}`]));
    // One call per hung chat at most: a hung chat does not take a second slot.
    const pushesTo = (chat: string) =>
      platform.calls().filter((c) => (c.body as { to?: string } | null)?.to === chat).length;
    expect(Math.max(...hung.map(pushesTo))).toBe(1);
  });

  it('keeps messages waiting while LINE refuses the channel access token (401), and sends them once it is replaced', async () => {
    const sender = senderWith();
    await queue('Ui', 'kept');
    platform.setDown(401);
    sender.notify(['Ui']);
    await sender.flush();
    const waiting = await db
      .selectFrom('outbox')
      .select(['status'])
      .where('recipient', '=', 'Ui')
      .executeTakeFirstOrThrow();
    expect(waiting.status).toBe('pending');
    platform.setDown(null);
    clock.advance(2_000);
    await sender.flush();
    expect(textsTo('Ui')).toEqual(['kept']);
  });
});
