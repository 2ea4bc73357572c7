import { performance } from 'node:perf_hooks';
import type { Db } from '../../db/database.js';
import { BOOKINGS_VERSION_KEY, slotOccupancy } from '../../db/repositories/bookings-repository.js';
import { closureDates } from '../../db/repositories/closures-repository.js';
import {
  capacityOverrides,
  IMMEDIATE_SWITCH,
  OFFICE_VERSION_KEY,
  officeStateValues,
} from '../../db/repositories/office-state-repository.js';
import { termsInForce, termsNewestFirst, type TermsVersion } from '../../db/repositories/terms-repository.js';
import { toInstant, toLocal, type CalendarContext, type Instant, type IsoDate } from '../calendar/index.js';
import type { OfficeSettings } from '../office/settings.js';
import { occupancyUntil } from './calendar-facts.js';

/** What every event reads about the office: the calendar, the terms in force, the immediate-session switch. */
export interface OfficeFacts {
  calendar: CalendarContext;
  /** The terms version in force now; undefined before any is registered. */
  terms: TermsVersion | undefined;
  immediateOn: boolean;
}

/**
 * The office facts, kept between events while nothing they come from changes. Every event needs
 * them, yet staff change closure days, capacity and terms a few times a month and bookings change
 * only when a request is filed or staff act, while counting the places taken over the whole
 * horizon grows with the bookings held (0.7 ms per event with 1,000 ahead). So each read takes the
 * two change tokens (and the switch) in one statement, in the caller's transaction, and reads the
 * rest again only when a token differs: one statement per event instead of five. A change made
 * outside this product (a hand edit of the database) is seen after `maxAgeMs`. The rules of the
 * tokens: docs/storage.md, "What each event reads about the office".
 */
export interface OfficeFactsCache {
  read(db: Db, settings: OfficeSettings, now: Instant): Promise<OfficeFacts>;
}

interface Kept<T> {
  version: string;
  readAt: number;
  value: T;
}

interface OfficeSet {
  /** Closure days from `from` on. */
  from: IsoDate;
  closures: ReadonlySet<string>;
  capacity: ReadonlyMap<string, number>;
  terms: readonly TermsVersion[];
}

interface Occupancy {
  from: Instant;
  until: Instant;
  counts: ReadonlyMap<string, number>;
}

export function createOfficeFactsCache(maxAgeMs = 10_000): OfficeFactsCache {
  let office: Kept<OfficeSet> | undefined;
  let occupancy: Kept<Occupancy> | undefined;
  const fresh = <T>(kept: Kept<T> | undefined, version: string, at: number): kept is Kept<T> =>
    kept !== undefined && kept.version === version && at - kept.readAt < maxAgeMs;

  return {
    async read(db, settings, now) {
      const values = await officeStateValues(db, [BOOKINGS_VERSION_KEY, OFFICE_VERSION_KEY, IMMEDIATE_SWITCH]);
      const at = performance.now();
      const today = toLocal(now).date;

      const officeVersion = values.get(OFFICE_VERSION_KEY) ?? '';
      if (!fresh(office, officeVersion, at) || office.value.from !== today) {
        const [closures, capacity, terms] = [
          await closureDates(db, today),
          await capacityOverrides(db),
          await termsNewestFirst(db),
        ];
        office = { version: officeVersion, readAt: at, value: { from: today, closures, capacity, terms } };
      }

      // Counted from the start of the day, so one count serves every event of the day until a
      // booking changes (slots earlier today are never offered, so counting them is harmless).
      const from = toInstant({ date: today, minutes: 0 });
      const until = occupancyUntil(settings, today);
      const bookingsVersion = values.get(BOOKINGS_VERSION_KEY) ?? '';
      if (!fresh(occupancy, bookingsVersion, at) || occupancy.value.from > from || occupancy.value.until < until) {
        occupancy = {
          version: bookingsVersion,
          readAt: at,
          value: { from, until, counts: await slotOccupancy(db, from, until) },
        };
      }

      const { closures, capacity, terms } = office.value;
      return {
        calendar: { settings, closures, occupancy: occupancy.value.counts, capacityOverrides: capacity },
        terms: termsInForce(terms, now),
        immediateOn: values.get(IMMEDIATE_SWITCH) === 'on',
      };
    },
  };
}
