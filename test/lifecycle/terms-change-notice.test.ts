import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_CONSENT_SUMMARY } from '../../src/messages/terms-messages.js';
import { bookByButtons } from '../support/booking-flow.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { startHarness, type Harness } from '../support/harness.js';
import { postStaffApi } from '../support/staff-api.js';

// Terms art. 13: when the terms change, people with a booking are told beforehand what changes,
// from when, and where to read the new terms; everyone agrees to the new version when next booking.

let h: Harness;
afterEach(async () => {
  await h.close();
});

const VERSION = {
  id: '2027-01-04',
  effectiveFrom: '2027-01-04',
  url: 'https://example.jp/terms-2027.pdf',
  summary: '当日以外のキャンセルを、メールでも受け付けるようにします。',
  consentSummary: '・1回40分以内のビデオ通話です。\n・キャンセルは前日までこのトークかメールで、当日はお電話で。',
  by: '山田',
};
const NOTICE = 'オンライン職業相談の利用規約を';
const FIRST_LINE_BEFORE = FIRST_CONSENT_SUMMARY.split('\n')[0]!;
const noticesTo = (userId: string) => textsDeliveredTo(h, userId).filter((t) => t.includes(NOTICE));

describe('a new terms version', () => {
  it('is announced at registration to people with an open booking, with what changes, from when and the link; others are asked when they next book', async () => {
    h = await startHarness({ now: '2026-12-01T01:30:00Z' }); // Tue 10:30 JST
    const open = new ChatDriver(h, 'U5000000000000000000000000000001');
    await bookByButtons(open);
    const cancelled = new ChatDriver(h, 'U5000000000000000000000000000002');
    await bookByButtons(cancelled, 'TeleOffice', '弘前 太郎');
    await cancelled.say('予約キャンセル');
    await cancelled.tap('キャンセルする');

    h.clock.advance(60_000);
    expect((await postStaffApi(h, '/api/terms', VERSION)).status).toBe(201);
    await h.runJobs();
    await h.settle();

    // Told at once, a month before the version applies.
    const told = noticesTo(open.userId);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain('2027年1月4日(月)から改定します');
    expect(told[0]).toContain(VERSION.summary);
    expect(told[0]).toContain(VERSION.url);
    expect(told[0]).toContain('現在のご予約はそのまま有効です');
    expect(noticesTo(cancelled.userId)).toEqual([]);

    // Until it applies, a newcomer agrees to the version in force, with its summary.
    const newcomer = new ChatDriver(h, 'U5000000000000000000000000000003');
    await newcomer.say('予約する');
    expect(newcomer.lastText()).toContain(FIRST_LINE_BEFORE);
    expect(newcomer.lastText()).not.toContain(VERSION.consentSummary.split('\n')[0]!);

    // Someone who books after the registration, under the old version, for a time after the date.
    h.clock.set(new Date('2026-12-28T01:30:00Z'));
    const late = new ChatDriver(h, 'U5000000000000000000000000000005');
    await bookByButtons(late, 'Zoom', '八戸 次郎');
    await h.runJobs();
    await h.settle();
    expect(noticesTo(late.userId)).toEqual([]);

    // On the effective day (Mon 10:00 JST): the late booker is told once; nobody is told twice.
    // Booking then asks for consent anew, showing the new version's own summary, never the old one.
    h.clock.set(new Date('2027-01-04T01:00:00Z'));
    await h.runJobs();
    await h.settle();
    expect(noticesTo(open.userId)).toHaveLength(1);
    expect(noticesTo(cancelled.userId)).toEqual([]);
    const lateTold = noticesTo(late.userId);
    expect(lateTold).toHaveLength(1);
    expect(lateTold[0]).toContain('改定しました（2027年1月4日(月)から適用）');
    expect(lateTold[0]).toContain(VERSION.summary);
    await cancelled.say('予約する');
    const card = cancelled.lastText();
    expect(card).toContain('利用規約が改定されました');
    expect(card).toContain(VERSION.consentSummary);
    expect(card).toContain(VERSION.url);
    expect(card).not.toContain(FIRST_LINE_BEFORE);
    await cancelled.tap('同意する');
    expect(cancelled.lastText()).toContain('求職登録');
  });

  it('waits out quiet hours: registered at 22:00, the notice reaches people at 8:00', async () => {
    h = await startHarness({ now: '2026-12-01T01:30:00Z' });
    const open = new ChatDriver(h, 'U5000000000000000000000000000004');
    await bookByButtons(open);
    h.clock.set(new Date('2026-12-01T13:00:00Z')); // 22:00 JST
    expect((await postStaffApi(h, '/api/terms', VERSION)).status).toBe(201);
    await h.runJobs();
    await h.settle();
    expect(noticesTo(open.userId)).toEqual([]);
    h.clock.set(new Date('2026-12-01T23:00:00Z')); // 8:00 JST the next morning
    await h.runJobs();
    await h.settle();
    expect(noticesTo(open.userId)).toHaveLength(1);
  });
});
