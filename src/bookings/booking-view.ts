import { toLocal, type Instant, type LocalDateTime, type SessionKind } from '../calendar/index.js';
import type { BookingRow } from '../../db/repositories/bookings-repository.js';
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

export function bookingViewOf(row: BookingRow): BookingView {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    app: row.app,
    name: row.name,
    jobSeekerNumber: row.job_seeker_number,
    email: row.email,
    phone: row.phone,
    interpreter: row.interpreter === 1,
    choices: [toLocal(row.choice1_start), toLocal(row.choice2_start)],
    ...(row.confirmed_start ? { confirmed: toLocal(row.confirmed_start) } : {}),
    ...(row.meeting_id && row.meeting_passcode ? { meeting: { meetingId: row.meeting_id, passcode: row.meeting_passcode } } : {}),
    ...(row.proposed_start ? { proposedStart: row.proposed_start } : {}),
    replyDue: row.reply_due,
    createdAt: row.created_at,
  };
}
