import { describe, expect, it } from 'vitest';
import { getBooking, type BookingPatch, type Booking } from '../../db/repositories/bookings-repository.js';
import { addClosure } from '../../db/repositories/closures-repository.js';
import { pendingJobsOf } from '../../db/repositories/jobs-repository.js';
import { setCapacity } from '../../db/repositories/office-state-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { getUser } from '../../db/repositories/users-repository.js';
import type { BookingEvent } from '../../src/bookings/booking-outcome.js';
import {
  acceptProposal,
  cancelBooking,
  closeAfterContact,
  confirmBooking,
  declineProposal,
  markAttendance,
  proposeTime,
  type Actor,
  type LifecycleResult,
} from '../../src/bookings/lifecycle.js';
import { toInstant, type LocalDateTime } from '../../src/calendar/index.js';
import { confirmedAt, seedBooking, testOffice } from '../support/booking-seeds.js';
import { useTempDatabase } from '../support/temp-db.js';

const temp = useTempDatabase('lifecycle');
const office = testOffice();

/** Tuesday 1 December 2026, 09:00 in Japan. */
const NOW = '2026-12-01T00:00:00.000Z';
const STAFF: Actor = { id: 'Ustaff000000000000000000000000001', via: 'line' };
const MEETING = { meetingId: '123 4567 8901', passcode: 'abc123' };

// Weekdays ahead, inside the office's windows (10:00-12:00 and 13:30-15:30).
const THU_10: LocalDateTime = { date: '2026-12-10', minutes: 600 };
const THU_1330: LocalDateTime = { date: '2026-12-10', minutes: 810 };
const TUE_10: LocalDateTime = { date: '2026-12-08', minutes: 600 };
const TUE_14: LocalDateTime = { date: '2026-12-08', minutes: 840 };

const request = (
  choices: readonly [LocalDateTime, LocalDateTime] = [THU_10, THU_1330],
  app: 'zoom' | 'teleoffice' = 'teleoffice',
  lineUserId?: string,
) => seedBooking(temp.db, { choices, app, createdAt: NOW, ...(lineUserId ? { lineUserId } : {}) });

const confirmed = (at: LocalDateTime = THU_10, extra: BookingPatch = {}, lineUserId?: string) =>
  seedBooking(temp.db, {
    choices: [at, at],
    createdAt: NOW,
    patch: { ...confirmedAt(at), ...extra },
    ...(lineUserId ? { lineUserId } : {}),
  });

const row = async (id: string): Promise<Booking> => (await getBooking(temp.db, id))!;

function eventsOf(result: LifecycleResult): BookingEvent[] {
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.refusal)}`);
  return result.events;
}

describe('confirming a request', () => {
  it('should confirm at the chosen time, take the slot, schedule reminders and the no-show check, and record who did it', async () => {
    const b = await request();
    const result = await confirmBooking(temp.db, office, { bookingId: b.id, at: { choice: 2 }, by: STAFF, now: NOW });
    expect(eventsOf(result)).toEqual([
      expect.objectContaining({
        type: 'confirmed',
        subject: { bookingId: b.id, lineUserId: b.lineUserId, name: b.name },
        at: THU_1330,
        meeting: null,
        replaced: null,
      }),
    ]);
    expect(await row(b.id)).toMatchObject({
      status: 'confirmed',
      confirmedStart: toInstant(THU_1330),
      confirmedEnd: toInstant({ date: THU_1330.date, minutes: 850 }),
      confirmedSlot: 'regular|2026-12-10|810',
      confirmedBy: STAFF.id,
      confirmedAt: NOW,
    });
    expect((await pendingJobsOf(temp.db, b.id)).map((j) => [j.kind, j.due_at])).toEqual([
      ['reminder_day_before', toInstant({ date: '2026-12-09', minutes: 12 * 60 })],
      ['reminder_morning', toInstant({ date: '2026-12-10', minutes: 8 * 60 + 30 })],
      ['no_show', toInstant({ date: '2026-12-10', minutes: 810 + 10 })],
    ]);
    expect((await staffActionsOf(temp.db, b.id)).map((a) => [a.action, a.staffId, a.via])).toEqual([
      ['confirm', STAFF.id, 'line'],
    ]);
  });

  it('should carry the meeting details of a Zoom session into the booking and the event', async () => {
    const b = await request(undefined, 'zoom');
    const result = await confirmBooking(temp.db, office, {
      bookingId: b.id,
      at: { choice: 1 },
      meeting: MEETING,
      by: STAFF,
      now: NOW,
    });
    expect(eventsOf(result)[0]).toMatchObject({ type: 'confirmed', at: THU_10, meeting: MEETING });
    expect(await row(b.id)).toMatchObject({
      status: 'confirmed',
      meetingId: MEETING.meetingId,
      meetingPasscode: MEETING.passcode,
    });
  });

  it('should refuse a Zoom session without meeting details and leave the request as it was', async () => {
    const b = await request(undefined, 'zoom');
    expect(await confirmBooking(temp.db, office, { bookingId: b.id, at: { choice: 1 }, by: STAFF, now: NOW })).toEqual({
      ok: false,
      refusal: { code: 'meeting_required' },
    });
    expect((await row(b.id)).status).toBe('requested');
  });

  it('should refuse an unknown booking, one whose details were erased, one already confirmed and one that ended', async () => {
    const confirm = (bookingId: string) =>
      confirmBooking(temp.db, office, { bookingId, at: { choice: 1 }, by: STAFF, now: NOW });
    expect(await confirm('00000000-0000-4000-8000-000000000000')).toEqual({
      ok: false,
      refusal: { code: 'not_found' },
    });
    const erased = await seedBooking(temp.db, {
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { personalDataErasedAt: NOW },
    });
    expect(await confirm(erased.id)).toEqual({ ok: false, refusal: { code: 'personal_data_erased' } });
    const done = await confirmed(TUE_10);
    expect(await confirm(done.id)).toEqual({
      ok: false,
      refusal: { code: 'already_confirmed', confirmedStart: toInstant(TUE_10) },
    });
    const cancelled = await seedBooking(temp.db, {
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { status: 'cancelled' },
    });
    expect(await confirm(cancelled.id)).toEqual({
      ok: false,
      refusal: { code: 'invalid_status', status: 'cancelled', operation: 'confirm' },
    });
  });

  it('should refuse a time in the past, on a closed day or outside the windows', async () => {
    const b = await request();
    const confirmAt = (start: LocalDateTime) =>
      confirmBooking(temp.db, office, { bookingId: b.id, at: { start }, by: STAFF, now: NOW });
    expect(await confirmAt({ date: '2026-11-30', minutes: 600 })).toEqual({ ok: false, refusal: { code: 'past' } });
    expect(await confirmAt({ date: '2026-12-05', minutes: 600 })).toEqual({
      ok: false,
      refusal: { code: 'closed_day' },
    });
    await addClosure(temp.db, '2026-12-09', null, NOW);
    expect(await confirmAt({ date: '2026-12-09', minutes: 600 })).toEqual({
      ok: false,
      refusal: { code: 'closed_day' },
    });
    // 11:30 would end at 12:10, past the morning window.
    expect(await confirmAt({ date: '2026-12-10', minutes: 690 })).toEqual({
      ok: false,
      refusal: { code: 'outside_window' },
    });
    expect((await row(b.id)).status).toBe('requested');
    expect(await pendingJobsOf(temp.db, b.id)).toEqual([]);
  });

  it('should cancel the session a change request replaces, and say which', async () => {
    const old = await confirmed(TUE_10);
    const change = await seedBooking(temp.db, {
      lineUserId: old.lineUserId,
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { replacesBookingId: old.id },
    });
    const result = await confirmBooking(temp.db, office, {
      bookingId: change.id,
      at: { choice: 1 },
      by: STAFF,
      now: NOW,
    });
    expect(eventsOf(result)[0]).toMatchObject({ type: 'confirmed', at: THU_10, replaced: TUE_10 });
    expect(await row(old.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'rescheduled',
      cancelledBy: STAFF.id,
    });
    expect((await row(change.id)).status).toBe('confirmed');
  });

  it('should let only one of two confirmations into the last place of a slot succeed; the other is refused slot_full', async () => {
    // Two places at Thursday 13:30, one already taken; both requests name it as their second choice.
    await setCapacity(temp.db, 'regular|2026-12-10|810', 2, NOW);
    await confirmed(THU_1330);
    const a = await request([THU_10, THU_1330]);
    const b = await request([{ date: '2026-12-10', minutes: 660 }, THU_1330]);
    // Each in its own transaction, started together, as two staff members' presses would be: the
    // count and the update of one cannot interleave with the other's.
    const confirmSecond = (bookingId: string) =>
      temp.db
        .transaction()
        .execute((trx) => confirmBooking(trx, office, { bookingId, at: { choice: 2 }, by: STAFF, now: NOW }));
    const results = await Promise.all([confirmSecond(a.id), confirmSecond(b.id)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refusal)).toEqual([{ code: 'slot_full' }]);
    expect([(await row(a.id)).status, (await row(b.id)).status].sort()).toEqual(['confirmed', 'requested']);
  });
});

describe('cancelling', () => {
  it('should let the person withdraw a request, counting the cancel and giving both wishes', async () => {
    const b = await request();
    const result = await cancelBooking(temp.db, office, {
      bookingId: b.id,
      by: { id: b.lineUserId, via: 'line' },
      byUser: true,
      reason: null,
      now: NOW,
    });
    expect(eventsOf(result)).toEqual([
      expect.objectContaining({
        type: 'cancelled',
        at: THU_10,
        byPerson: true,
        reason: null,
        request: { choices: [THU_10, THU_1330], change: false },
        keptSession: null,
        endedChange: null,
      }),
    ]);
    expect(await row(b.id)).toMatchObject({ status: 'cancelled', cancelledBy: b.lineUserId, cancelledAt: NOW });
    expect((await getUser(temp.db, b.lineUserId))?.cancelCount).toBe(1);
  });

  it('should refuse the person cancelling a confirmed session on its day, but allow it the day before', async () => {
    const b = await confirmed(THU_10);
    const cancel = (now: string) =>
      cancelBooking(temp.db, office, {
        bookingId: b.id,
        by: { id: b.lineUserId, via: 'line' },
        byUser: true,
        reason: null,
        now,
      });
    expect(await cancel(toInstant({ date: '2026-12-10', minutes: 0 }))).toEqual({
      ok: false,
      refusal: { code: 'same_day' },
    });
    expect((await row(b.id)).status).toBe('confirmed');
    expect(eventsOf(await cancel(toInstant({ date: '2026-12-09', minutes: 23 * 60 + 59 })))[0]).toMatchObject({
      type: 'cancelled',
      byPerson: true,
      request: null,
    });
    expect((await row(b.id)).status).toBe('cancelled');
  });

  it('should let the person withdraw a request on the day of its first choice: only a fixed session is phone-only', async () => {
    const b = await request();
    const onTheDay = toInstant({ date: '2026-12-10', minutes: 540 });
    const result = await cancelBooking(temp.db, office, {
      bookingId: b.id,
      by: { id: b.lineUserId, via: 'line' },
      byUser: true,
      reason: null,
      now: onTheDay,
    });
    expect(eventsOf(result)[0]).toMatchObject({
      type: 'cancelled',
      byPerson: true,
      request: { choices: [THU_10, THU_1330], change: false },
    });
    expect((await row(b.id)).status).toBe('cancelled');
  });

  it('should let the office cancel on the day without counting it against the person', async () => {
    const b = await confirmed(THU_10);
    const result = await cancelBooking(temp.db, office, {
      bookingId: b.id,
      by: STAFF,
      byUser: false,
      reason: '講師の急病',
      now: toInstant({ date: '2026-12-10', minutes: 540 }),
    });
    expect(eventsOf(result)[0]).toMatchObject({
      type: 'cancelled',
      byPerson: false,
      reason: '講師の急病',
      request: null,
      endedChange: null,
    });
    expect(await row(b.id)).toMatchObject({ status: 'cancelled', cancelReason: '講師の急病', cancelledBy: STAFF.id });
    expect((await getUser(temp.db, b.lineUserId))?.cancelCount).toBe(0);
  });

  it('should keep the confirmed session when the office withdraws a change request for it', async () => {
    const old = await confirmed(TUE_10);
    const change = await seedBooking(temp.db, {
      lineUserId: old.lineUserId,
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { replacesBookingId: old.id },
    });
    const result = await cancelBooking(temp.db, office, {
      bookingId: change.id,
      by: STAFF,
      byUser: false,
      reason: null,
      now: NOW,
    });
    expect(eventsOf(result)[0]).toMatchObject({
      type: 'cancelled',
      request: { choices: [THU_10, THU_1330], change: true },
      keptSession: TUE_10,
    });
    expect((await row(old.id)).status).toBe('confirmed');
    expect((await row(change.id)).status).toBe('cancelled');
  });

  it('should end the pending change request when the office cancels the session it would replace', async () => {
    const old = await confirmed(TUE_10);
    const change = await seedBooking(temp.db, {
      lineUserId: old.lineUserId,
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { replacesBookingId: old.id },
    });
    const result = await cancelBooking(temp.db, office, {
      bookingId: old.id,
      by: STAFF,
      byUser: false,
      reason: null,
      now: NOW,
    });
    expect(eventsOf(result)[0]).toMatchObject({
      type: 'cancelled',
      keptSession: null,
      endedChange: { bookingId: change.id, lineUserId: old.lineUserId },
    });
    expect((await row(change.id)).status).toBe('cancelled');
    expect((await staffActionsOf(temp.db, change.id)).map((a) => a.action)).toEqual(['cancel']);
  });

  it('should refuse cancelling a session that already ended, naming the operation', async () => {
    const b = await confirmed(THU_10, { status: 'attended' });
    expect(
      await cancelBooking(temp.db, office, { bookingId: b.id, by: STAFF, byUser: false, reason: null, now: NOW }),
    ).toEqual({
      ok: false,
      refusal: { code: 'invalid_status', status: 'attended', operation: 'cancel' },
    });
  });
});

describe('proposing another time', () => {
  it('should keep a request open with the proposal on it, taking no place until the person answers', async () => {
    const b = await request();
    const result = await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, by: STAFF, now: NOW });
    expect(eventsOf(result)).toEqual([
      expect.objectContaining({ type: 'proposed', at: TUE_14, proposedStart: toInstant(TUE_14), moving: false }),
    ]);
    expect(await row(b.id)).toMatchObject({
      status: 'requested',
      proposedStart: toInstant(TUE_14),
      proposedBy: STAFF.id,
      confirmedStart: null,
    });
    // Nobody holds Tuesday 14:00: another request may still be confirmed there.
    const other = await request();
    expect(
      (await confirmBooking(temp.db, office, { bookingId: other.id, at: { start: TUE_14 }, by: STAFF, now: NOW })).ok,
    ).toBe(true);
  });

  it('should mark a proposal for a confirmed session as a move, and accept a Zoom session that has its meeting', async () => {
    const b = await confirmed(THU_10, {
      app: 'zoom',
      meetingId: MEETING.meetingId,
      meetingPasscode: MEETING.passcode,
    });
    expect(
      eventsOf(await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, by: STAFF, now: NOW }))[0],
    ).toMatchObject({ type: 'proposed', moving: true });
  });

  it('should refuse a Zoom request without meeting details, a full slot and an ended booking', async () => {
    const zoom = await request(undefined, 'zoom');
    expect(await proposeTime(temp.db, office, { bookingId: zoom.id, start: TUE_14, by: STAFF, now: NOW })).toEqual({
      ok: false,
      refusal: { code: 'meeting_required' },
    });
    await request([TUE_14, THU_10]); // its first choice holds Tuesday 14:00
    const b = await request();
    expect(await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, by: STAFF, now: NOW })).toEqual({
      ok: false,
      refusal: { code: 'slot_full' },
    });
    const ended = await confirmed(THU_10, { status: 'no_show' });
    expect(await proposeTime(temp.db, office, { bookingId: ended.id, start: TUE_10, by: STAFF, now: NOW })).toEqual({
      ok: false,
      refusal: { code: 'invalid_status', status: 'no_show', operation: 'move' },
    });
    expect((await row(b.id)).proposedStart).toBeNull();
  });
});

describe('the person answering a proposal', () => {
  it('should confirm a request at the proposed time in the name of the staff member who proposed it', async () => {
    const b = await request(undefined, 'zoom');
    await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, meeting: MEETING, by: STAFF, now: NOW });
    const result = await acceptProposal(temp.db, office, b.id, b.lineUserId, NOW, toInstant(TUE_14));
    expect(eventsOf(result)[0]).toMatchObject({ type: 'confirmed', at: TUE_14, meeting: MEETING });
    expect(await row(b.id)).toMatchObject({
      status: 'confirmed',
      confirmedStart: toInstant(TUE_14),
      confirmedBy: STAFF.id,
      meetingId: MEETING.meetingId,
      proposedStart: null,
    });
    expect((await staffActionsOf(temp.db, b.id)).at(-1)).toMatchObject({
      action: 'confirm',
      staffId: STAFF.id,
      detail: JSON.stringify({ start: toInstant(TUE_14), acceptedByPerson: true }),
    });
  });

  it('should move a confirmed session: the new slot taken, the old reminders skipped and new ones set', async () => {
    const b = await request();
    await confirmBooking(temp.db, office, { bookingId: b.id, at: { choice: 1 }, by: STAFF, now: NOW });
    await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, by: STAFF, now: NOW });
    const result = await acceptProposal(temp.db, office, b.id, b.lineUserId, NOW);
    expect(eventsOf(result)).toEqual([expect.objectContaining({ type: 'moveAccepted', at: TUE_14, meeting: null })]);
    expect(await row(b.id)).toMatchObject({
      status: 'confirmed',
      confirmedStart: toInstant(TUE_14),
      confirmedSlot: 'regular|2026-12-08|840',
      proposedStart: null,
    });
    expect((await pendingJobsOf(temp.db, b.id)).map((j) => j.due_at)).toEqual([
      toInstant({ date: '2026-12-07', minutes: 12 * 60 }),
      toInstant({ date: '2026-12-08', minutes: 8 * 60 + 30 }),
      toInstant({ date: '2026-12-08', minutes: 840 + 10 }),
    ]);
  });

  it('should refuse someone else, a stale card, no proposal, and a slot filled meanwhile', async () => {
    const b = await request();
    expect(await acceptProposal(temp.db, office, b.id, b.lineUserId, NOW)).toEqual({
      ok: false,
      refusal: { code: 'no_proposal' },
    });
    await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, by: STAFF, now: NOW });
    expect(await acceptProposal(temp.db, office, b.id, 'Usomeoneelse0000000000000000000000', NOW)).toEqual({
      ok: false,
      refusal: { code: 'not_found' },
    });
    expect(await acceptProposal(temp.db, office, b.id, b.lineUserId, NOW, toInstant(TUE_10))).toEqual({
      ok: false,
      refusal: { code: 'no_proposal' },
    });
    await confirmed(TUE_14);
    expect(await acceptProposal(temp.db, office, b.id, b.lineUserId, NOW, toInstant(TUE_14))).toEqual({
      ok: false,
      refusal: { code: 'slot_full' },
    });
    expect((await row(b.id)).status).toBe('requested');
  });

  it('should clear a declined proposal and tell staff, refusing a booking that ended meanwhile', async () => {
    const b = await request();
    await proposeTime(temp.db, office, { bookingId: b.id, start: TUE_14, by: STAFF, now: NOW });
    expect(eventsOf(await declineProposal(temp.db, office, b.id, b.lineUserId, NOW, toInstant(TUE_14)))).toEqual([
      { type: 'proposalDeclined', subject: expect.objectContaining({ bookingId: b.id }) },
    ]);
    expect(await row(b.id)).toMatchObject({ status: 'requested', proposedStart: null, proposedBy: null });
    expect(await declineProposal(temp.db, office, b.id, b.lineUserId, NOW)).toEqual({
      ok: false,
      refusal: { code: 'no_proposal' },
    });
    const ended = await seedBooking(temp.db, {
      choices: [THU_10, THU_1330],
      createdAt: NOW,
      patch: { status: 'cancelled', proposedStart: toInstant(TUE_14) },
    });
    expect(await declineProposal(temp.db, office, ended.id, ended.lineUserId, NOW)).toEqual({
      ok: false,
      refusal: { code: 'no_proposal', status: 'cancelled' },
    });
  });
});

describe('after the session', () => {
  const AFTER = toInstant({ date: '2026-12-10', minutes: 620 });

  it('should close a session the person wrote about that day as cancelled with contact, not counted', async () => {
    const b = await confirmed(THU_10);
    const result = await closeAfterContact(temp.db, office, b.id, AFTER);
    expect(eventsOf(result)).toEqual([
      { type: 'closedAfterContact', subject: expect.objectContaining({ bookingId: b.id }), at: THU_10 },
    ]);
    expect(await row(b.id)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'contacted_on_day',
      cancelledBy: 'system',
    });
    expect((await getUser(temp.db, b.lineUserId))?.noShowCount).toBe(0);
    expect(await closeAfterContact(temp.db, office, b.id, AFTER)).toEqual({
      ok: false,
      refusal: { code: 'invalid_status', status: 'cancelled', operation: 'attendance' },
    });
    expect(await closeAfterContact(temp.db, office, '00000000-0000-4000-8000-000000000000', AFTER)).toEqual({
      ok: false,
      refusal: { code: 'not_found' },
    });
  });

  it('should count a no-show and flag the person exactly when the count reaches the threshold', async () => {
    const person = 'Unoshow0000000000000000000000001';
    const sessions = [
      await confirmed(TUE_10, {}, person),
      await confirmed(THU_10, {}, person),
      await confirmed(THU_1330, {}, person),
    ];
    const flags: (number | null)[] = [];
    for (const s of sessions) {
      const events = eventsOf(
        await markAttendance(temp.db, office, {
          bookingId: s.id,
          attended: false,
          by: { id: 'system', via: 'system' },
          now: AFTER,
        }),
      );
      expect(events).toEqual([expect.objectContaining({ type: 'noShowRecorded' })]);
      flags.push(events[0]!.type === 'noShowRecorded' ? events[0]!.flaggedAfter : null);
    }
    // The default threshold is two; the third adds nothing new for staff to decide.
    expect(flags).toEqual([null, 2, null]);
    expect(await getUser(temp.db, person)).toMatchObject({ noShowCount: 3, flaggedAt: AFTER });
    expect(await row(sessions[0]!.id)).toMatchObject({
      status: 'no_show',
      cancelReason: 'no_show',
      cancelledBy: 'system',
    });
  });

  it('should correct a no-show to attended, taking the count back down and the flag off below the threshold', async () => {
    const person = 'Unoshow0000000000000000000000002';
    const first = await confirmed(TUE_10, {}, person);
    const second = await confirmed(THU_10, {}, person);
    for (const s of [first, second])
      await markAttendance(temp.db, office, { bookingId: s.id, attended: false, by: STAFF, now: AFTER });
    expect((await getUser(temp.db, person))?.flaggedAt).toBe(AFTER);
    const result = await markAttendance(temp.db, office, {
      bookingId: second.id,
      attended: true,
      by: STAFF,
      now: AFTER,
    });
    expect(eventsOf(result)).toEqual([
      {
        type: 'attendanceCorrected',
        subject: expect.objectContaining({ bookingId: second.id }),
        at: THU_10,
        personWasTold: true,
      },
    ]);
    expect(await row(second.id)).toMatchObject({
      status: 'attended',
      attendedAt: AFTER,
      cancelReason: null,
      cancelledBy: null,
    });
    expect(await getUser(temp.db, person)).toMatchObject({ noShowCount: 1, flaggedAt: null });
    expect((await staffActionsOf(temp.db, second.id)).map((a) => a.action)).toEqual([
      'no_show',
      'attendance_corrected',
    ]);
  });

  it('should correct a session closed after contact without telling the person or touching the count', async () => {
    const b = await confirmed(THU_10);
    await closeAfterContact(temp.db, office, b.id, AFTER);
    expect(
      eventsOf(await markAttendance(temp.db, office, { bookingId: b.id, attended: true, by: STAFF, now: AFTER })),
    ).toEqual([expect.objectContaining({ type: 'attendanceCorrected', personWasTold: false })]);
    expect((await row(b.id)).status).toBe('attended');
    expect((await getUser(temp.db, b.lineUserId))?.noShowCount).toBe(0);
  });

  it('should record attendance of a confirmed session without any message, and refuse what cannot be recorded', async () => {
    const b = await confirmed(THU_10);
    expect(
      eventsOf(await markAttendance(temp.db, office, { bookingId: b.id, attended: true, by: STAFF, now: AFTER })),
    ).toEqual([]);
    expect((await row(b.id)).status).toBe('attended');
    expect(await markAttendance(temp.db, office, { bookingId: b.id, attended: false, by: STAFF, now: AFTER })).toEqual({
      ok: false,
      refusal: { code: 'invalid_status', status: 'attended', operation: 'attendance' },
    });
    const open = await request();
    expect(
      await markAttendance(temp.db, office, { bookingId: open.id, attended: true, by: STAFF, now: AFTER }),
    ).toEqual({
      ok: false,
      refusal: { code: 'invalid_status', status: 'requested', operation: 'attendance' },
    });
    const erased = await confirmed(THU_1330, { personalDataErasedAt: AFTER });
    expect(
      await markAttendance(temp.db, office, { bookingId: erased.id, attended: true, by: STAFF, now: AFTER }),
    ).toEqual({ ok: false, refusal: { code: 'personal_data_erased' } });
  });
});
