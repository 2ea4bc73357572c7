import type { BookingOperation, BookingRefusal } from '../bookings/booking-outcome.js';
import { formatIsoJst } from '../calendar/index.js';
import { fail, type Failure } from './outcome.js';

const CANNOT: Record<BookingOperation, string> = {
  confirm: 'cannot be confirmed',
  cancel: 'cannot be cancelled',
  move: 'cannot be moved',
  attendance: 'has no attendance to mark',
};

const TIME_PROBLEM = {
  past: 'the time has passed',
  closed_day: 'the office does not hold such sessions that day',
  outside_window: 'the session does not fit a consultation window',
} as const;

/**
 * How the staff API answers a refused booking operation: the HTTP status belongs here, at the
 * door, not in the domain. A refusal about the time names `start`; one about Zoom, `meetingId`.
 */
export function refusalFailure(r: BookingRefusal): Failure {
  switch (r.code) {
    case 'not_found':
      return fail(404, 'not_found', 'no such booking');
    case 'personal_data_erased':
      return fail(409, r.code, "the booking is past the office's retention period; its personal details were erased");
    case 'already_confirmed':
      return fail(
        409,
        r.code,
        `already confirmed for ${r.confirmedStart ? formatIsoJst(r.confirmedStart) : 'another time'}`,
      );
    case 'invalid_status':
      return fail(409, r.code, `a ${r.status} booking ${CANNOT[r.operation]}`);
    case 'meeting_required':
      return fail(400, r.code, 'a Zoom booking needs meetingId and passcode, or joinUrl', 'meetingId');
    case 'no_second_choice':
      return fail(409, r.code, 'the request has no second choice; confirm choice 1 or give a start', 'choice');
    case 'same_day':
      return fail(409, r.code, 'on the day of the session, cancellation is by phone only');
    case 'no_proposal':
      return fail(
        409,
        r.code,
        r.status
          ? `a ${r.status} booking has no proposal to answer`
          : 'nothing proposed, or another time was proposed since',
      );
    case 'slot_full':
      return fail(409, r.code, 'the slot is already taken', 'start');
    case 'past':
    case 'closed_day':
    case 'outside_window':
      return fail(409, r.code, TIME_PROBLEM[r.code], 'start');
    case 'beyond_horizon':
      return fail(409, r.code, 'the date is beyond the booking horizon', 'start');
    case 'person_unknown':
      return fail(404, r.code, 'no such person, or they have never booked (nothing to take their details from)');
    case 'person_blocked':
      return fail(409, r.code, 'the bot is stopped for this person; they cannot be sent a confirmation');
    case 'open_request':
      return fail(409, r.code, 'the person has a request awaiting staff: confirm or cancel it instead');
    case 'session_ahead':
      return fail(409, r.code, `the person already has a confirmed session at ${formatIsoJst(r.confirmedStart)}`);
  }
}
