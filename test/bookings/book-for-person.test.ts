import { describe, expect, it } from 'vitest';
import { getBooking } from '../../db/repositories/bookings-repository.js';
import { addClosure } from '../../db/repositories/closures-repository.js';
import { pendingJobsOf } from '../../db/repositories/jobs-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { setBlocked } from '../../db/repositories/users-repository.js';
import { bookForPerson, type BookForPersonInput } from '../../src/bookings/book-for-person.js';
import type { Actor } from '../../src/bookings/lifecycle.js';
import { toInstant, type LocalDateTime } from '../../src/calendar/index.js';
import { confirmedAt, seedBooking, testOffice } from '../support/booking-seeds.js';
import { useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('book-for-person');
const office = testOffice();

/** Tuesday 1 December 2026, 10:05 in Japan: five minutes into the person's session at 10:00. */
const NOW = '2026-12-01T01:05:00.000Z';
const STAFF: Actor = { id: 'console:yamada', via: 'console' };
const MEETING = { meetingId: '123 4567 8901', passcode: 'abc123' };

// Asked on Tuesday before closing, the earliest date a person may ask for is Thursday 3 December.
const WED_10: LocalDateTime = { date: '2026-12-02', minutes: 600 };
const THU_10: LocalDateTime = { date: '2026-12-03', minutes: 600 };
const TUE_1330: LocalDateTime = { date: '2026-12-08', minutes: 810 };
const TODAY_10: LocalDateTime = { date: '2026-12-01', minutes: 600 };

/** Someone in their session right now (confirmed for today 10:00, not yet marked): staff book their next one. */
async function personInSession(lineUserId = `U${'1'.repeat(32)}`) {
  return seedBooking(temp.db, {
    lineUserId,
    choices: [TODAY_10, TODAY_10],
    createdAt: '2026-11-20T01:00:00.000Z',
    patch: confirmedAt(TODAY_10, MEETING),
  });
}

const book = (lineUserId: string, extra: Partial<BookForPersonInput> = {}) =>
  bookForPerson(temp.db, office, {
    lineUserId,
    kind: 'regular',
    app: 'teleoffice',
    start: TUE_1330,
    by: STAFF,
    now: NOW,
    ...extra,
  });

describe('staff booking the next session for a person (terms 6(2))', () => {
  it('should confirm it at once with the details of their latest booking, set the session jobs and tell the person', async () => {
    const current = await personInSession();
    const result = await book(current.lineUserId, { app: 'zoom', meeting: MEETING });
    if (!result.ok) throw new Error(JSON.stringify(result.refusal));
    expect(result.booking).toMatchObject({
      status: 'confirmed',
      lineUserId: current.lineUserId,
      kind: 'regular',
      app: 'zoom',
      name: current.name,
      jobSeekerNumber: current.jobSeekerNumber,
      email: current.email,
      phone: current.phone,
      confirmedStart: toInstant(TUE_1330),
      confirmedSlot: 'regular|2026-12-08|810',
      meetingId: MEETING.meetingId,
      meetingPasscode: MEETING.passcode,
      confirmedBy: STAFF.id,
    });
    expect(result.events).toEqual([
      expect.objectContaining({
        type: 'confirmed',
        at: TUE_1330,
        meeting: MEETING,
        replaced: null,
        forPerson: { insideLeadTime: false },
      }),
    ]);
    expect((await pendingJobsOf(temp.db, result.booking.id)).map((j) => j.kind)).toEqual([
      'reminder_day_before',
      'reminder_morning',
      'no_show',
    ]);
    const [action] = await staffActionsOf(temp.db, result.booking.id);
    expect(action).toMatchObject({ action: 'confirm', staffId: STAFF.id, via: 'console' });
    expect(JSON.parse(action!.detail!)).toEqual({ start: toInstant(TUE_1330), forPerson: true });
    // The session under way is left as it is, for staff to mark when it ends.
    expect((await getBooking(temp.db, current.id))!.status).toBe('confirmed');
  });

  it('should allow a time inside the lead time (the terms apply it only in principle) and record that it was', async () => {
    const current = await personInSession();
    const result = await book(current.lineUserId, { start: WED_10 });
    if (!result.ok) throw new Error(JSON.stringify(result.refusal));
    expect(result.booking.confirmedStart).toBe(toInstant(WED_10));
    expect(result.events[0]).toMatchObject({ forPerson: { insideLeadTime: true } });
    const [action] = await staffActionsOf(temp.db, result.booking.id);
    expect(JSON.parse(action!.detail!)).toEqual({ start: toInstant(WED_10), forPerson: true, insideLeadTime: true });
    // The first date a person could ask for themselves is not inside the lead time.
    const other = await personInSession(`U${'2'.repeat(32)}`);
    const onTime = await book(other.lineUserId, { start: THU_10 });
    expect(onTime.ok && onTime.events[0]).toMatchObject({ forPerson: { insideLeadTime: false } });
  });

  it("should refuse times the calendar does not allow: closed day, outside the windows or the Mothers' Corner starts, past, beyond the horizon", async () => {
    const { lineUserId } = await personInSession();
    await addClosure(temp.db, '2026-12-09', 'office event', NOW);
    const refusalAt = async (start: LocalDateTime) => {
      const r = await book(lineUserId, { start });
      return r.ok ? 'booked' : r.refusal.code;
    };
    expect(await refusalAt({ date: '2026-12-05', minutes: 600 })).toBe('closed_day'); // Saturday
    expect(await refusalAt({ date: '2026-12-09', minutes: 600 })).toBe('closed_day'); // closure
    expect(await refusalAt({ date: '2026-12-08', minutes: 720 })).toBe('outside_window'); // 12:00, lunch
    expect(await refusalAt({ date: '2026-12-01', minutes: 540 })).toBe('past');
    expect(await refusalAt({ date: '2027-01-28', minutes: 600 })).toBe('beyond_horizon');
    // The Mothers' Corner: its weekdays (Tuesday, Thursday) and fixed starts only, even for staff.
    const mothersAt = async (start: LocalDateTime) => {
      const r = await book(lineUserId, { kind: 'mothers', start });
      return r.ok ? 'booked' : r.refusal.code;
    };
    expect(await mothersAt({ date: '2026-12-07', minutes: 660 })).toBe('closed_day'); // Monday
    expect(await mothersAt({ date: '2026-12-08', minutes: 600 })).toBe('outside_window'); // 10:00, not a start
    expect(await refusalAt({ date: '2027-01-26', minutes: 600 })).toBe('booked'); // the horizon's last day
  });

  it('should refuse a full slot and leave nothing behind', async () => {
    await seedBooking(temp.db, {
      choices: [TUE_1330, TUE_1330],
      createdAt: '2026-11-20T01:00:00.000Z',
      patch: confirmedAt(TUE_1330),
    });
    const { lineUserId } = await personInSession();
    expect(await book(lineUserId)).toEqual({ ok: false, refusal: { code: 'slot_full' } });
  });

  it('should refuse someone unknown or who never booked, someone the bot is stopped for, and Zoom without a meeting', async () => {
    expect(await book(`U${'9'.repeat(32)}`)).toEqual({ ok: false, refusal: { code: 'person_unknown' } });
    const { lineUserId } = await personInSession();
    expect(await book(lineUserId, { app: 'zoom' })).toEqual({ ok: false, refusal: { code: 'meeting_required' } });
    await setBlocked(temp.db, lineUserId, NOW);
    expect(await book(lineUserId)).toEqual({ ok: false, refusal: { code: 'person_blocked' } });
  });

  it('should refuse while a request awaits staff or a confirmed session is still ahead (one upcoming session at a time)', async () => {
    const lineUserId = `U${'3'.repeat(32)}`;
    const ahead = await seedBooking(temp.db, {
      lineUserId,
      choices: [THU_10, THU_10],
      createdAt: '2026-11-20T01:00:00.000Z',
      patch: confirmedAt(THU_10),
    });
    expect(await book(lineUserId)).toEqual({
      ok: false,
      refusal: { code: 'session_ahead', confirmedStart: ahead.confirmedStart },
    });
    const otherId = `U${'4'.repeat(32)}`;
    await seedBooking(temp.db, { lineUserId: otherId, choices: [THU_10, TUE_1330], createdAt: NOW });
    expect(await book(otherId, { start: WED_10 })).toEqual({ ok: false, refusal: { code: 'open_request' } });
  });

  it('should use details staff give when the latest booking was erased, and refuse without them', async () => {
    const lineUserId = `U${'5'.repeat(32)}`;
    await seedBooking(temp.db, {
      lineUserId,
      choices: [TODAY_10, TODAY_10],
      createdAt: '2026-01-10T01:00:00.000Z',
      patch: { status: 'attended', personalDataErasedAt: '2026-11-01T00:00:00.000Z' },
    });
    expect(await book(lineUserId)).toEqual({ ok: false, refusal: { code: 'personal_data_erased' } });
    const details = { name: '青森 次郎', jobSeekerNumber: '0201-654321', email: 'j@example.jp', phone: '0171234567' };
    const result = await book(lineUserId, { details });
    expect(result.ok && result.booking).toMatchObject({ status: 'confirmed', ...details });
  });
});
