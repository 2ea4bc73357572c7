import type { BookingRow } from '../../db/repositories/bookings-repository.js';
import type { RecordedAction } from '../../db/repositories/staff-actions-repository.js';
import { formatIsoJst } from '../calendar/index.js';
import type { Closure } from '../../db/repositories/closures-repository.js';
import type { CapacityOverride } from '../../db/repositories/office-state-repository.js';
import type { RegisteredTerms } from '../../db/repositories/terms-repository.js';

const jst = (instant: string | null): string | null => (instant === null ? null : formatIsoJst(instant));

const span = (start: string | null, end: string | null) => (start && end ? { start: formatIsoJst(start), end: formatIsoJst(end) } : null);

function proposalJson(row: BookingRow) {
  const at = span(row.proposed_start, row.proposed_end);
  if (!at) return null;
  return { ...at, meeting: row.proposed_meeting_id !== null ? { meetingId: row.proposed_meeting_id, passcode: row.proposed_meeting_passcode } : null, by: row.proposed_by };
}

/** The staff API's JSON for one booking; instants in Japan time (+09:00). */
export function bookingJson(row: BookingRow) {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    app: row.app,
    lineUserId: row.line_user_id,
    name: row.name,
    jobSeekerNumber: row.job_seeker_number,
    email: row.email,
    phone: row.phone,
    interpreter: row.interpreter === 1,
    choices: [
      { start: formatIsoJst(row.choice1_start), end: formatIsoJst(row.choice1_end) },
      { start: formatIsoJst(row.choice2_start), end: formatIsoJst(row.choice2_end) },
    ],
    confirmed: span(row.confirmed_start, row.confirmed_end),
    meeting: row.meeting_id !== null ? { meetingId: row.meeting_id, passcode: row.meeting_passcode } : null,
    /** With the meeting details that come with it (they replace `meeting` when the person accepts). */
    proposed: proposalJson(row),
    cancelReason: row.cancel_reason,
    replacesBookingId: row.replaces_booking_id,
    termsVersion: row.terms_version,
    createdAt: formatIsoJst(row.created_at),
    replyDue: formatIsoJst(row.reply_due),
    updatedAt: formatIsoJst(row.updated_at),
    confirmedBy: row.confirmed_by,
    confirmedAt: jst(row.confirmed_at),
    cancelledBy: row.cancelled_by,
    cancelledAt: jst(row.cancelled_at),
    attendedAt: jst(row.attended_at),
    /** Set once the person's details were erased (retention): name, numbers, e-mail and phone are then empty. */
    personalDataErasedAt: jst(row.personal_data_erased_at),
  };
}

function parseDetail(detail: string | null): unknown {
  if (detail === null) return null;
  try {
    return JSON.parse(detail) as unknown;
  } catch {
    return detail;
  }
}

/** One entry of a staff action history: who (a LINE user id or `api:<name>`), what, when. */
export function actionJson(a: RecordedAction) {
  return { action: a.action, by: a.staffId, via: a.via, detail: parseDetail(a.detail), at: formatIsoJst(a.at) };
}

export function closureJson(c: Closure) {
  return { date: c.date, note: c.note, createdAt: formatIsoJst(c.createdAt) };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function capacityJson(c: CapacityOverride) {
  return { kind: c.kind, date: c.date, start: hhmm(c.start), capacity: c.capacity, updatedAt: formatIsoJst(c.updatedAt) };
}

export function termsJson(t: RegisteredTerms, currentId: string | null) {
  return { id: t.id, effectiveFrom: t.effectiveFrom, url: t.url, createdAt: formatIsoJst(t.createdAt), current: t.id === currentId };
}
