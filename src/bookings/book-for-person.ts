import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import { lockChat } from '../../db/locks.js';
import {
  getBooking,
  insertRequest,
  isActiveBooking,
  latestBookingOf,
  listBookings,
  updateBooking,
  type Booking,
} from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { countBooking, getUser } from '../../db/repositories/users-repository.js';
import { earliest, horizonEnd, type Instant, type LocalDateTime, type SessionKind } from '../calendar/index.js';
import type { BookingRefusal, MeetingDetails } from './booking-outcome.js';
import { bookingViewOf } from './booking-view.js';
import { loadCalendar } from './calendar-facts.js';
import {
  checkSlot,
  scheduleSessionJobs,
  subjectOf,
  type Actor,
  type LifecycleDeps,
  type LifecycleResult,
} from './lifecycle.js';
import { sessionSpan } from './slot-rules.js';

/** The person's contact details; any not given are taken from their latest booking. */
export interface PersonDetails {
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
}

export interface BookForPersonInput {
  lineUserId: string;
  kind: SessionKind;
  app: 'zoom' | 'teleoffice';
  start: LocalDateTime;
  /** Required for Zoom (as when confirming a request); not kept for TeleOffice. */
  meeting?: MeetingDetails;
  details?: Partial<PersonDetails>;
  by: Actor;
  now: Instant;
}

const refuse = (refusal: BookingRefusal): LifecycleResult => ({ ok: false, refusal });

/** Details from the latest booking, unless staff gave them; none when that booking's were erased and some are missing. */
function detailsFor(latest: Booking, given: Partial<PersonDetails> = {}): PersonDetails | null {
  const erased = latest.personalDataErasedAt !== null;
  const pick = (k: keyof PersonDetails) => given[k] ?? (erased ? undefined : latest[k]);
  const [name, jobSeekerNumber, email, phone] = [pick('name'), pick('jobSeekerNumber'), pick('email'), pick('phone')];
  if (name === undefined || jobSeekerNumber === undefined || email === undefined || phone === undefined) return null;
  return { name, jobSeekerNumber, email, phone };
}

/**
 * One upcoming session at a time, as in the chat (docs/office-rules.md §7, §9): a request awaiting
 * staff is answered rather than doubled, and a confirmed session that has not begun is moved
 * rather than joined by another. The session under way (staff booking the next one during it)
 * has begun, so it does not count: the new one is necessarily after it.
 */
async function openBookingRefusal(db: Db, lineUserId: string, now: Instant): Promise<BookingRefusal | null> {
  const requests = await listBookings(db, { lineUserId, status: 'requested' });
  if (requests.some((b) => isActiveBooking(b, now))) return { code: 'open_request' };
  const confirmed = await listBookings(db, { lineUserId, status: 'confirmed' });
  const ahead = confirmed.find((b) => b.confirmedStart !== null && b.confirmedStart > now);
  return ahead ? { code: 'session_ahead', confirmedStart: ahead.confirmedStart! } : null;
}

/**
 * Staff book the next session for someone who has used the service before (terms 6(2): later
 * sessions may be arranged during a consultation). It is confirmed at once, under the same calendar
 * rules as any booking, except the lead time: the terms set it only "in principle", so staff may
 * book inside it, and the record says so (docs/office-rules.md §7). The person receives the usual
 * confirmation card; capacity is counted and taken in the caller's transaction.
 */
export async function bookForPerson(db: Db, deps: LifecycleDeps, input: BookForPersonInput): Promise<LifecycleResult> {
  // Nothing of the person's may change while this is decided (their own request, say).
  await lockChat(db, input.lineUserId);
  const user = await getUser(db, input.lineUserId);
  const latest = user && (await latestBookingOf(db, input.lineUserId));
  if (!user || !latest) return refuse({ code: 'person_unknown' });
  if (user.blockedAt !== null) return refuse({ code: 'person_blocked' });
  const details = detailsFor(latest, input.details);
  if (!details) return refuse({ code: 'personal_data_erased' });
  const open = await openBookingRefusal(db, input.lineUserId, input.now);
  if (open) return refuse(open);
  const meeting = input.app === 'zoom' ? input.meeting : undefined;
  if (input.app === 'zoom' && !meeting) return refuse({ code: 'meeting_required' });

  const id = randomUUID();
  const slotError = await checkSlot(db, deps, { id, kind: input.kind }, input.start, input.now);
  if (slotError) return refuse(slotError);
  const calendar = await loadCalendar(db, deps.settings, input.now);
  if (input.start.date > horizonEnd(input.now, calendar)) return refuse({ code: 'beyond_horizon' });
  const insideLeadTime = input.start.date < earliest(input.now, calendar);

  const span = sessionSpan(input.kind, input.start, deps.settings.sessionMinutes);
  const choice = { start: span.start, end: span.end, slotKey: span.slot };
  // Stored like a request whose one wish was the time staff chose, answered at once.
  await insertRequest(db, {
    id,
    lineUserId: input.lineUserId,
    kind: input.kind,
    app: input.app,
    ...details,
    interpreter: latest.interpreter,
    choices: [choice, choice],
    termsVersion: user.termsVersion ?? latest.termsVersion,
    createdAt: input.now,
    replyDue: input.now,
  });
  await updateBooking(
    db,
    id,
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
      updatedAt: input.now,
    },
    input.now,
  );
  await countBooking(db, input.lineUserId);
  await scheduleSessionJobs(db, deps, id, input.start, input.now);
  await recordStaffAction(db, {
    subjectId: id,
    action: 'confirm',
    staffId: input.by.id,
    via: input.by.via,
    detail: { start: span.start, forPerson: true, ...(insideLeadTime ? { insideLeadTime: true } : {}) },
    at: input.now,
  });
  const booking = (await getBooking(db, id))!;
  return {
    ok: true,
    booking,
    events: [
      {
        type: 'confirmed',
        subject: subjectOf(booking),
        booking: bookingViewOf(booking),
        at: input.start,
        meeting: meeting ?? null,
        replaced: null,
        forPerson: { insideLeadTime },
      },
    ],
  };
}
