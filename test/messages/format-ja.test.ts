import { describe, expect, it } from 'vitest';
import { formatDateJa, formatInstantJa, formatSlotJa, formatTimeJa } from '../../src/messages/format-ja.js';

describe('Japanese formatting', () => {
  it.each([
    ['2026-12-08', '12月8日(火)'],
    ['2027-01-04', '1月4日(月)'],
    ['2026-11-29', '11月29日(日)'],
  ])('formatDateJa(%s) is %s', (date, text) => {
    expect(formatDateJa(date)).toBe(text);
  });

  it.each([
    [630, '10:30'],
    [540, '9:00'],
    [1035, '17:15'],
    [0, '0:00'],
  ])('formatTimeJa(%i) is %s', (minutes, text) => {
    expect(formatTimeJa(minutes)).toBe(text);
  });

  it('formatSlotJa with and without a duration', () => {
    expect(formatSlotJa({ date: '2026-12-08', minutes: 630 }, 40)).toBe('12月8日(火) 10:30〜11:10');
    expect(formatSlotJa({ date: '2026-12-08', minutes: 630 })).toBe('12月8日(火) 10:30');
  });

  it('formatInstantJa writes the Japan time of an instant', () => {
    expect(formatInstantJa('2026-12-04T08:15:00.000Z')).toBe('12月4日(金) 17:15');
    expect(formatInstantJa('2026-12-31T15:30:00.000Z')).toBe('1月1日(金) 0:30');
  });
});
