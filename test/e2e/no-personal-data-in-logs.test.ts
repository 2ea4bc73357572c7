import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actionsIn, ChatDriver } from '../support/chat-driver.js';
import { probe } from '../support/db-inspect.js';
import { advanceUntil } from '../support/delivery-checks.js';
import { startHarnessWithLogs, type HarnessWithLogs } from '../support/harness-with-logs.js';
import { textEvent } from '../support/line-events.js';
import { signWebhookBody } from '../../src/line/webhook-signature.js';
import { fetchBookings } from '../support/staff-api.js';

let h: HarnessWithLogs;
beforeAll(async () => {
  h = await startHarnessWithLogs({ now: '2026-12-01T00:00:00Z', level: 'debug' });
});
afterAll(async () => {
  await h.close();
});

const USER = 'Uprivacy0000000000000000000000a7f3';
const NAME = '秘密野 太郎';
const JSN = '02010-87654321';
const EMAIL = 'secret.person@example.jp';
const PHONE = '080-9876-5432';

describe('logs at debug level', () => {
  it('never contain the name, e-mail, phone, job-seeker number, LINE user id or any message text', async () => {
    const u = new ChatDriver(h, USER);
    const typed = [
      '予約する',
      '同意します',
      '登録済み',
      '長期療養中',
      'はい',
      'はい',
      '確認しました',
      '一般',
      'Zoom',
      NAME,
      JSN,
      '12/3 10:00',
      '12/4 14:00',
      'not-an-address@',
      EMAIL,
      PHONE,
      'いいえ',
    ];
    for (const [i, text] of typed.entries()) {
      // Some failures on the way, so that the warning and error paths log too.
      if (i === 10) h.platform.failNext(2, 500);
      if (i === 14) h.platform.failNext(1, 400);
      await u.say(text);
      h.clock.advance(5_000); // lets retries in backoff go out before the next step
      await h.settle();
    }
    h.platform.failNext(1, 503);
    await u.say('申し込む');
    await advanceUntil(h, () =>
      h.platform.delivered().some((d) => d.to === USER && JSON.stringify(d.message).includes('受け付けました')),
    );
    expect(await fetchBookings(h)).toHaveLength(1);
    // A forged request and an unanswerable reply token log too.
    const forged = JSON.stringify({ events: [textEvent({ userId: USER, text: EMAIL })] });
    await fetch(`${h.baseUrl}/webhook`, {
      method: 'POST',
      body: forged,
      headers: { 'content-type': 'application/json', 'x-line-signature': signWebhookBody('wrong', forged) },
    });
    await h.post([textEvent({ userId: USER, text: `${NAME}です` })]);
    await h.settle();
    await h.restart();

    const log = h.logText();
    if (process.env.SHOW_LOGS) console.log(log);
    const lines = h.logLines();
    expect(lines.length).toBeGreaterThan(5); // debug logging is really on
    expect(lines.some((l) => l.level === 40 || l.level === 50)).toBe(true); // and the failure paths ran
    const secrets = [
      NAME,
      '秘密野',
      JSN,
      '87654321',
      EMAIL,
      'secret.person',
      PHONE,
      '08098765432',
      '9876',
      USER,
      ...typed.filter((t) => t.length >= 2),
    ];
    for (const s of secrets) expect(log, `log contains "${s}"`).not.toContain(s);
    // Nor anything the bot said (replies can carry the review card and the user's details).
    for (const s of ['受け付けました', 'お申し込み内容', '求職番号を入力']) expect(log).not.toContain(s);
  });

  it('button data (postbacks) carries no personal data and stays within 300 characters', () => {
    const actions = h.platform.delivered().flatMap((d) => actionsIn(d.message));
    expect(actions.length).toBeGreaterThan(20);
    for (const a of actions) {
      const data = (a as { data?: string }).data;
      if (data === undefined) continue;
      expect(data.length).toBeLessThanOrEqual(300);
      const decoded = decodeURIComponent(data.replace(/\+/g, ' '));
      for (const s of [NAME, JSN, EMAIL, PHONE, '08098765432', USER]) expect(decoded).not.toContain(s);
    }
  });

  it('handled events keep no message text in the inbox table', async () => {
    const rows = await probe(h).all<{ status: string; payload: string | null }>('SELECT status, payload FROM inbox');
    expect(rows.length).toBeGreaterThan(15);
    expect(rows.filter((r) => r.payload !== null)).toEqual([]);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['done']));
  });
});
