import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatIsoJst,
  instantMs,
  isValidIsoDate,
  toInstant,
  toLocal,
  weekday,
} from '../../src/calendar/jst.js';
import { arbDate } from './calendar-fixtures.js';

describe('Japan time conversions', () => {
  it.each([
    ['2026-12-08T01:30:00.000Z', { date: '2026-12-08', minutes: 630 }],
    ['2026-12-07T15:00:00.000Z', { date: '2026-12-08', minutes: 0 }],
    ['2026-12-07T14:59:59.999Z', { date: '2026-12-07', minutes: 1439 }],
    ['2026-12-31T15:00:00Z', { date: '2027-01-01', minutes: 0 }],
    ['2026-12-08T10:30:00+09:00', { date: '2026-12-08', minutes: 630 }],
    ['2028-02-28T15:00:00.000Z', { date: '2028-02-29', minutes: 0 }],
  ])('toLocal(%s)', (instant, local) => {
    expect(toLocal(instant)).toEqual(local);
  });

  it('toInstant gives the UTC instant', () => {
    expect(toInstant({ date: '2026-12-08', minutes: 630 })).toBe('2026-12-08T01:30:00.000Z');
    expect(toInstant({ date: '2026-12-08', minutes: 0 })).toBe('2026-12-07T15:00:00.000Z');
  });

  it('formatIsoJst writes Japan time with its offset', () => {
    expect(formatIsoJst('2026-12-08T01:30:00.000Z')).toBe('2026-12-08T10:30:00+09:00');
    expect(formatIsoJst('2026-12-31T15:00:00.000Z')).toBe('2027-01-01T00:00:00+09:00');
  });

  it('should refuse instants without an offset, which Date would read as local time', () => {
    expect(() => toLocal('2026-12-08T10:30')).toThrow(RangeError);
    expect(() => instantMs('yesterday')).toThrow(RangeError);
  });

  it('addDays and weekday', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(weekday('2026-12-08')).toBe(2);
    expect(weekday('1970-01-01')).toBe(4);
    expect(weekday('1969-12-28')).toBe(0);
  });

  it.each([
    ['2026-12-08', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-13-01', false],
    ['2026-12-8', false],
    ['2026-12-08T00:00', false],
    ['', false],
  ])('isValidIsoDate(%j) is %s', (s, valid) => {
    expect(isValidIsoDate(s)).toBe(valid);
  });

  it('toLocal inverts toInstant for every minute of any day', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 0, max: 1439 }), (date, minutes) => {
        expect(toLocal(toInstant({ date, minutes }))).toEqual({ date, minutes });
      }),
    );
  });

  it('weekday advances by one each day', () => {
    fc.assert(fc.property(arbDate, (date) => weekday(addDays(date, 1)) === (weekday(date) + 1) % 7));
  });
});
