import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedReason, isBusinessDay, nextBusinessDay, previousBusinessDay } from '../../src/calendar/business-days.js';
import { holidayName } from '../../src/calendar/holidays.js';
import { arbClosures, arbDate } from './calendar-fixtures.js';

const none = new Set<string>();

describe('business days', () => {
  it.each([
    ['2026-12-08', null], // Tuesday
    ['2026-12-12', { code: 'weekend' }],
    ['2026-12-13', { code: 'weekend' }],
    ['2026-11-23', { code: 'holiday', name: '勤労感謝の日' }],
    ['2026-11-03', { code: 'holiday', name: '文化の日' }],
    ['2026-09-21', { code: 'holiday', name: '敬老の日' }],
    ['2026-09-22', { code: 'holiday', name: '休日' }], // bridge holiday (国民の休日)
    ['2026-09-23', { code: 'holiday', name: '秋分の日' }],
    ['2026-05-06', { code: 'holiday', name: 'こどもの日 振替休日' }], // substitute holiday
    ['2026-12-23', null], // the Emperor's birthday has been 2/23 since 2020
    ['2026-12-28', null],
    ['2026-12-29', { code: 'year_end' }], // Tuesday
    ['2026-12-30', { code: 'year_end' }],
    ['2026-12-31', { code: 'year_end' }],
    ['2027-01-01', { code: 'year_end' }], // also New Year's Day
    ['2027-01-02', { code: 'year_end' }], // also Saturday
    ['2027-01-03', { code: 'year_end' }],
    ['2027-01-04', null],
    ['2027-12-29', { code: 'year_end' }], // Wednesday
    ['2028-01-03', { code: 'year_end' }], // Monday
  ] as const)('closedReason(%s)', (date, reason) => {
    expect(closedReason(date, none)).toEqual(reason);
    expect(isBusinessDay(date, none)).toBe(reason === null);
  });

  it('should close a day staff entered as a closure', () => {
    expect(closedReason('2026-12-10', new Set(['2026-12-10']))).toEqual({ code: 'closure' });
  });

  it('holidayName reads the table directly', () => {
    expect(holidayName('2026-02-23')).toBe('天皇誕生日');
    expect(holidayName('2026-02-24')).toBeNull();
    expect(holidayName('toString')).toBeNull();
  });

  it.each([
    ['2026-12-04', 1, '2026-12-07'], // Friday -> Monday
    ['2026-12-07', 2, '2026-12-09'],
    ['2026-09-18', 1, '2026-09-24'], // over 9/21-9/23 holidays
    ['2026-12-25', 1, '2026-12-28'],
    ['2026-12-28', 1, '2027-01-04'], // over the year-end closure
    ['2026-12-31', 1, '2027-01-04'],
  ])('nextBusinessDay(%s, %i)', (date, n, expected) => {
    expect(nextBusinessDay(date, n, none)).toBe(expected);
  });

  it.each([
    ['2026-12-07', 2, '2026-12-03'], // Monday -> Thursday
    ['2026-12-11', 2, '2026-12-09'], // Friday -> Wednesday
    ['2026-09-24', 2, '2026-09-17'],
    ['2027-01-04', 2, '2026-12-25'],
    ['2026-12-13', 1, '2026-12-11'], // from a Sunday
  ])('previousBusinessDay(%s, %i)', (date, n, expected) => {
    expect(previousBusinessDay(date, n, none)).toBe(expected);
  });

  it('should refuse a count below one', () => {
    expect(() => nextBusinessDay('2026-12-08', 0, none)).toThrow(RangeError);
  });

  it('next and previous business day invert each other from a business day', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 10 }), arbClosures, (date, n, closures) => {
        fc.pre(isBusinessDay(date, closures));
        expect(previousBusinessDay(nextBusinessDay(date, n, closures), n, closures)).toBe(date);
        expect(nextBusinessDay(previousBusinessDay(date, n, closures), n, closures)).toBe(date);
      }),
    );
  });
});
