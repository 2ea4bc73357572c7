import { toLocal, type Instant, type LocalDateTime, type SessionKind } from '../calendar/index.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import type { BookingStatus } from '../../db/schema.js';

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
  meeting?: { meetingId: string; passcode: string };
  /** A time the office proposed and the person has not answered: the instant its buttons carry. */
  proposedStart?: Instant;
  replyDue?: Instant;
  createdAt?: Instant;
}

export function bookingViewOf(row: Booking): BookingView {
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
    ...(row.meetingId && row.meetingPasscode
      ? { meeting: { meetingId: row.meetingId, passcode: row.meetingPasscode } }
      : {}),
    ...(row.proposedStart ? { proposedStart: row.proposedStart } : {}),
    replyDue: row.replyDue,
    createdAt: row.createdAt,
  };
}
