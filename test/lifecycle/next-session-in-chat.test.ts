/**
 * Asking for the next session in the chat while the current one is under way (docs/office-rules.md
 * §9): a confirmed session whose start has come does not stand in the way; one that has not begun,
 * or a request awaiting staff, still does. The session under way keeps its attendance handling.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { startHarness, STAFF_GROUP, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan. bookByButtons takes Thursday 12/3 10:00 as the first choice.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const ALREADY = 'すでにお申し込み中の予約があります';
const NEW_REQUEST_CARD = '新しいオンライン相談の申込み';
const requestCards = () => textsDeliveredTo(h, STAFF_GROUP).filter((t) => t.includes(NEW_REQUEST_CARD));

async function at(instant: string): Promise<void> {
  h.clock.set(new Date(instant));
  await h.runJobs();
  await h.settle();
}

/** A Zoom session confirmed by staff for Thursday 12/3 10:00. */
async function confirmedSession(userId: string): Promise<{ u: ChatDriver; sessionId: string }> {
  const u = new ChatDriver(h, userId);
  await bookByButtons(u, 'Zoom');
  const staff = new StaffDriver(h);
  await staff.tap('第1希望で確定');
  await staff.say('123 4567 8901 abc123');
  const [session] = await fetchBookings(h);
  expect(session).toMatchObject({ status: 'confirmed', confirmed: { start: '2026-12-03T10:00:00+09:00' } });
  return { u, sessionId: session!.id };
}

describe('the next session asked for in the chat', () => {
  it('before the session begins, 予約する shows the confirmed session and files nothing', async () => {
    const { u } = await confirmedSession('Unextsession00000000000000000001');
    await at('2026-12-03T00:55:00Z'); // 12/3 09:55, five minutes before the start
    await u.say('予約する');
    expect(u.lastText()).toContain(ALREADY);
    expect(await fetchBookings(h)).toHaveLength(1);
    expect(requestCards()).toHaveLength(1);
  });

  it('a move the office proposed for the session, still ahead, keeps it upcoming until answered', async () => {
    const { u, sessionId } = await confirmedSession('Unextsession00000000000000000006');
    const moved = await callStaffApi(h, 'POST', `/api/bookings/${sessionId}/propose`, {
      start: '2026-12-08T14:00:00+09:00',
      by: '山田',
    });
    expect(moved.status).toBe(200);
    await at('2026-12-03T01:05:00Z'); // the old time has come; the proposed one is ahead
    await u.say('予約する');
    expect(u.lastText()).toContain(ALREADY);
    expect(await fetchBookings(h)).toHaveLength(1);
  });

  it('during the session, 予約する files a request for the next one; staff get its card; no third can follow', async () => {
    const { u, sessionId } = await confirmedSession('Unextsession00000000000000000002');
    await at('2026-12-03T01:05:00Z'); // 12/3 10:05, five minutes into the session
    await bookByButtons(u, 'Zoom');
    expect(u.lastText()).toContain('受け付けました');
    expect(requestCards()).toHaveLength(2);

    const bookings = await fetchBookings(h);
    expect(bookings).toHaveLength(2);
    const next = bookings.find((b) => b.id !== sessionId)!;
    expect(next.status).toBe('requested');
    // The same calendar rules as any request: the lead time puts it after the session.
    expect(next.choices[0]!.start > '2026-12-04').toBe(true);
    expect(bookings.find((b) => b.id === sessionId)?.status).toBe('confirmed');

    // 予約確認 shows the upcoming booking: the new request.
    await u.say('予約確認');
    expect(u.lastText()).toContain('お申し込み中の予約');
    expect(u.lastText()).not.toContain('12月3日');

    // One upcoming session at a time: the new request stands in the way of a third.
    await u.say('予約する');
    expect(u.lastText()).toContain(ALREADY);
    expect(await fetchBookings(h)).toHaveLength(2);
    expect(requestCards()).toHaveLength(2);
  });

  it('the session under way keeps its attendance handling: words that day reach staff, and staff mark it', async () => {
    const { u, sessionId } = await confirmedSession('Unextsession00000000000000000003');
    await at('2026-12-03T01:02:00Z');
    await bookByButtons(u, 'TeleOffice');
    await u.say('Zoomの音が聞こえません');
    const notes = textsDeliveredTo(h, STAFF_GROUP).filter((t) => t.includes('【当日のご連絡】'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('「Zoomの音が聞こえません」');

    const marked = await callStaffApi(h, 'POST', `/api/bookings/${sessionId}/attendance`, {
      attended: true,
      by: '山田',
    });
    expect(marked.status).toBe(200);
    const bookings = await fetchBookings(h);
    expect(bookings.find((b) => b.id === sessionId)?.status).toBe('attended');
    expect(bookings.find((b) => b.id !== sessionId)?.status).toBe('requested');
  });

  it('without attendance recorded, the no-show check still asks staff about the session, and the request stays', async () => {
    const { u, sessionId } = await confirmedSession('Unextsession00000000000000000004');
    await at('2026-12-03T01:01:00Z');
    await bookByButtons(u, 'Zoom');
    await at('2026-12-03T01:10:30Z'); // start + 10 minutes
    const asked = textsDeliveredTo(h, STAFF_GROUP).filter((t) => t.includes('【出席の確認】'));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain('12月3日');
    const bookings = await fetchBookings(h);
    expect(bookings.find((b) => b.id === sessionId)?.status).toBe('confirmed');
    expect(bookings.find((b) => b.id !== sessionId)?.status).toBe('requested');
  });

  it('予約キャンセル that day withdraws the new request and leaves the session under way as it is', async () => {
    const { u, sessionId } = await confirmedSession('Unextsession00000000000000000005');
    await at('2026-12-03T01:05:00Z');
    await bookByButtons(u, 'Zoom');
    await u.say('予約キャンセル');
    await u.tap('キャンセルする');
    const bookings = await fetchBookings(h);
    expect(bookings.find((b) => b.id === sessionId)?.status).toBe('confirmed');
    expect(bookings.find((b) => b.id !== sessionId)?.status).toBe('cancelled');
  });
});
