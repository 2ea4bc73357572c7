import { toLocal, type Instant, type LocalDateTime, type SessionKind } from '../calendar/index.js';
import type { Booking, PreferredChoices } from '../../db/repositories/bookings-repository.js';
import type { BookingStatus } from '../../db/schema.js';

export type { PreferredChoices } from '../../db/repositories/bookings-repository.js';

/**
 * A Zoom meeting as staff gave it: what the person needs to join. Staff give the ID and passcode
 * (always together), a join link, or both; never neither.
 */
export interface MeetingDetails {
  meetingId?: string;
  passcode?: string;
  joinUrl?: string;
}

/** The meeting from its stored parts, or null when nothing usable is on file. */
function meetingFrom(id: string | null, passcode: string | null, url: string | null): MeetingDetails | null {
  const pair = id && passcode ? { meetingId: id, passcode } : {};
  if (!url && !('meetingId' in pair)) return null;
  return url ? { ...pair, joinUrl: url } : pair;
}

/** A request or booking as people see it: the same shape for the review card, the user and staff. */
export interface BookingView {
  id?: string;
  status?: BookingStatus;
  kind: SessionKind;
  app: 'zoom' | 'teleoffice';
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
  interpreter: boolean;
  /** Who attends (docs/office-rules.md §9): absent when nobody does, or for requests from before it was asked. */
  companion?: 'interpreter' | 'helper';
  companionLanguage?: string;
  /** The first preferred time, and the second when one was given (docs/office-rules.md §9). */
  choices: PreferredChoices<LocalDateTime>;
  confirmed?: LocalDateTime;
  /** The meeting of a confirmed session (Zoom), so the person can find it again. */
  meeting?: MeetingDetails;
  /** A time the office proposed and the person has not answered: the instant its buttons carry. */
  proposedStart?: Instant;
  replyDue?: Instant;
  createdAt?: Instant;
}

/** The Zoom meeting staff gave a booking: its id and passcode, its join link, or both. */
export function meetingOf(b: Pick<Booking, 'meetingId' | 'meetingPasscode' | 'meetingUrl'>): MeetingDetails | null {
  return meetingFrom(b.meetingId, b.meetingPasscode, b.meetingUrl);
}

/** The meeting that goes with a time the office proposed, applied only if the person accepts. */
export function proposedMeetingOf(
  b: Pick<Booking, 'proposedMeetingId' | 'proposedMeetingPasscode' | 'proposedMeetingUrl'>,
): MeetingDetails | null {
  return meetingFrom(b.proposedMeetingId, b.proposedMeetingPasscode, b.proposedMeetingUrl);
}

/** The preferred times, in order: the second only when one was given (docs/office-rules.md §9). */
export function preferredChoices<T>(first: T, second: T | null | undefined): PreferredChoices<T> {
  return second === null || second === undefined ? [first] : [first, second];
}

/** A request's preferred times as local dates and times. */
export function choicesOf(b: Pick<Booking, 'choice1Start' | 'choice2Start'>): PreferredChoices<LocalDateTime> {
  return preferredChoices(toLocal(b.choice1Start), b.choice2Start === null ? null : toLocal(b.choice2Start));
}

export function bookingViewOf(row: Booking): BookingView {
  const meeting = meetingOf(row);
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    app: row.app,
    name: row.name,
    jobSeekerNumber: row.jobSeekerNumber,
    email: row.email,
    phone: row.phone,
    interpreter: row.interpreter,
    ...(row.companion ? { companion: row.companion } : {}),
    ...(row.companionLanguage ? { companionLanguage: row.companionLanguage } : {}),
    choices: choicesOf(row),
    ...(row.confirmedStart ? { confirmed: toLocal(row.confirmedStart) } : {}),
    ...(meeting ? { meeting } : {}),
    ...(row.proposedStart ? { proposedStart: row.proposedStart } : {}),
    replyDue: row.replyDue,
    createdAt: row.createdAt,
  };
}
