import { describe, expect, it } from 'vitest';
import { nextOpening } from '../../src/calendar/index.js';

const HOURS = { openingMinutes: 8 * 60 + 30, closingMinutes: 17 * 60 + 15 };
const none = new Set<string>();
/** A Japan time as an instant. */
const jst = (s: string) => new Date(`${s}+09:00`).toISOString();

describe('nextOpening', () => {
  it('is null while the office is open, from opening time up to (not including) closing time', () => {
    expect(nextOpening(jst('2026-12-07T08:30:00'), HOURS, none)).toBeNull();
    expect(nextOpening(jst('2026-12-07T17:14:59'), HOURS, none)).toBeNull();
  });

  it('is this morning before opening, and the next business day after closing', () => {
    expect(nextOpening(jst('2026-12-07T07:00:00'), HOURS, none)).toEqual({ date: '2026-12-07', minutes: 510 });
    expect(nextOpening(jst('2026-12-07T17:15:00'), HOURS, none)).toEqual({ date: '2026-12-08', minutes: 510 });
  });

  it('skips weekends, holidays, closure days and the year-end closure', () => {
    // Friday evening -> Monday.
    expect(nextOpening(jst('2026-12-04T18:00:00'), HOURS, none)).toEqual({ date: '2026-12-07', minutes: 510 });
    // A closure day on Monday -> Tuesday.
    expect(nextOpening(jst('2026-12-05T10:00:00'), HOURS, new Set(['2026-12-07']))).toEqual({
      date: '2026-12-08',
      minutes: 510,
    });
    // 12/28 evening -> 1/4 (12/29 to 1/3 closed).
    expect(nextOpening(jst('2026-12-28T18:00:00'), HOURS, none)).toEqual({ date: '2027-01-04', minutes: 510 });
    // Sunday before Coming of Age Day (2027-01-11) -> Tuesday.
    expect(nextOpening(jst('2027-01-10T12:00:00'), HOURS, none)).toEqual({ date: '2027-01-12', minutes: 510 });
  });
});
