import type { BookingStatus } from '../../db/schema.js';
import type { Instant, LocalDateTime } from '../calendar/index.js';
import type { PreferredChoices } from '../../db/repositories/bookings-repository.js';
import type { BookingView, MeetingDetails } from './booking-view.js';

export type { MeetingDetails } from './booking-view.js';

/** What a booking operation was asked to do, so a refusal can say which. */
export type BookingOperation = 'confirm' | 'cancel' | 'move' | 'attendance';

/**
 * Why a booking operation was refused, as data. The doors say it their own way: the staff API
 * with an HTTP status and an English message, the staff group in Japanese (src/messages/).
 */
export type BookingRefusal =
  | { code: 'not_found' }
  /** The office's retention period passed and the personal details were erased: nothing more is done. */
  | { code: 'personal_data_erased' }
  | { code: 'already_confirmed'; confirmedStart: Instant | null }
  | { code: 'invalid_status'; status: BookingStatus; operation: BookingOperation }
  | { code: 'meeting_required' }
  /** Confirming at the second choice of a request that has none (docs/office-rules.md §9). */
  | { code: 'no_second_choice' }
  /** On the day of the session the person cancels by phone only. */
  | { code: 'same_day' }
  /** Nothing is proposed, another time was proposed since, or (with `status`) the booking ended. */
  | { code: 'no_proposal'; status?: BookingStatus }
  | { code: 'slot_full' }
  | { code: 'past' | 'closed_day' | 'outside_window' }
  /** Staff booking for a person (book-for-person.ts): past the booking horizon, as for everyone. */
  | { code: 'beyond_horizon' }
  /** Staff booking for a person: no such LINE user, or one who never booked (no details to use). */
  | { code: 'person_unknown' }
  /** Staff booking for a person: the bot is stopped for them, so no card can be sent. */
  | { code: 'person_blocked' }
  /** Staff booking for a person: a request of theirs awaits staff (answer it instead). */
  | { code: 'open_request' }
  /** Staff booking for a person: they already have a confirmed session that has not begun. */
  | { code: 'session_ahead'; confirmedStart: Instant };

export type BookingRefusalCode = BookingRefusal['code'];

/** Who a booking is, for notes and messages: the person's chat, and the name unless it was erased. */
export interface BookingSubject {
  bookingId: string;
  lineUserId: string;
  /** Empty once the personal details were erased. */
  name: string;
}

/**
 * What happened to a booking, as data: src/messages/ turns each into what the person and the
 * staff group read, in the same transaction that made the change.
 */
export type BookingEvent =
  | {
      type: 'confirmed';
      subject: BookingSubject;
      booking: BookingView;
      at: LocalDateTime;
      meeting: MeetingDetails | null;
      /** The session a change request replaced (now cancelled), so nobody turns up for both. */
      replaced: LocalDateTime | null;
      /** Staff booked it for the person (terms 6(2)); `insideLeadTime`: later than the usual lead time allows. */
      forPerson?: { insideLeadTime: boolean };
    }
  /** The person accepted the office's new time for a confirmed session. */
  | {
      type: 'moveAccepted';
      subject: BookingSubject;
      booking: BookingView;
      at: LocalDateTime;
      meeting: MeetingDetails | null;
    }
  | {
      type: 'cancelled';
      subject: BookingSubject;
      /** The session's start (the first choice for a request). */
      at: LocalDateTime;
      byPerson: boolean;
      reason: string | null;
      /** It was a request still awaiting staff, with both wishes; `change`: a request to move a session. */
      request: { choices: PreferredChoices<LocalDateTime>; change: boolean } | null;
      /** The office withdrew a change request: the confirmed session it would have replaced still holds. */
      keptSession: LocalDateTime | null;
      /** The office cancelled a session and with it the person's pending request to move it. */
      endedChange: BookingSubject | null;
    }
  | { type: 'proposed'; subject: BookingSubject; at: LocalDateTime; proposedStart: Instant; moving: boolean }
  | { type: 'proposalDeclined'; subject: BookingSubject }
  /** Unrecorded at the no-show check, but the person wrote that day: closed with contact, not counted. */
  | { type: 'closedAfterContact'; subject: BookingSubject; at: LocalDateTime }
  /** Nothing recorded ten minutes after the start: staff are asked whether the person connected (`reminder`: again). */
  | { type: 'attendanceAsked'; subject: BookingSubject; at: LocalDateTime; reminder: boolean }
  /** `personWasTold`: the person had been told it counted as missed, and hears of the correction. */
  | { type: 'attendanceCorrected'; subject: BookingSubject; at: LocalDateTime; personWasTold: boolean }
  /** `flaggedAfter`: this no-show brought the person to the office's threshold (a count). */
  | { type: 'noShowRecorded'; subject: BookingSubject; at: LocalDateTime; flaggedAfter: number | null };

export type BookingEventType = BookingEvent['type'];
