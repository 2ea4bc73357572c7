import type { Booking } from '../../db/repositories/bookings-repository.js';
import type { RecordedAction } from '../../db/repositories/staff-actions-repository.js';
import { formatIsoJst } from '../calendar/index.js';
import type { Closure } from '../../db/repositories/closures-repository.js';
import type { CapacityOverride } from '../../db/repositories/office-state-repository.js';
import type { RegisteredTerms } from '../../db/repositories/terms-repository.js';

const jst = (instant: string | null): string | null => (instant === null ? null : formatIsoJst(instant));

const span = (start: string | null, end: string | null) =>
  start && end ? { start: formatIsoJst(start), end: formatIsoJst(end) } : null;

/** A meeting as the API gives it: ID and passcode (null when only a link was given), and `joinUrl` when there is one. */
function meetingJson(id: string | null, passcode: string | null, url: string | null) {
  if (id === null && url === null) return null;
  return { meetingId: id, passcode, ...(url !== null ? { joinUrl: url } : {}) };
}

function proposalJson(row: Booking) {
  const at = span(row.proposedStart, row.proposedEnd);
  if (!at) return null;
  return {
    ...at,
    meeting: meetingJson(row.proposedMeetingId, row.proposedMeetingPasscode, row.proposedMeetingUrl),
    by: row.proposedBy,
  };
}

/** The staff API's JSON for one booking; instants in Japan time (+09:00). */
export function bookingJson(row: Booking) {
  return {
    id: row.id,
    status: row.status,
    kind: row.kind,
    app: row.app,
    lineUserId: row.lineUserId,
    name: row.name,
    jobSeekerNumber: row.jobSeekerNumber,
    email: row.email,
    phone: row.phone,
    interpreter: row.interpreter,
    /** Who attends: 'interpreter' (with its language) or 'helper'; null when nobody, or not asked (docs/staff-api.md). */
    companion: row.companion,
    companionLanguage: row.companionLanguage,
    // One or two: the second preferred time is optional (docs/office-rules.md §9).
    choices: [span(row.choice1Start, row.choice1End), span(row.choice2Start, row.choice2End)].filter((c) => c !== null),
    confirmed: span(row.confirmedStart, row.confirmedEnd),
    meeting: meetingJson(row.meetingId, row.meetingPasscode, row.meetingUrl),
    /** With the meeting details that come with it (they replace `meeting` when the person accepts). */
    proposed: proposalJson(row),
    cancelReason: row.cancelReason,
    replacesBookingId: row.replacesBookingId,
    termsVersion: row.termsVersion,
    createdAt: formatIsoJst(row.createdAt),
    replyDue: formatIsoJst(row.replyDue),
    updatedAt: formatIsoJst(row.updatedAt),
    confirmedBy: row.confirmedBy,
    confirmedAt: jst(row.confirmedAt),
    cancelledBy: row.cancelledBy,
    cancelledAt: jst(row.cancelledAt),
    attendedAt: jst(row.attendedAt),
    /** Set once the person's details were erased (retention): name, numbers, e-mail and phone are then empty. */
    personalDataErasedAt: jst(row.personalDataErasedAt),
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

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function capacityJson(c: CapacityOverride) {
  return {
    kind: c.kind,
    date: c.date,
    start: hhmm(c.start),
    capacity: c.capacity,
    updatedAt: formatIsoJst(c.updatedAt),
  };
}

export function termsJson(t: RegisteredTerms, currentId: string | null) {
  return {
    id: t.id,
    effectiveFrom: t.effectiveFrom,
    url: t.url,
    summary: t.summary,
    consentSummary: t.consentSummary,
    createdAt: formatIsoJst(t.createdAt),
    current: t.id === currentId,
  };
}
