import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatDriver } from '../support/chat-driver.js';
import { bookByButtons, StaffDriver } from '../support/booking-flow.js';
import { probe } from '../support/db-inspect.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callStaffApi, fetchBookings } from '../support/staff-api.js';

let h: Harness;
beforeEach(async () => {
  // Tuesday 2026-12-01 09:00 in Japan.
  h = await startHarness({ now: '2026-12-01T00:00:00Z' });
});
afterEach(async () => {
  await h.close();
});

const api = (path: string, body: unknown) => callStaffApi(h, 'POST', path, body);

function jobsOf(bookingId: string): Promise<{ kind: string; status: string }[]> {
  return probe(h).all<{ kind: string; status: string }>(
    'SELECT kind, status FROM scheduled_jobs WHERE subject_id = ? ORDER BY due_at, kind',
    bookingId,
  );
}

/** Shows the person the newest card sent to them, as if they scrolled to it. */
function lookAtLatestCard(u: ChatDriver): void {
  u.last = [
    h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .at(-1)!.message,
  ];
}

describe('a confirmed session moved to another time of the same day', () => {
  it('keeps both reminders and the no-show check, and the person gets the reminders', async () => {
    const u = new ChatDriver(h, 'Umoved00000000000000000000000001');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定'); // Thu 12/3 10:00
    const [b] = await fetchBookings(h);
    expect(
      (await api(`/api/bookings/${b!.id}/propose`, { start: '2026-12-03T14:00:00+09:00', by: 'tanaka' })).status,
    ).toBe(200);
    await h.settle();
    lookAtLatestCard(u);
    await u.tap('この日時で受ける');
    // The day-before and morning reminders fall due at the same moments as before the move.
    expect((await jobsOf(b!.id)).filter((j) => j.status === 'pending').map((j) => j.kind)).toEqual([
      'reminder_day_before',
      'reminder_morning',
      'no_show',
    ]);

    for (const at of ['2026-12-02T03:00:30Z', '2026-12-02T23:30:30Z']) {
      h.clock.set(new Date(at));
      await h.runJobs();
      await h.settle();
    }
    const reminders = h.platform
      .delivered()
      .filter((d) => d.to === u.userId && JSON.stringify(d.message).includes('14:00'));
    expect(reminders.length).toBeGreaterThanOrEqual(2);
  });

  it('re-arms the no-show check of the first time when the session is moved back to it', async () => {
    const u = new ChatDriver(h, 'Umoved00000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    await new StaffDriver(h).tap('第1希望で確定'); // Thu 12/3 10:00
    const [b] = await fetchBookings(h);
    for (const start of ['2026-12-03T14:00:00+09:00', '2026-12-03T10:00:00+09:00']) {
      expect((await api(`/api/bookings/${b!.id}/propose`, { start, by: 'tanaka' })).status).toBe(200);
      await h.settle();
      lookAtLatestCard(u);
      await u.tap('この日時で受ける');
    }
    const pending = (await jobsOf(b!.id)).filter((j) => j.status === 'pending').map((j) => j.kind);
    expect(pending).toContain('no_show');
    expect(pending.filter((k) => k === 'no_show')).toHaveLength(1);
  });
});

describe("a time the office proposed, later than the request's own times", () => {
  it('keeps the request open while the proposal stands, so the person cannot end up with two sessions', async () => {
    const u = new ChatDriver(h, 'Uproposal000000000000000000000001');
    await bookByButtons(u, 'TeleOffice'); // Thu 12/3 10:00 and 10:30
    const [request] = await fetchBookings(h);
    expect(
      (await api(`/api/bookings/${request!.id}/propose`, { start: '2026-12-10T14:00:00+09:00', by: 'tanaka' })).status,
    ).toBe(200);
    await h.settle();
    const proposal = h.platform
      .delivered()
      .filter((d) => d.to === u.userId)
      .at(-1)!.message;

    // Both of the request's own times pass; the proposal is still ahead.
    h.clock.set(new Date('2026-12-03T02:00:00Z'));
    await h.runJobs();
    await h.settle();
    expect((await fetchBookings(h)).find((b) => b.id === request!.id)?.status).toBe('requested');
    await u.say('予約する');
    expect(u.lastText()).not.toContain('利用規約');
    expect(u.lastText()).not.toContain('求職登録');

    u.last = [proposal];
    await u.tap('この日時で受ける');
    const bookings = await fetchBookings(h);
    expect(bookings.filter((b) => b.status === 'confirmed').map((b) => b.confirmed?.start)).toEqual([
      '2026-12-10T14:00:00+09:00',
    ]);
    expect(bookings).toHaveLength(1);
  });

  it('closes the request once the proposal, too, has passed unanswered', async () => {
    const u = new ChatDriver(h, 'Uproposal000000000000000000000002');
    await bookByButtons(u, 'TeleOffice');
    const [request] = await fetchBookings(h);
    expect(
      (await api(`/api/bookings/${request!.id}/propose`, { start: '2026-12-10T14:00:00+09:00', by: 'tanaka' })).status,
    ).toBe(200);
    await h.settle();
    for (const at of ['2026-12-03T02:00:00Z', '2026-12-10T05:00:30Z']) {
      h.clock.set(new Date(at));
      await h.runJobs();
      await h.settle();
    }
    expect((await fetchBookings(h)).find((b) => b.id === request!.id)?.status).toBe('cancelled');
    expect(
      u.lastText() +
        h.platform
          .delivered()
          .filter((d) => d.to === u.userId)
          .map((d) => JSON.stringify(d.message))
          .join(''),
    ).toContain('希望日時が過ぎてしまいました');
  });
});
