import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { meantTimeOfBareHour } from '../../src/calendar/bare-hour.js';
import {
  defaultOfficeSettings as settings,
  officeSettingsFrom,
  type OfficeSettings,
} from '../../src/office/settings.js';

const t = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

describe('an hour typed without 午前/午後', () => {
  it.each([
    ['1:00', '13:00'],
    ['2:30', '14:30'], // 「2時半」 for an afternoon session
    ['3:00', '15:00'],
    ['5:00', '17:00'], // still office hours (refused later as outside the windows, with a message that fits)
    ['0:30', '12:30'],
    ['5:15', '5:15'], // 17:15 is closing time
    ['7:00', '7:00'], // 19:00 is after closing
    ['9:00', '9:00'],
    ['10:00', '10:00'], // inside the morning window
    ['11:30', '11:30'],
    ['12:30', '12:30'],
    ['14:30', '14:30'],
    ['23:59', '23:59'],
  ])('with the default settings, %s means %s', (typed, meant) => {
    expect(meantTimeOfBareHour(t(typed), settings)).toBe(t(meant));
  });

  it('follows the configured windows and office hours', () => {
    // Early windows: 8:00 is a session time, so 「8時」 is the morning.
    const early = officeSettingsFrom({
      openingMinutes: t('7:30'),
      closingMinutes: t('18:00'),
      regularWindows: [
        { start: t('8:00'), end: t('12:00') },
        { start: t('13:00'), end: t('17:00') },
      ],
      mothersStarts: [t('13:00')],
    });
    expect(meantTimeOfBareHour(t('8:00'), early)).toBe(t('8:00'));
    expect(meantTimeOfBareHour(t('5:00'), early)).toBe(t('17:00'));
    expect(meantTimeOfBareHour(t('6:00'), early)).toBe(t('6:00')); // 18:00 is closing time
    // An office that closes at 15:00: 「4時」 cannot be the afternoon.
    const short = officeSettingsFrom({ closingMinutes: t('15:00') });
    expect(meantTimeOfBareHour(t('2:00'), short)).toBe(t('14:00'));
    expect(meantTimeOfBareHour(t('4:00'), short)).toBe(t('4:00'));
  });

  const arbSettings: fc.Arbitrary<OfficeSettings> = fc
    .tuple(
      fc.integer({ min: 0, max: 600 }),
      fc.integer({ min: 60, max: 300 }),
      fc.integer({ min: 0, max: 120 }),
      fc.integer({ min: 60, max: 300 }),
      fc.integer({ min: 0, max: 600 }),
      fc.integer({ min: 0, max: 400 }),
    )
    .map(([start1, length1, gap, length2, before, after]) => {
      const second = { start: start1 + length1 + gap, end: start1 + length1 + gap + length2 };
      return officeSettingsFrom({
        regularWindows: [{ start: start1, end: start1 + length1 }, second],
        mothersStarts: [start1],
        openingMinutes: Math.max(0, start1 - before),
        closingMinutes: Math.min(24 * 60, second.end + after),
      });
    });

  it('moves a time twelve hours on exactly when the morning is in no window and the afternoon in the office day', () => {
    fc.assert(
      fc.property(arbSettings, fc.integer({ min: 0, max: 24 * 60 - 1 }), (s, typed) => {
        const inWindow = s.regularWindows.some((w) => w.start <= typed && typed < w.end);
        const pm = typed + 12 * 60;
        const afternoon = typed < 12 * 60 && !inWindow && pm >= s.openingMinutes && pm < s.closingMinutes;
        expect(meantTimeOfBareHour(typed, s)).toBe(afternoon ? pm : typed);
      }),
      { numRuns: 2000 },
    );
  });

  it('never moves a time inside a session window, and reading twice changes nothing more', () => {
    fc.assert(
      fc.property(arbSettings, fc.integer({ min: 0, max: 24 * 60 - 1 }), (s, typed) => {
        if (s.regularWindows.some((w) => w.start <= typed && typed < w.end))
          expect(meantTimeOfBareHour(typed, s)).toBe(typed);
        const meant = meantTimeOfBareHour(typed, s);
        expect(meantTimeOfBareHour(meant, s)).toBe(meant);
      }),
      { numRuns: 2000 },
    );
  });
});
