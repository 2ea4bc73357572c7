import { isActiveBooking, type Booking } from '../../../../db/repositories/bookings-repository.js';
import type { Instant } from '../../../calendar/index.js';

/**
 * A booking of the person that is not over, as stopping the bot for them leaves it: nothing is
 * cancelled (src/staff/person-changes.ts), so staff are told, before they stop it, what becomes of
 * each (docs/staff-console.md, 利用者).
 */
export type OpenBooking =
  /** A request awaiting staff (its first choice holds a place). */
  | { kind: 'awaiting_staff'; booking: Booking }
  /** A request with a time the office proposed, awaiting the person's answer. */
  | { kind: 'awaiting_person'; booking: Booking; proposedStart: Instant }
  /** A confirmed session the office proposed to move, awaiting the person's answer. */
  | { kind: 'move_proposed'; booking: Booking; proposedStart: Instant; confirmedStart: Instant }
  /** A confirmed session still ahead. */
  | { kind: 'session'; booking: Booking; confirmedStart: Instant };

/** The person's bookings that are not over at `now`, in the order given (the page's: newest first). */
export function openBookingsOf(bookings: readonly Booking[], now: Instant): OpenBooking[] {
  return bookings.flatMap((b): OpenBooking[] => {
    if (!isActiveBooking(b, now)) return [];
    // A proposed time already past can no longer be accepted: the request waits for staff again.
    const proposed = b.proposedStart !== null && b.proposedStart > now ? b.proposedStart : null;
    if (b.status === 'requested')
      return [
        proposed
          ? { kind: 'awaiting_person', booking: b, proposedStart: proposed }
          : { kind: 'awaiting_staff', booking: b },
      ];
    if (b.status !== 'confirmed' || b.confirmedStart === null) return [];
    if (proposed)
      return [{ kind: 'move_proposed', booking: b, proposedStart: proposed, confirmedStart: b.confirmedStart }];
    return b.confirmedStart > now ? [{ kind: 'session', booking: b, confirmedStart: b.confirmedStart }] : [];
  });
}

/** The value of the block form's confirmation box: the open bookings its page warned about. */
export const acknowledgement = (open: readonly OpenBooking[]): string =>
  open
    .map((o) => o.booking.id)
    .sort()
    .join(' ');

/** The open bookings a confirmation (`acknowledged`, the box's value or '' unticked) did not cover. */
export function notAcknowledged(open: readonly OpenBooking[], acknowledged: string): OpenBooking[] {
  const seen = new Set(acknowledged.split(/\s+/).filter((id) => id !== ''));
  return open.filter((o) => !seen.has(o.booking.id));
}
