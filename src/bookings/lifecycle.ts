import type { Db } from '../../db/database.js';
import { lockChat, lockPlaces } from '../../db/locks.js';
import type { StaffVia } from '../../db/schema.js';
import {
  cancellation,
  confirmedReplacedBy,
  getBooking,
  NO_PROPOSAL,
  pendingChangeOf,
  sessionStartOf,
  takenInSlot,
  updateBooking,
  type Booking,
} from '../../db/repositories/bookings-repository.js';
import { scheduleJob, skipPendingJobsOf } from '../../db/repositories/jobs-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { countCancel, countNoShow, setFlagged, uncountNoShow } from '../../db/repositories/users-repository.js';
import { addDays, capacityOf, toInstant, toLocal, type Instant, type LocalDateTime } from '../calendar/index.js';
import type { OfficeContext } from '../office/office-context.js';
import type {
  BookingEvent,
  BookingOperation,
  BookingRefusal,
  BookingSubject,
  MeetingDetails,
} from './booking-outcome.js';
import { bookingViewOf, choicesOf, meetingOf, proposedMeetingOf } from './booking-view.js';
import { loadCalendar } from './calendar-facts.js';
import { sessionSpan, staffTimeProblem } from './slot-rules.js';

/** What booking operations read of the office: its calendar settings and what follows a confirmation. */
export type LifecycleDeps = Pick<OfficeContext, 'settings' | 'lifecycle'>;

export interface Actor {
  /**
   * LINE user id of a staff member, 'api:<name>' for the staff API, 'console:<login id>' for the
   * staff console, the user's id, or 'system'.
   */
  id: string;
  via: StaffVia;
}

/**
 * What a booking operation did: the booking as it is now and what happened, as events that
 * src/messages/ turns into messages; or why nothing was done. Nothing here knows HTTP or LINE.
 */
export type LifecycleResult =
  { ok: true; booking: Booking; events: BookingEvent[] } | { ok: false; refusal: BookingRefusal };

const refuse = (refusal: BookingRefusal): LifecycleResult => ({ ok: false, refusal });
const done = (booking: Booking, events: BookingEvent[]): LifecycleResult => ({ ok: true, booking, events });

/** The actor behind an id stored in `confirmedBy` or `proposedBy` (see Actor.id). */
function actorOf(id: string): Actor {
  if (id === 'system') return { id, via: 'system' };
  if (id.startsWith('api:')) return { id, via: 'api' };
  return { id, via: id.startsWith('console:') ? 'console' : 'line' };
}

export function subjectOf(row: Pick<Booking, 'id' | 'lineUserId' | 'name'>): BookingSubject {
  return { bookingId: row.id, lineUserId: row.lineUserId, name: row.name };
}

/**
 * The booking as the last change to its person's bookings left it. One change to a person's
 * bookings at a time, across processes (db/locks.ts): a change in progress elsewhere is waited
 * for, and the booking read again after it, so a decision is made on what that change left.
 */
export async function currentBooking(db: Db, bookingId: string): Promise<Booking | undefined> {
  const found = await getBooking(db, bookingId);
  if (!found) return undefined;
  // Read again only where another process may have changed it meanwhile (not on SQLite).
  return (await lockChat(db, found.lineUserId)) ? getBooking(db, bookingId) : found;
}

/**
 * The one way every operation finds its booking: missing (or, with `owner`, someone else's) is
 * not found, and a booking whose personal details were erased (the office's retention period)
 * is over for good, so nothing more is done with it.
 */
export async function bookingToChange(
  db: Db,
  bookingId: string,
  owner?: string,
): Promise<{ row: Booking } | { refusal: BookingRefusal }> {
  const row = await currentBooking(db, bookingId);
  if (!row || (owner !== undefined && row.lineUserId !== owner)) return { refusal: { code: 'not_found' } };
  if (row.personalDataErasedAt !== null) return { refusal: { code: 'personal_data_erased' } };
  return { row };
}

const wrongStatus = (row: Booking, operation: BookingOperation): LifecycleResult =>
  refuse({ code: 'invalid_status', status: row.status, operation });

/** The staff time rules and the slot's capacity for `row` at `at` (also used by book-for-person.ts). */
export async function checkSlot(
  db: Db,
  deps: LifecycleDeps,
  row: Pick<Booking, 'id' | 'kind'>,
  at: LocalDateTime,
  now: Instant,
): Promise<BookingRefusal | null> {
  // Counting the places and taking one are one step for every process (db/locks.ts).
  await lockPlaces(db);
  const calendar = await loadCalendar(db, deps.settings, now);
  const problem = staffTimeProblem(calendar, row.kind, at, now);
  if (problem) return { code: problem };
  const span = sessionSpan(row.kind, at, deps.settings.sessionMinutes);
  // Counted and taken in the same transaction as the update: two staff at once cannot overfill it.
  if ((await takenInSlot(db, span.slot, row.id)) >= capacityOf(calendar, span.slot)) return { code: 'slot_full' };
  return null;
}

export async function scheduleSessionJobs(
  db: Db,
  deps: LifecycleDeps,
  bookingId: string,
  at: LocalDateTime,
  now: Instant,
): Promise<void> {
  const start = toInstant(at);
  const l = deps.lifecycle;
  const dayBefore = toInstant({ date: addDays(at.date, -1), minutes: l.dayBeforeReminderMinutes });
  const morning = toInstant({ date: at.date, minutes: Math.min(l.morningReminderMinutes, at.minutes - 30) });
  // A moved session skipped its old jobs first; one due at the same moment again is re-armed.
  const rearm = { rearm: true };
  if (dayBefore > now) await scheduleJob(db, 'reminder_day_before', bookingId, dayBefore, now, rearm);
  if (morning > now && morning < start) await scheduleJob(db, 'reminder_morning', bookingId, morning, now, rearm);
  await scheduleJob(
    db,
    'no_show',
    bookingId,
    toInstant({ date: at.date, minutes: at.minutes + l.noShowGraceMinutes }),
    now,
    rearm,
  );
}

export interface ConfirmInput {
  bookingId: string;
  /** A choice of the request, or any minute-exact start staff agreed with the user. */
  at: { choice: 1 | 2 } | { start: LocalDateTime };
  meeting?: MeetingDetails;
  by: Actor;
  now: Instant;
  /** The person accepted a time `by` proposed: recorded so, in `by`'s name. */
  acceptedByPerson?: boolean;
}

/** The time a confirmation names; none for the second choice of a request holding one (docs/office-rules.md §9). */
function confirmTimeOf(row: Booking, at: ConfirmInput['at']): LocalDateTime | undefined {
  if ('start' in at) return at.start;
  const start = at.choice === 1 ? row.choice1Start : row.choice2Start;
  return start === null ? undefined : toLocal(start);
}

/** Confirms a request at one time: capacity checked and taken atomically, the user told, reminders set. */
export async function confirmBooking(db: Db, deps: LifecycleDeps, input: ConfirmInput): Promise<LifecycleResult> {
  const found = await bookingToChange(db, input.bookingId);
  if ('refusal' in found) return refuse(found.refusal);
  const { row } = found;
  if (row.status === 'confirmed') return refuse({ code: 'already_confirmed', confirmedStart: row.confirmedStart });
  if (row.status !== 'requested') return wrongStatus(row, 'confirm');
  const at = confirmTimeOf(row, input.at);
  if (!at) return refuse({ code: 'no_second_choice' });
  const meeting = input.meeting ?? meetingOf(row) ?? undefined;
  if (row.app === 'zoom' && !meeting) return refuse({ code: 'meeting_required' });
  const slotError = await checkSlot(db, deps, row, at, input.now);
  if (slotError) return refuse(slotError);
  const span = sessionSpan(row.kind, at, deps.settings.sessionMinutes);
  await updateBooking(
    db,
    row.id,
    {
      status: 'confirmed',
      confirmedStart: span.start,
      confirmedEnd: span.end,
      confirmedSlot: span.slot,
      meetingId: meeting?.meetingId ?? null,
      meetingPasscode: meeting?.passcode ?? null,
      meetingUrl: meeting?.joinUrl ?? null,
      confirmedBy: input.by.id,
      confirmedAt: input.now,
      ...NO_PROPOSAL,
      updatedAt: input.now,
    },
    input.now,
  );
  let replaced: LocalDateTime | null = null;
  if (row.replacesBookingId) {
    const old = await getBooking(db, row.replacesBookingId);
    if (old && (old.status === 'requested' || old.status === 'confirmed')) {
      await updateBooking(db, old.id, cancellation('rescheduled', input.by.id, input.now), input.now);
      replaced = toLocal(sessionStartOf(old));
    }
  }
  await scheduleSessionJobs(db, deps, row.id, at, input.now);
  await recordStaffAction(db, {
    subjectId: row.id,
    action: 'confirm',
    staffId: input.by.id,
    via: input.by.via,
    detail: { start: span.start, ...(input.acceptedByPerson ? { acceptedByPerson: true } : {}) },
    at: input.now,
  });
  const updated = (await getBooking(db, row.id))!;
  return done(updated, [
    {
      type: 'confirmed',
      subject: subjectOf(row),
      booking: bookingViewOf(updated),
      at,
      meeting: meeting ?? null,
      replaced,
    },
  ]);
}

export interface CancelInput {
  bookingId: string;
  by: Actor;
  /** The user themselves (through the chat) or the office. */
  byUser: boolean;
  reason: string | null;
  now: Instant;
}

/** Cancels an open booking. Users may do so up to the day before; on the day only by phone. */
export async function cancelBooking(db: Db, deps: LifecycleDeps, input: CancelInput): Promise<LifecycleResult> {
  const found = await bookingToChange(db, input.bookingId);
  if ('refusal' in found) return refuse(found.refusal);
  const { row } = found;
  if (row.status !== 'requested' && row.status !== 'confirmed') return wrongStatus(row, 'cancel');
  const at = toLocal(sessionStartOf(row));
  // The phone-only rule is for a fixed session; a request awaiting staff can be withdrawn any time.
  if (input.byUser && row.status === 'confirmed' && at.date <= toLocal(input.now).date)
    return refuse({ code: 'same_day' });
  // A proposal on it lapses with it: its card's buttons then say so.
  await updateBooking(db, row.id, cancellation(input.reason, input.by.id, input.now), input.now);
  if (input.byUser) await countCancel(db, row.lineUserId);
  await recordStaffAction(db, {
    subjectId: row.id,
    action: 'cancel',
    staffId: input.by.id,
    via: input.by.via,
    detail: { reason: input.reason, byUser: input.byUser },
    at: input.now,
  });
  const updated = (await getBooking(db, row.id))!;
  // The office withdrawing a change request leaves the confirmed session it would have replaced.
  const kept = !input.byUser && row.status === 'requested' ? await confirmedReplacedBy(db, row) : undefined;
  // The office cancelling a session also ends the person's request to move it: it had nothing left
  // to replace, and left open it would stop them booking again. (The person's own cancel in the
  // chat ends both itself.)
  const change = !input.byUser && row.status === 'confirmed' ? await endPendingChange(db, row, input) : undefined;
  return done(updated, [
    {
      type: 'cancelled',
      subject: subjectOf(row),
      at,
      byPerson: input.byUser,
      reason: input.reason,
      request: row.status === 'requested' ? { choices: choicesOf(row), change: row.replacesBookingId !== null } : null,
      keptSession: kept?.confirmedStart ? toLocal(kept.confirmedStart) : null,
      endedChange: change ? subjectOf(change) : null,
    },
  ]);
}

/** Cancels the open change request that would have replaced `confirmed`, if there is one; returns it. */
async function endPendingChange(db: Db, confirmed: Booking, input: CancelInput): Promise<Booking | undefined> {
  const change = await pendingChangeOf(db, confirmed.id);
  if (!change) return undefined;
  await updateBooking(db, change.id, cancellation(input.reason, input.by.id, input.now), input.now);
  await recordStaffAction(db, {
    subjectId: change.id,
    action: 'cancel',
    staffId: input.by.id,
    via: input.by.via,
    detail: { reason: input.reason, byUser: false, with: confirmed.id },
    at: input.now,
  });
  return change;
}

export interface ProposeInput {
  bookingId: string;
  start: LocalDateTime;
  meeting?: MeetingDetails;
  by: Actor;
  now: Instant;
}

/**
 * The office proposes another time for a request, or moves a confirmed booking (terms 6(5)).
 * The user accepts or asks for another; until then nothing is taken.
 */
export async function proposeTime(db: Db, deps: LifecycleDeps, input: ProposeInput): Promise<LifecycleResult> {
  const found = await bookingToChange(db, input.bookingId);
  if ('refusal' in found) return refuse(found.refusal);
  const { row } = found;
  if (row.status !== 'requested' && row.status !== 'confirmed') return wrongStatus(row, 'move');
  if (row.app === 'zoom' && !input.meeting && !meetingOf(row)) return refuse({ code: 'meeting_required' });
  const span = sessionSpan(row.kind, input.start, deps.settings.sessionMinutes);
  // The same proposal sent again (a retried request, a double click) is already standing: the
  // person has its card, and a second one would only confuse them.
  const same =
    row.proposedStart === span.start &&
    (row.proposedMeetingId ?? null) === (input.meeting?.meetingId ?? null) &&
    (row.proposedMeetingPasscode ?? null) === (input.meeting?.passcode ?? null) &&
    (row.proposedMeetingUrl ?? null) === (input.meeting?.joinUrl ?? null);
  if (same) return done(row, []);
  const slotError = await checkSlot(db, deps, row, input.start, input.now);
  if (slotError) return refuse(slotError);
  // The meeting details go with the proposal: a confirmed session keeps its own until the person accepts.
  await updateBooking(
    db,
    row.id,
    {
      proposedStart: span.start,
      proposedEnd: span.end,
      proposedMeetingId: input.meeting?.meetingId ?? null,
      proposedMeetingPasscode: input.meeting?.passcode ?? null,
      proposedMeetingUrl: input.meeting?.joinUrl ?? null,
      proposedBy: input.by.id,
      updatedAt: input.now,
    },
    input.now,
  );
  await recordStaffAction(db, {
    subjectId: row.id,
    action: 'propose',
    staffId: input.by.id,
    via: input.by.via,
    detail: { start: span.start },
    at: input.now,
  });
  return done((await getBooking(db, row.id))!, [
    {
      type: 'proposed',
      subject: subjectOf(row),
      at: input.start,
      proposedStart: span.start,
      moving: row.status === 'confirmed',
    },
  ]);
}

/** The proposal the person's card showed, if it is still the one standing. */
function proposalRefusal(row: Booking, shown: string | undefined): BookingRefusal | undefined {
  return !row.proposedStart || (shown !== undefined && shown !== row.proposedStart)
    ? { code: 'no_proposal' }
    : undefined;
}

/** The user accepts the proposed time (the one their card showed): it is confirmed like a staff confirmation. */
export async function acceptProposal(
  db: Db,
  deps: LifecycleDeps,
  bookingId: string,
  userId: string,
  now: Instant,
  shown?: string,
): Promise<LifecycleResult> {
  const found = await bookingToChange(db, bookingId, userId);
  if ('refusal' in found) return refuse(found.refusal);
  const { row } = found;
  const stale = proposalRefusal(row, shown);
  if (stale) return refuse(stale);
  const at = toLocal(row.proposedStart!);
  const proposedMeeting = proposedMeetingOf(row);
  // Confirmed in the name of whoever proposed it; the person's part is in the record's detail.
  const proposer = actorOf(row.proposedBy ?? row.confirmedBy ?? userId);
  if (row.status === 'confirmed') {
    // Moving a confirmed booking: take the new slot, release the old one.
    const slotError = await checkSlot(db, deps, row, at, now);
    if (slotError) return refuse(slotError);
    const span = sessionSpan(row.kind, at, deps.settings.sessionMinutes);
    await updateBooking(
      db,
      row.id,
      {
        confirmedStart: span.start,
        confirmedEnd: span.end,
        confirmedSlot: span.slot,
        ...(proposedMeeting
          ? {
              meetingId: proposedMeeting.meetingId ?? null,
              meetingPasscode: proposedMeeting.passcode ?? null,
              meetingUrl: proposedMeeting.joinUrl ?? null,
            }
          : {}),
        confirmedBy: proposer.id,
        confirmedAt: now,
        ...NO_PROPOSAL,
        updatedAt: now,
      },
      now,
    );
    await skipPendingJobsOf(db, row.id, now);
    await scheduleSessionJobs(db, deps, row.id, at, now);
    await recordStaffAction(db, {
      subjectId: row.id,
      action: 'confirm',
      staffId: proposer.id,
      via: proposer.via,
      detail: { start: span.start, acceptedByPerson: true },
      at: now,
    });
    const updated = (await getBooking(db, row.id))!;
    return done(updated, [
      {
        type: 'moveAccepted',
        subject: subjectOf(row),
        booking: bookingViewOf(updated),
        at,
        meeting: meetingOf(updated),
      },
    ]);
  }
  return confirmBooking(db, deps, {
    bookingId,
    at: { start: at },
    ...(proposedMeeting ? { meeting: proposedMeeting } : {}),
    by: proposer,
    acceptedByPerson: true,
    now,
  });
}

/** The user declines the proposal; staff are told, and the chat asks for new preferred times. */
export async function declineProposal(
  db: Db,
  _deps: LifecycleDeps,
  bookingId: string,
  userId: string,
  now: Instant,
  shown?: string,
): Promise<LifecycleResult> {
  const found = await bookingToChange(db, bookingId, userId);
  if ('refusal' in found) return refuse(found.refusal);
  const { row } = found;
  const stale = proposalRefusal(row, shown);
  if (stale) return refuse(stale);
  // A booking that ended meanwhile (cancelled, replaced, held) has nothing left to decline.
  if (row.status !== 'requested' && row.status !== 'confirmed')
    return refuse({ code: 'no_proposal', status: row.status });
  await updateBooking(db, row.id, { ...NO_PROPOSAL, updatedAt: now }, now);
  return done((await getBooking(db, row.id))!, [{ type: 'proposalDeclined', subject: subjectOf(row) }]);
}

/**
 * The no-show check found a session unrecorded, but the person wrote to the office that day (late,
 * could not connect): the terms count only a session missed without contact. It is closed as a
 * cancellation on the day with contact, not counted towards the no-show flag, and staff can still
 * correct it to attended. The person is not told anything: they may be in the session right now.
 */
export async function closeAfterContact(
  db: Db,
  _deps: LifecycleDeps,
  bookingId: string,
  now: Instant,
): Promise<LifecycleResult> {
  const row = await currentBooking(db, bookingId);
  if (!row) return refuse({ code: 'not_found' });
  if (row.status !== 'confirmed') return wrongStatus(row, 'attendance');
  await updateBooking(db, row.id, cancellation('contacted_on_day', 'system', now), now);
  await recordStaffAction(db, {
    subjectId: row.id,
    action: 'closed_after_contact',
    staffId: 'system',
    via: 'system',
    at: now,
  });
  return done((await getBooking(db, row.id))!, [
    { type: 'closedAfterContact', subject: subjectOf(row), at: toLocal(sessionStartOf(row)) },
  ]);
}

/** How long staff have to answer whether the person joined before they are asked once more. */
export const ATTENDANCE_REMINDER_MINUTES = 30;

/**
 * Ten minutes after the start, nothing is recorded and the person has not written: only the
 * counsellor can see whether they connected, so staff are asked (参加あり / 接続なし) and nothing
 * is recorded or told to the person until they answer (terms 6(4), docs/office-rules.md §11).
 * `reminder`: the question was asked before and is still open; it is asked once more, and only once.
 */
export async function askAttendance(
  db: Db,
  _deps: LifecycleDeps,
  bookingId: string,
  now: Instant,
  reminder: boolean,
): Promise<LifecycleResult> {
  const row = await currentBooking(db, bookingId);
  if (!row) return refuse({ code: 'not_found' });
  // Answered meanwhile (attended, no-show, closed after contact) or moved: nothing to ask.
  if (row.status !== 'confirmed' || !row.confirmedStart || now < row.confirmedStart)
    return wrongStatus(row, 'attendance');
  await recordStaffAction(db, {
    subjectId: row.id,
    action: reminder ? 'attendance_reminded' : 'attendance_asked',
    staffId: 'system',
    via: 'system',
    at: now,
  });
  if (!reminder)
    await scheduleJob(
      db,
      'attendance_reminder',
      row.id,
      new Date(Date.parse(now) + ATTENDANCE_REMINDER_MINUTES * 60_000).toISOString(),
      now,
    );
  return done(row, [{ type: 'attendanceAsked', subject: subjectOf(row), at: toLocal(row.confirmedStart), reminder }]);
}

export interface AttendanceInput {
  bookingId: string;
  attended: boolean;
  by: Actor;
  now: Instant;
}

/**
 * Marks a confirmed session attended, or a no-show (counted; staff flagged at the threshold).
 * A no-show recorded by mistake (the person came, or had phoned) can be corrected to attended:
 * the count goes back down, so nobody is flagged for a session they attended.
 */
export async function markAttendance(db: Db, deps: LifecycleDeps, input: AttendanceInput): Promise<LifecycleResult> {
  const found = await bookingToChange(db, input.bookingId);
  if ('refusal' in found) return refuse(found.refusal);
  const { row } = found;
  // A missed session can be corrected to attended: a no-show, or one closed after the person wrote that day.
  const closedAfterContact = row.status === 'cancelled' && row.cancelReason === 'contacted_on_day';
  const correcting = (row.status === 'no_show' || closedAfterContact) && input.attended;
  if (row.status !== 'confirmed' && !correcting) return wrongStatus(row, 'attendance');
  const at = toLocal(sessionStartOf(row));
  const events: BookingEvent[] = [];
  if (input.attended) {
    await updateBooking(
      db,
      row.id,
      {
        status: 'attended',
        attendedAt: input.now,
        cancelReason: null,
        cancelledBy: null,
        cancelledAt: null,
        updatedAt: input.now,
      },
      input.now,
    );
    if (correcting && closedAfterContact) {
      events.push({ type: 'attendanceCorrected', subject: subjectOf(row), at, personWasTold: false });
    } else if (correcting) {
      const noShows = await uncountNoShow(db, row.lineUserId);
      if (noShows !== undefined && noShows < deps.lifecycle.noShowFlagCount) await setFlagged(db, row.lineUserId, null);
      // The last thing the person read said the session counted as missed.
      events.push({ type: 'attendanceCorrected', subject: subjectOf(row), at, personWasTold: true });
    }
  } else {
    await updateBooking(
      db,
      row.id,
      {
        status: 'no_show',
        cancelReason: 'no_show',
        cancelledBy: input.by.id,
        cancelledAt: input.now,
        updatedAt: input.now,
      },
      input.now,
    );
    const user = await countNoShow(db, row.lineUserId);
    const flagged = user !== undefined && user.noShowCount >= deps.lifecycle.noShowFlagCount && !user.flaggedAt;
    if (flagged) await setFlagged(db, row.lineUserId, input.now);
    // The person hears of it too: it counts towards refusal (terms 6(4)), and a reason may exist.
    events.push({
      type: 'noShowRecorded',
      subject: subjectOf(row),
      at,
      flaggedAfter: flagged ? user.noShowCount : null,
    });
  }
  await recordStaffAction(db, {
    subjectId: row.id,
    action: correcting ? 'attendance_corrected' : input.attended ? 'attended' : 'no_show',
    staffId: input.by.id,
    via: input.by.via,
    at: input.now,
  });
  return done((await getBooking(db, row.id))!, events);
}
