import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver, textsDeliveredTo } from '../support/chat-driver.js';
import { bookByButtons } from '../support/booking-flow.js';
import { startHarness, STAFF_GROUP, type Harness } from '../support/harness.js';
import { fetchBookings, postStaffApi } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

/** A Zoom booking confirmed by staff for `start` (an instant with +09:00). */
async function confirmedFor(u: ChatDriver, start: string): Promise<void> {
  await bookByButtons(u, 'Zoom');
  const [b] = await fetchBookings(h);
  const res = await postStaffApi(h, `/api/bookings/${b!.id}/confirm`, {
    start,
    meetingId: '123 4567 8901',
    passcode: 'abc123',
    by: '山田',
  });
  expect(res.status).toBe(200);
  await h.settle();
  u.receive();
}

async function at(instant: string): Promise<void> {
  h.clock.set(new Date(instant));
  await h.runJobs();
  await h.settle();
}

const labels = (u: ChatDriver) => u.lastActions().map((a) => a.label);

describe('reminders carry the buttons the person needs', () => {
  it('the day before: 予約確認 and 予約キャンセル, and no phone call to a closed office (a Sunday before a Monday session)', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000001');
    await confirmedFor(u, '2026-12-07T10:00:00+09:00');
    await at('2026-12-06T03:00:00Z'); // Sunday 12/6 12:00 JST
    u.receive();
    expect(u.lastText()).toContain('明日はオンライン相談の日です');
    expect(labels(u)).toEqual(['予約確認', '予約キャンセル']);
    // The office is closed on Sunday: the reminder says when the phone is answered, not "call us".
    expect(u.lastText()).toContain('お電話は12月7日(月) 8:30から受け付けています');
    expect(u.lastText()).not.toContain('お電話でもご連絡いただけます');

    await u.tap('予約確認');
    expect(u.lastText()).toContain('確定しているご予約');
    await u.say('予約キャンセル');
    expect(u.lastText()).toContain('キャンセルします。よろしいですか');
    await u.tap('キャンセルする');
    expect((await fetchBookings(h))[0]).toMatchObject({ status: 'cancelled' });
  });

  it('the day before, during office hours: the phone is offered as it is', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000002');
    await confirmedFor(u, '2026-12-04T10:00:00+09:00');
    await at('2026-12-03T03:00:00Z'); // Thursday 12/3 12:00 JST
    u.receive();
    expect(u.lastText()).toContain('明日はオンライン相談の日です');
    expect(u.lastText()).toContain('お電話でもご連絡いただけます');
    expect(u.lastText()).not.toContain('から受け付けています');
    await u.tap('予約キャンセル');
    expect(u.lastText()).toContain('キャンセルします。よろしいですか');
  });

  it('on the day: 予約確認, 遅れます and 参加できません, the last two going to staff as a typed line would', async () => {
    const u = new ChatDriver(h, 'U7000000000000000000000000000003');
    await confirmedFor(u, '2026-12-04T10:00:00+09:00');
    await at('2026-12-03T23:30:00Z'); // Friday 12/4 08:30 JST
    u.receive();
    expect(u.lastText()).toContain('本日はオンライン相談の日です');
    expect(u.lastText()).toContain('ミーティングID\n123 4567 8901');
    expect(labels(u)).toEqual(['予約確認', '遅れます', '参加できません']);
    expect(u.lastText()).not.toContain('予約キャンセル');

    const staffBefore = textsDeliveredTo(h, STAFF_GROUP).length;
    await u.tap('遅れます');
    expect(u.lastText()).toContain('職員に伝えました');
    const toStaff = textsDeliveredTo(h, STAFF_GROUP).slice(staffBefore).join('\n');
    expect(toStaff).toContain('遅れます');
  });

  it('on the day, before a late opening: the morning reminder says when the phone is answered', async () => {
    await h.close();
    h = await startHarness({ now: '2026-12-01T00:00:00Z', env: { OFFICE_OPENING_TIME: '09:00' } });
    const u = new ChatDriver(h, 'U7000000000000000000000000000004');
    await confirmedFor(u, '2026-12-04T10:00:00+09:00');
    await at('2026-12-03T23:30:00Z'); // Friday 12/4 08:30 JST, before the 09:00 opening
    u.receive();
    expect(u.lastText()).toContain('本日はオンライン相談の日です');
    expect(u.lastText()).toContain('お電話は12月4日(金) 9:00から受け付けています');
  });
});
