import type { Db } from '../../db/database.js';
import { cancellation, confirmedReplacedBy, updateBooking } from '../../db/repositories/bookings-repository.js';
import { declineImmediateRequest } from '../../db/repositories/immediate-requests-repository.js';
import { scheduleJob, type JobRow } from '../../db/repositories/jobs-repository.js';
import { hasActionSince } from '../../db/repositories/staff-actions-repository.js';
import { getTerms } from '../../db/repositories/terms-repository.js';
import { markTermsNotified, usersToTellOfTerms } from '../../db/repositories/users-repository.js';
import { bookingViewOf, choicesOf } from '../bookings/booking-view.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { askAttendance, closeAfterContact, currentBooking } from '../bookings/lifecycle.js';
import { bookingEventsDispatches } from '../messages/booking-events.js';
import type { OfficeContext } from '../office/office-context.js';
import {
  bookingRef,
  staffImmediateClosedMessages,
  staffReplyOverdueMessages,
  staffRequestLapsedMessages,
} from '../messages/staff-messages.js';
import { notBefore } from '../bookings/quiet-hours.js';
import { nextOpening, toInstant, toLocal } from '../calendar/index.js';
import { closureDates } from '../../db/repositories/closures-repository.js';
import {
  changeRequestEndedMessages,
  immediateUnavailableMessages,
  requestExpiredMessages,
  reminderMessages,
  replyOverdueUserMessages,
} from '../messages/lifecycle-messages.js';
import { termsChangeNoticeMessages } from '../messages/terms-messages.js';
import { USER_CONTACT_ACTION } from '../conversation/session-day-contact.js';
import { staleReason } from './job-staleness.js';

/**
 * What a job does when it fires, deciding from the state as it is now (it may have changed). A job
 * reads its booking with `currentBooking`, which waits for a change to the person's bookings in
 * progress elsewhere (staff pressing 出席 as the no-show check fires) and decides on what it left
 * (docs/storage.md, rule 2).
 * `reason`: why it sends nothing although its subject is still there (it ran too late), recorded
 * beside the job.
 */
export type JobOutcome = { status: 'done' | 'skipped'; dispatches: Dispatch[]; reason?: string };

const skipped: JobOutcome = { status: 'skipped', dispatches: [] };
/** Ran too late to make sense: nothing is sent, and the job records why. */
const stale = (reason: string): JobOutcome => ({ status: 'skipped', dispatches: [], reason });

async function reminder(
  db: Db,
  deps: OfficeContext,
  job: JobRow,
  kind: 'day_before' | 'morning',
  now: string,
): Promise<JobOutcome> {
  const b = await currentBooking(db, job.subject_id);
  // Rescheduled bookings get new jobs; a reminder for an old time must not fire.
  if (!b || b.status !== 'confirmed' || !b.confirmedStart) return skipped;
  const at = toLocal(b.confirmedStart);
  if (kind === 'day_before' ? job.due_at >= b.confirmedStart : job.due_at > b.confirmedStart) return skipped;
  // Run late (the server was down), or held overnight by quiet hours, "tomorrow" would reach the
  // person on the day itself, where its same-day cancel in the chat is refused; the morning
  // reminder covers the day. A morning one after the start is no use either.
  const goesOut = notBefore(now, deps.lifecycle);
  if (kind === 'day_before' ? toLocal(goesOut).date >= at.date : now >= b.confirmedStart)
    return stale(
      kind === 'day_before' ? 'ran late: it would reach the person on the day of the session' : 'the session has begun',
    );
  // A reminder never sends the person to a closed office's phone (docs/office-rules.md §2).
  const phoneFrom = nextOpening(goesOut, deps.settings, await closureDates(db, toLocal(goesOut).date));
  return {
    status: 'done',
    dispatches: [
      {
        audience: 'user',
        recipient: b.lineUserId,
        messages: reminderMessages(kind, at, bookingViewOf(b), deps.settings, phoneFrom),
      },
    ],
  };
}

async function replyDue(db: Db, deps: OfficeContext, job: JobRow, now: string): Promise<JobOutcome> {
  const b = await currentBooking(db, job.subject_id);
  if (!b || b.status !== 'requested' || b.proposedStart) return skipped;
  // Run late (the server was down) after every preferred time has passed, "your request still
  // stands" would be untrue: the request's expiry closes it and tells the person instead.
  const lastChoice = b.choice2Start !== null && b.choice2Start > b.choice1Start ? b.choice2Start : b.choice1Start;
  if (now >= lastChoice) return stale('ran late: every preferred time has passed');
  return {
    status: 'done',
    dispatches: [
      {
        audience: 'staff',
        recipient: deps.staffGroupId,
        messages: staffReplyOverdueMessages(bookingViewOf(b), deps.settings),
      },
      {
        audience: 'user',
        recipient: b.lineUserId,
        messages: replyOverdueUserMessages(choicesOf(b), deps.settings),
      },
    ],
  };
}

async function noShow(db: Db, deps: OfficeContext, job: JobRow, now: string): Promise<JobOutcome> {
  const b = await currentBooking(db, job.subject_id);
  if (!b || b.status !== 'confirmed' || !b.confirmedStart) return skipped;
  // Only if this job belongs to the current time (a moved booking has its own job).
  const graceEnd = new Date(Date.parse(b.confirmedStart) + deps.lifecycle.noShowGraceMinutes * 60_000).toISOString();
  if (job.due_at !== graceEnd || now < graceEnd) return skipped;
  // Long after the session's day (the server was down), the question is recorded, not asked:
  // the session stays confirmed, and staff record attendance in the console.
  const late = staleReason(job.kind, job.due_at, now);
  if (late) return stale(late);
  // The person wrote on the day (late, could not connect): missed, but not without contact.
  const dayStart = toInstant({ date: toLocal(b.confirmedStart).date, minutes: 0 });
  if (await hasActionSince(db, b.id, USER_CONTACT_ACTION, dayStart)) {
    const closed = await closeAfterContact(db, deps, b.id, now);
    return closed.ok ? { status: 'done', dispatches: bookingEventsDispatches(closed.events, deps) } : skipped;
  }
  // Only the counsellor sees whether the person connected: ask, record nothing yet.
  const asked = await askAttendance(db, deps, b.id, now, false);
  return asked.ok ? { status: 'done', dispatches: bookingEventsDispatches(asked.events, deps) } : skipped;
}

/** Staff have not said whether the person connected: ask once more. */
async function attendanceReminder(db: Db, deps: OfficeContext, job: JobRow, now: string): Promise<JobOutcome> {
  const late = staleReason(job.kind, job.due_at, now);
  if (late) return stale(late);
  const asked = await askAttendance(db, deps, job.subject_id, now, true);
  return asked.ok ? { status: 'done', dispatches: bookingEventsDispatches(asked.events, deps) } : skipped;
}

/**
 * Tells each user with an open booking, once per version, what the terms change, from when and
 * where to read them. Due when the version is registered, so people hear of it in advance (terms
 * art. 13); like any push it waits out quiet hours.
 */
async function termsNotice(db: Db, job: JobRow, now: string): Promise<JobOutcome> {
  const terms = await getTerms(db, job.subject_id);
  if (!terms) return skipped;
  // Open when the version was registered: a session or a time still ahead then.
  const users = await usersToTellOfTerms(db, terms.id, job.due_at);
  if (users.length === 0) return { status: 'done', dispatches: [] };
  await markTermsNotified(db, users, terms.id);
  return {
    status: 'done',
    dispatches: users.map((u) => ({
      audience: 'user' as const,
      recipient: u,
      messages: termsChangeNoticeMessages(terms, toLocal(now).date),
    })),
  };
}

/** Nobody took an immediate-session request in time: say so, rather than leave the person waiting. */
async function immediateTimeout(db: Db, deps: OfficeContext, job: JobRow, now: string): Promise<JobOutcome> {
  const req = await declineImmediateRequest(db, job.subject_id);
  if (!req) return skipped;
  // Declined all the same (it is no longer open), but hours later nobody is told.
  const late = staleReason(job.kind, job.due_at, now);
  if (late) return { status: 'done', dispatches: [], reason: late };
  return {
    status: 'done',
    dispatches: [
      { audience: 'user', recipient: req.lineUserId, messages: immediateUnavailableMessages(deps.settings) },
      { audience: 'staff', recipient: deps.staffGroupId, messages: staffImmediateClosedMessages(req.name) },
    ],
  };
}

/** Both preferred times passed without an answer: close the request rather than leave it open forever. */
async function requestExpiry(db: Db, deps: OfficeContext, job: JobRow, now: string): Promise<JobOutcome> {
  const b = await currentBooking(db, job.subject_id);
  if (!b || b.status !== 'requested') return skipped;
  if (b.proposedStart !== null && b.proposedStart > now) {
    // The person may still accept the office's proposal: look again once that time has passed.
    await scheduleJob(db, 'request_expiry', b.id, b.proposedStart, now);
    return skipped;
  }
  await updateBooking(db, b.id, cancellation('expired', 'system', now), now);
  // Closed all the same, but a day or more late neither the person nor staff are told of it.
  const late = staleReason(job.kind, job.due_at, now);
  if (late) return { status: 'done', dispatches: [], reason: late };
  // A change request that lapses leaves the confirmed session it would have replaced in place.
  const kept = await confirmedReplacedBy(db, b);
  const keptStart = kept?.confirmedStart ?? null;
  const ref = bookingRef({ bookingId: b.id, name: b.name });
  return {
    status: 'done',
    dispatches: [
      {
        audience: 'user',
        recipient: b.lineUserId,
        messages: keptStart
          ? changeRequestEndedMessages(toLocal(keptStart), 'expired', null, deps.settings)
          : requestExpiredMessages(deps.settings),
      },
      {
        audience: 'staff',
        recipient: deps.staffGroupId,
        messages: staffRequestLapsedMessages(ref, keptStart ? kept!.id : null),
      },
    ],
  };
}

export async function runJob(db: Db, deps: OfficeContext, job: JobRow, now: string): Promise<JobOutcome> {
  switch (job.kind) {
    case 'reminder_day_before':
      return reminder(db, deps, job, 'day_before', now);
    case 'reminder_morning':
      return reminder(db, deps, job, 'morning', now);
    case 'reply_due':
      return replyDue(db, deps, job, now);
    case 'no_show':
      return noShow(db, deps, job, now);
    case 'attendance_reminder':
      return attendanceReminder(db, deps, job, now);
    case 'terms_notice':
      return termsNotice(db, job, now);
    case 'immediate_timeout':
      return immediateTimeout(db, deps, job, now);
    case 'request_expiry':
      return requestExpiry(db, deps, job, now);
  }
}
