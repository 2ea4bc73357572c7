import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { STAFF_API_TOKEN, STAFF_GROUP, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan: earliest bookable day is Thursday 12-03.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

describe('booking a consultation by tapping buttons', () => {
  it('files a complete request, tells the user what happens next and notifies staff once', async () => {
    const u = new ChatDriver(h, 'U1111111111111111111111111111111a');
    await u.follow();
    expect(u.lastText()).toContain('利用規約');
    expect(u.lastActions().some((a) => a.type === 'uri')).toBe(true);
    await u.tap('同意する');
    expect(u.lastText()).toContain('求職登録');
    await u.tap('登録しています');
    await u.tap('長期療養中');
    await u.tap('はい、持っています');
    await u.tap('はい、希望します');
    expect(u.lastText()).toContain('ファイアウォール');
    await u.tap('すべて確認しました');
    await u.tap('一般の職業相談');
    await u.tap('Zoom');
    expect(u.lastText()).toContain('Zoom の利用規約');
    await u.say('青森 花子');
    await u.say('02010-12345678');
    expect(u.lastText()).toContain('第1希望の日付');
    await u.tap('12月3日(木)');
    await u.tap('10:00〜10:40');
    await u.tap('12月3日(木)');
    const times = u.lastActions().map((a) => a.label);
    expect(times).not.toContain('10:00〜10:40');
    await u.tap('10:30〜11:10');
    await u.say('hanako@example.jp');
    await u.say('090-1234-5678');
    await u.tap('同席しません');
    expect(u.lastText()).toContain('お申し込み内容をご確認ください');
    expect(u.lastText()).toContain('12月3日(木)\n10:00〜10:40');
    await u.tap('この内容で申し込む');
    expect(u.lastText()).toContain('受け付けました');
    expect(u.lastText()).toContain('12月2日(水) 17:15');

    const staff = h.platform.delivered().filter((d) => d.to === STAFF_GROUP);
    expect(staff).toHaveLength(1);

    const res = await fetch(`${h.baseUrl}/api/bookings`, { headers: { authorization: `Bearer ${STAFF_API_TOKEN}` } });
    const body = (await res.json()) as { bookings: Record<string, unknown>[] };
    expect(body.bookings).toHaveLength(1);
    expect(body.bookings[0]).toMatchObject({
      status: 'requested',
      kind: 'regular',
      app: 'zoom',
      name: '青森 花子',
      jobSeekerNumber: '02010-12345678',
      email: 'hanako@example.jp',
      phone: '09012345678',
      interpreter: false,
      choices: [
        { start: '2026-12-03T10:00:00+09:00', end: '2026-12-03T10:40:00+09:00' },
        { start: '2026-12-03T10:30:00+09:00', end: '2026-12-03T11:10:00+09:00' },
      ],
      replyDue: '2026-12-02T17:15:00+09:00',
    });
  });
});
