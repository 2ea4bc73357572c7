import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBusinessDay } from '../../src/calendar/business-days.js';
import { addDays, instantMs, toInstant } from '../../src/calendar/jst.js';
import { deadline, earliest, horizonEnd, receiptDay, replyDue } from '../../src/calendar/lead-time.js';
import { arbClosures, arbDate, arbInstant, jst, makeContext } from './calendar-fixtures.js';

const ctx = makeContext();

describe('lead time (前々稼働日)', () => {
  it.each([
    ['2026-12-07', '2026-12-03'], // Monday -> previous Thursday
    ['2026-12-11', '2026-12-09'], // Friday -> Wednesday
    ['2026-12-08', '2026-12-04'], // Tuesday -> previous Friday
    ['2026-09-24', '2026-09-17'], // 9/21, 9/22, 9/23 are holidays
    ['2027-01-04', '2026-12-25'], // over the year-end closure
  ])('deadline(%s) is %s 17:15', (date, day) => {
    expect(deadline(date, ctx)).toBe(jst(day, '17:15'));
  });

  it('uses the configured closing time', () => {
    const early = makeContext({ settings: { ...ctx.settings, closingMinutes: 17 * 60 } });
    expect(deadline('2026-12-07', early)).toBe(jst('2026-12-03', '17:00'));
  });

  it.each([
    [jst('2026-12-07', '10:00'), '2026-12-07'],
    [jst('2026-12-07', '17:15'), '2026-12-07'], // closing time itself still counts as today
    [jst('2026-12-07', '17:15', 1), '2026-12-08'],
    [jst('2026-12-07', '00:00'), '2026-12-07'],
    [jst('2026-12-11', '18:00'), '2026-12-14'], // Friday evening -> Monday
    [jst('2026-12-12', '10:00'), '2026-12-14'], // Saturday
    [jst('2026-12-28', '18:00'), '2027-01-04'],
    [jst('2026-11-23', '10:00'), '2026-11-24'], // holiday
  ])('receiptDay(%s) is %s', (now, day) => {
    expect(receiptDay(now, ctx)).toBe(day);
  });

  it.each([
    [jst('2026-12-07', '10:00'), '2026-12-09'],
    [jst('2026-12-04', '17:15'), '2026-12-08'],
    [jst('2026-12-04', '17:15', 1), '2026-12-09'],
    [jst('2026-12-24', '12:00'), '2026-12-28'],
    [jst('2026-12-25', '12:00'), '2027-01-04'],
    [jst('2026-09-16', '12:00'), '2026-09-18'],
    [jst('2026-09-17', '12:00'), '2026-09-24'],
  ])('earliest(%s) is %s', (now, day) => {
    expect(earliest(now, ctx)).toBe(day);
  });

  it.each([
    [jst('2026-12-07', '10:00'), jst('2026-12-08', '17:15')],
    [jst('2026-12-07', '17:15'), jst('2026-12-08', '17:15')],
    // Counted from the day of the request, not from the day it counts as received (terms 6(3)):
    [jst('2026-12-07', '17:16'), jst('2026-12-08', '17:15')], // Monday after closing -> Tuesday
    [jst('2026-12-11', '18:00'), jst('2026-12-14', '17:15')], // Friday evening -> Monday
    [jst('2026-12-12', '10:00'), jst('2026-12-14', '17:15')], // Saturday -> Monday
    [jst('2026-12-13', '09:00'), jst('2026-12-14', '17:15')], // Sunday -> Monday
    [jst('2026-12-28', '18:00'), jst('2027-01-04', '17:15')], // before the year-end closure -> its first day after
    [jst('2026-09-18', '16:00'), jst('2026-09-24', '17:15')],
  ])('replyDue(%s) is %s', (receivedAt, due) => {
    expect(replyDue(receivedAt, ctx)).toBe(due);
  });

  it('horizonEnd is today plus the horizon in weeks, inclusive', () => {
    expect(horizonEnd(jst('2026-12-01', '10:00'), ctx)).toBe('2027-01-26');
    expect(horizonEnd(jst('2026-12-01', '23:59'), ctx)).toBe('2027-01-26');
    const fourWeeks = makeContext({ settings: { ...ctx.settings, horizonWeeks: 4 } });
    expect(horizonEnd(jst('2026-12-01', '10:00'), fourWeeks)).toBe('2026-12-29');
  });

  it('now <= deadline(D) exactly when D >= earliest(now), for business days D', () => {
    fc.assert(
      fc.property(arbInstant, fc.integer({ min: -20, max: 60 }), arbClosures, (now, offset, closures) => {
        const c = makeContext({ closures });
        const date = addDays(earliest(now, c), offset);
        fc.pre(isBusinessDay(date, closures));
        const inTime = instantMs(now) <= instantMs(deadline(date, c));
        expect(inTime).toBe(date >= earliest(now, c));
      }),
      { numRuns: 2000 },
    );
  });

  it('any date on or after earliest(now) has a deadline not before now', () => {
    // For a closed day D just before earliest(now) the deadline may still lie ahead; that day is refused as closed.
    fc.assert(
      fc.property(arbInstant, arbDate, arbClosures, (now, date, closures) => {
        const c = makeContext({ closures });
        if (date >= earliest(now, c)) expect(instantMs(now)).toBeLessThanOrEqual(instantMs(deadline(date, c)));
      }),
      { numRuns: 1000 },
    );
  });

  it('replyDue falls before any session on a date earliest(now) allows', () => {
    fc.assert(
      fc.property(arbInstant, arbClosures, (now, closures) => {
        const c = makeContext({ closures });
        const firstSession = toInstant({ date: earliest(now, c), minutes: c.settings.regularWindows[0]!.start });
        expect(instantMs(now)).toBeLessThanOrEqual(instantMs(replyDue(now, c)));
        expect(instantMs(replyDue(now, c))).toBeLessThan(instantMs(firstSession));
      }),
      { numRuns: 1000 },
    );
  });
});
