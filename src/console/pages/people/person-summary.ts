import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import type { UserAccount } from '../../../../db/repositories/users-repository.js';
import { outcomeOf, type BookingOutcome } from '../figures/booking-outcome.js';

/** The person's details as their latest booking holds them; null once erased (retention). */
export interface PersonDetails {
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
}

export interface PersonCounts {
  /** Requests, leaving out those the person's own change replaced (as in 実績). */
  bookings: number;
  attended: number;
  cancelledByPerson: number;
  noShows: number;
}

/** What the console shows of one person: in the search results and at the top of their page. */
export interface PersonSummary {
  lineUserId: string;
  details: PersonDetails | null;
  counts: PersonCounts;
  blockedAt: string | null;
  handoffAt: string | null;
  flaggedAt: string | null;
}

/** A booking's outcome as 実績 counts it (the person's own cancel is recorded under their LINE id). */
export const outcomeOfBooking = (b: Booking): BookingOutcome =>
  outcomeOf({ status: b.status, cancelReason: b.cancelReason, cancelledByPerson: b.cancelledBy === b.lineUserId });

export function personCounts(bookings: readonly Booking[]): PersonCounts {
  const counts: PersonCounts = { bookings: 0, attended: 0, cancelledByPerson: 0, noShows: 0 };
  for (const b of bookings) {
    const outcome = outcomeOfBooking(b);
    if (outcome === 'replaced') continue;
    counts.bookings += 1;
    if (outcome === 'attended') counts.attended += 1;
    if (outcome === 'cancelled_by_person') counts.cancelledByPerson += 1;
    if (outcome === 'no_show') counts.noShows += 1;
  }
  return counts;
}

/** `bookings`: the person's bookings, newest first. */
export function personSummary(user: UserAccount, bookings: readonly Booking[]): PersonSummary {
  const latest = bookings[0];
  return {
    lineUserId: user.lineUserId,
    details:
      latest && latest.personalDataErasedAt === null
        ? { name: latest.name, jobSeekerNumber: latest.jobSeekerNumber, email: latest.email, phone: latest.phone }
        : null,
    counts: personCounts(bookings),
    blockedAt: user.blockedAt,
    handoffAt: user.handoffAt,
    flaggedAt: user.flaggedAt,
  };
}

/** How the console words an outcome. */
export const OUTCOME_JA: Record<BookingOutcome, string> = {
  awaiting: '回答待ち',
  confirmed: '確定',
  attended: '参加',
  no_show: '無断欠席',
  cancelled_by_person: '本人キャンセル',
  cancelled_by_office: '事務所キャンセル',
  expired: '未回答で終了',
  replaced: '日時変更で置き換え',
};
