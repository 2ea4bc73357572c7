import fc from 'fast-check';
import { dateOfDayNumber, dayNumber, toInstant } from '../../src/calendar/jst.js';
import type { CalendarContext, Instant, IsoDate } from '../../src/calendar/types.js';
import { defaultOfficeSettings, type OfficeSettings } from '../../src/office/settings.js';

/** A calendar context with defaults, no closures and no bookings unless given. */
export function makeContext(parts: Partial<CalendarContext> = {}): CalendarContext {
  return {
    settings: defaultOfficeSettings,
    closures: new Set<IsoDate>(),
    occupancy: new Map<string, number>(),
    ...parts,
  };
}

/** The instant of a Japan wall-clock time given as 'YYYY-MM-DD' and 'HH:MM'. */
export function jst(date: IsoDate, time: string, extraMs = 0): Instant {
  const [h, m] = time.split(':').map(Number);
  const base = new Date(toInstant({ date, minutes: (h ?? 0) * 60 + (m ?? 0) })).getTime();
  return new Date(base + extraMs).toISOString();
}

export const settingsWith = (overrides: Partial<OfficeSettings>): OfficeSettings => ({
  ...defaultOfficeSettings,
  ...overrides,
});

const FROM = dayNumber('2024-01-01');
const TO = dayNumber('2031-12-31');

/** Any date from 2024 to 2031. */
export const arbDate: fc.Arbitrary<IsoDate> = fc.integer({ min: FROM, max: TO }).map(dateOfDayNumber);

/**
 * Instants from 2024 to 2031, half uniformly spread and half within a second of some day's
 * closing time (17:15 JST), where off-by-one mistakes live.
 */
export const arbInstant: fc.Arbitrary<Instant> = fc.oneof(
  fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2031, 11, 31) }).map((ms) => new Date(ms).toISOString()),
  fc.tuple(arbDate, fc.integer({ min: -1000, max: 1000 })).map(([date, ms]) => jst(date, '17:15', ms)),
);

/** A few staff closure days near the generated dates. */
export const arbClosures: fc.Arbitrary<ReadonlySet<IsoDate>> = fc
  .array(arbDate, { maxLength: 40 })
  .map((dates) => new Set(dates));
