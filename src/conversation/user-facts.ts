import type { Db } from '../../db/database.js';
import {
  activeBookingOf,
  confirmedReplacedBy,
  isActiveBooking,
  recentBookingsOf,
  type Booking,
} from '../../db/repositories/bookings-repository.js';
import type { UserRecord } from '../../db/repositories/users-repository.js';
import type { ActiveBookingFacts, ConversationFacts } from '../../machines/booking/types.js';
import { bookingViewOf } from '../bookings/booking-view.js';
import { fitsWindow, isKindDay, toLocal, type CalendarContext, type Instant } from '../calendar/index.js';
import type { ConversationDeps } from './conversation-deps.js';
import { createOfficeFactsCache } from '../bookings/office-facts-cache.js';
import { FIRST_CONSENT_SUMMARY } from '../messages/terms-messages.js';
import { previousDetailsOf } from './previous-details.js';

/**
 * A confirmed session whose start has come has begun (under way, or over and not marked yet): the
 * person may ask for the next one meanwhile, as staff may book it (docs/office-rules.md §7, §9).
 * A time the office proposed for it that is still ahead keeps it upcoming until answered.
 */
export function hasBegun(row: Booking, now: Instant): boolean {
  return (
    row.status === 'confirmed' &&
    row.confirmedStart !== null &&
    row.confirmedStart <= now &&
    !(row.proposedStart !== null && row.proposedStart > now)
  );
}

function activeFacts(row: Booking, replaced: Booking | undefined, now: Instant): ActiveBookingFacts {
  const view = bookingViewOf(row);
  const { kind, app, name, jobSeekerNumber, email, phone, interpreter, choices, confirmed } = view;
  // While a change is pending, the session that is fixed is the confirmed one it would replace.
  const fixed = confirmed ?? (replaced ? bookingViewOf(replaced).confirmed : undefined);
  return {
    id: row.id,
    status: row.status === 'confirmed' ? 'confirmed' : 'requested',
    draft: {
      kind,
      app,
      name,
      jobSeekerNumber,
      email,
      phone,
      interpreter,
      // Who attends goes with a change of times, as every other detail does.
      ...(view.companion ? { companion: view.companion } : {}),
      ...(view.companionLanguage ? { companionLanguage: view.companionLanguage } : {}),
      choice1: choices[0],
      choice2: choices[1] ?? null,
    },
    sessionDate: (fixed ?? choices[0]).date,
    ...(fixed ? { confirmedDate: fixed.date, confirmedMinutes: fixed.minutes } : {}),
    ...(row.proposedStart ? { proposalPending: true as const } : {}),
    ...(hasBegun(row, now) ? { begun: true as const } : {}),
  };
}

/** Immediate sessions: only while staff have them on, on a business day, inside session hours. */
function immediateState(
  enabled: boolean,
  calendar: CalendarContext,
  now: Instant,
): NonNullable<ConversationFacts['immediate']> {
  if (!enabled) return { open: false, reason: 'disabled' };
  const { date, minutes } = toLocal(now);
  if (!isKindDay('regular', date, calendar.closures, calendar.settings)) return { open: false, reason: 'closed_day' };
  if (!fitsWindow('regular', minutes, calendar.settings.immediateSessionMinutes, calendar.settings))
    return { open: false, reason: 'outside_hours' };
  return { open: true };
}

/**
 * The calendar as the person sees it: their own request awaiting staff does not count against
 * them. It only matters when they change that request (they cannot start another booking while it
 * is open), and the change supersedes it, so keeping the same first choice must not read as full.
 * The occupancy map may be shared with the cache, so it is copied, never changed in place.
 */
function withoutOwnRequest(calendar: CalendarContext, active: Booking | undefined): CalendarContext {
  if (active?.status !== 'requested') return calendar;
  const taken = calendar.occupancy.get(active.choice1Slot);
  if (taken === undefined || taken <= 0) return calendar;
  const occupancy = new Map(calendar.occupancy);
  occupancy.set(active.choice1Slot, taken - 1);
  return { ...calendar, occupancy };
}

/** Enough for anyone's open booking to be among them; someone with more is looked up in full. */
const RECENT_BOOKINGS = 10;

export interface LoadedFacts {
  facts: ConversationFacts;
  active: Booking | undefined;
  /** The confirmed booking a pending change request would replace, while it is still open. */
  replaced: Booking | undefined;
  /** A confirmed session that has begun, beside a newer request for the next one (§9). */
  underWay: Booking | undefined;
}

/** Everything the conversation needs to know about this user and the office, read in the event's transaction. */
export async function loadUserFacts(
  db: Db,
  deps: ConversationDeps,
  user: UserRecord,
  now: Instant,
): Promise<LoadedFacts> {
  const office = await (deps.officeFacts ?? createOfficeFactsCache(0)).read(db, deps.settings, now);
  // One read serves both the open booking and the newest one (for the name and number on file).
  const recent = await recentBookingsOf(db, user.lineUserId, RECENT_BOOKINGS);
  const active =
    recent.find((row) => isActiveBooking(row, now)) ??
    (recent.length === RECENT_BOOKINGS ? await activeBookingOf(db, user.lineUserId, now) : undefined);
  const replaced = active ? await confirmedReplacedBy(db, active) : undefined;
  // The newest open booking is the person's upcoming one; a session under way stays beside it
  // until staff mark it, so words typed on its day still reach them about it.
  const underWay = active
    ? recent.find(
        (row) => row.id !== active.id && row.id !== replaced?.id && isActiveBooking(row, now) && hasBegun(row, now),
      )
    : undefined;
  // The name and number on file come from the newest booking that still has them (retention
  // erases them from old ones; the person is then simply asked again).
  const latest = active ?? recent.find((row) => row.personalDataErasedAt === null);
  const calendar = withoutOwnRequest(office.calendar, active);
  const terms = office.terms ?? {
    id: deps.terms.version,
    url: deps.terms.url,
    consentSummary: FIRST_CONSENT_SUMMARY,
  };
  const facts: ConversationFacts = {
    calendar,
    termsVersion: terms.id,
    termsUrl: terms.url,
    termsConsentSummary: terms.consentSummary,
    agreedTermsVersion: user.termsVersion,
    eligibilityAnsweredAt: user.eligibilityAnsweredAt,
    hasActiveBooking: active !== undefined,
    ...(active ? { activeBooking: activeFacts(active, replaced, now) } : {}),
    ...(underWay?.confirmedStart ? { sessionUnderWay: { confirmedDate: toLocal(underWay.confirmedStart).date } } : {}),
    ...(latest ? { identity: { name: latest.name, jobSeekerNumber: latest.jobSeekerNumber } } : {}),
    ...previousDetailsOf(latest),
    immediate: immediateState(office.immediateOn, calendar, now),
  };
  return { facts, active, replaced, underWay };
}
