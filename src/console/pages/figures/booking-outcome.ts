import type { BookingStatus } from '../../../../db/schema.js';

/**
 * What became of one booking, as the console counts it (docs/staff-console.md, 実績). Every
 * booking has exactly one outcome, so the counts of a month add up to its requests.
 */
export type BookingOutcome =
  /** Replaced by the person's own change (reason 'changed' or 'rescheduled'): not a request of its own. */
  | 'replaced'
  /** Still waiting for staff. */
  | 'awaiting'
  /** Confirmed, attendance not recorded (yet). */
  | 'confirmed'
  | 'attended'
  | 'no_show'
  /** The person cancelled, or wrote to the office on the day and missed it (§11: not a no-show). */
  | 'cancelled_by_person'
  /** Staff cancelled it (any door: LINE group, API, console). */
  | 'cancelled_by_office'
  /** Closed unanswered when all its times had passed (§8). */
  | 'expired';

export interface OutcomeInput {
  status: BookingStatus;
  /** A system reason code ('changed', 'rescheduled', 'expired', 'contacted_on_day', ...) or anything else. */
  cancelReason: string | null;
  /** The cancel was recorded under the person's own LINE id. */
  cancelledByPerson: boolean;
}

export function outcomeOf(b: OutcomeInput): BookingOutcome {
  switch (b.status) {
    case 'requested':
      return 'awaiting';
    case 'confirmed':
      return 'confirmed';
    case 'attended':
      return 'attended';
    case 'no_show':
      return 'no_show';
    case 'cancelled':
      if (b.cancelReason === 'changed' || b.cancelReason === 'rescheduled') return 'replaced';
      if (b.cancelReason === 'expired') return 'expired';
      if (b.cancelReason === 'contacted_on_day' || b.cancelledByPerson) return 'cancelled_by_person';
      return 'cancelled_by_office';
  }
}
