import { toLocal, type Instant, type LocalDateTime, type SessionKind } from '../calendar/index.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import type { BookingStatus } from '../../db/schema.js';

/** A Zoom meeting as staff gave it: what the person needs to join. */
export interface MeetingDetails {
  meetingId: string;
  passcode: string;
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
  choices: readonly [LocalDateTime, LocalDateTime];
  confirmed?: LocalDateTime;
  /** The meeting of a confirmed session (Zoom), so the person can find it again. */
  meeting?: MeetingDetails;
  /** A time the office proposed and the person has not answered: the instant its buttons carry. */
  proposedStart?: Instant;
  replyDue?: Instant;
  createdAt?: Instant;
}

/** The Zoom meeting staff gave a booking, when both its id and passcode are on file. */
export function meetingOf(b: Pick<Booking, 'meetingId' | 'meetingPasscode'>): MeetingDetails | null {
  return b.meetingId && b.meetingPasscode ? { meetingId: b.meetingId, passcode: b.meetingPasscode } : null;
}

/** The meeting that goes with a time the office proposed, applied only if the person accepts. */
export function proposedMeetingOf(
  b: Pick<Booking, 'proposedMeetingId' | 'proposedMeetingPasscode'>,
): MeetingDetails | null {
  return b.proposedMeetingId && b.proposedMeetingPasscode
    ? { meetingId: b.proposedMeetingId, passcode: b.proposedMeetingPasscode }
    : null;
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
    choices: [toLocal(row.choice1Start), toLocal(row.choice2Start)],
    ...(row.confirmedStart ? { confirmed: toLocal(row.confirmedStart) } : {}),
    ...(meeting ? { meeting } : {}),
    ...(row.proposedStart ? { proposedStart: row.proposedStart } : {}),
    replyDue: row.replyDue,
    createdAt: row.createdAt,
  };
}
