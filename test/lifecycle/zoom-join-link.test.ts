import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { meetingOf } from '../../src/console/pages/requests/booking-forms.js';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { startHarness, type Harness } from '../support/harness.js';
import { fetchBookings, getStaffApi, postStaffApi } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const LINK = 'https://us02web.zoom.us/j/12345678901?pwd=AbCdEf123';
const joinButton = (u: ChatDriver) => u.lastActions().find((a) => a.label === 'Zoom で参加');

describe('a Zoom join link given by staff instead of, or beside, the meeting ID and passcode', () => {
  it('in the staff group: a link alone confirms, and the person gets 「Zoom で参加」 on the card, in 予約確認 and on the day', async () => {
    const u = new ChatDriver(h, 'U9100000000000000000000000000001');
    await bookByButtons(u, 'Zoom');
    const staff = new StaffDriver(h);
    await staff.tap('第1希望で確定');
    await staff.say(`参加用リンク ${LINK}`);
    u.receive();
    expect(u.lastText()).toContain('オンライン相談の日時が確定しました');
    expect(joinButton(u)).toEqual({ type: 'uri', label: 'Zoom で参加', uri: LINK });
    // No ID or passcode was given: no empty rows for them.
    expect(u.lastText()).not.toContain('ミーティングID');

    const [b] = await fetchBookings(h);
    expect((await getStaffApi(h, `/api/bookings/${b!.id}`)).booking.meeting).toEqual({
      meetingId: null,
      passcode: null,
      joinUrl: LINK,
    });

    await u.say('予約確認');
    expect(joinButton(u)?.type).toBe('uri');

    h.clock.set(new Date('2026-12-02T23:30:00Z')); // Thursday 12/3 08:30 JST: the morning reminder
    await h.runJobs();
    await h.settle();
    u.receive();
    expect(u.lastText()).toContain('本日はオンライン相談の日です');
    expect(joinButton(u)?.type).toBe('uri');
  });

  it('through the staff API: both kept, both shown; a link that is not https is refused', async () => {
    const u = new ChatDriver(h, 'U9100000000000000000000000000002');
    await bookByButtons(u, 'Zoom');
    const [b] = await fetchBookings(h);
    const refused = await postStaffApi(h, `/api/bookings/${b!.id}/confirm`, {
      choice: 1,
      joinUrl: 'http://us02web.zoom.us/j/12345678901',
      by: '山田',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ field: 'joinUrl' });

    const res = await postStaffApi(h, `/api/bookings/${b!.id}/confirm`, {
      choice: 1,
      meetingId: '123 4567 8901',
      passcode: 'abc123',
      joinUrl: LINK,
      by: '山田',
    });
    expect(res.status).toBe(200);
    expect(res.body.booking.meeting).toEqual({ meetingId: '123 4567 8901', passcode: 'abc123', joinUrl: LINK });
    await h.settle();
    u.receive();
    expect(u.lastText()).toContain('ミーティングID');
    expect(u.lastText()).toContain('123 4567 8901');
    expect(joinButton(u)).toEqual({ type: 'uri', label: 'Zoom で参加', uri: LINK });
  });

  it('a Zoom confirmation still needs one or the other', async () => {
    const u = new ChatDriver(h, 'U9100000000000000000000000000003');
    await bookByButtons(u, 'Zoom');
    const [b] = await fetchBookings(h);
    const res = await postStaffApi(h, `/api/bookings/${b!.id}/confirm`, { choice: 1, by: '山田' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'meeting_required', field: 'meetingId' });
    expect(res.body.message).toContain('joinUrl');
  });
});

describe('the console form', () => {
  it('takes a join link alone, beside the ID and passcode, and refuses one that is not https', () => {
    expect(meetingOf({ join_url: LINK })).toEqual({ ok: true, value: { joinUrl: LINK } });
    expect(meetingOf({ meeting_id: '123 4567 8901', passcode: 'abc123', join_url: LINK })).toEqual({
      ok: true,
      value: { meetingId: '123 4567 8901', passcode: 'abc123', joinUrl: LINK },
    });
    expect(meetingOf({ join_url: 'http://zoom.us/j/1' })).toMatchObject({ ok: false });
    expect(meetingOf({})).toEqual({ ok: true, value: undefined });
  });
});
