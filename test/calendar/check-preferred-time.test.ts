import { describe, expect, it } from 'vitest';
import { checkPreferredTime, type RefusalCode } from '../../src/calendar/check-preferred-time.js';
import { slotKey } from '../../src/calendar/session-windows.js';
import type { CalendarContext, SessionKind } from '../../src/calendar/types.js';
import { refusalMessage } from '../../src/messages/refusals.js';
import { jst, makeContext } from './calendar-fixtures.js';

/** What the person reads of a refusal: the calendar gives the facts, src/messages/ the words. */
function said(result: ReturnType<typeof checkPreferredTime>, ctx: CalendarContext = makeContext()): string {
  return result.ok ? '' : refusalMessage(result.refusal, result.alternatives, ctx.settings);
}

const now = jst('2026-12-01', '10:00'); // Tuesday; earliest is Thursday 12/3, horizon ends 2027-01-26

interface Case {
  name: string;
  kind?: SessionKind;
  date: string;
  minutes: number;
  code: RefusalCode;
  ctx?: CalendarContext;
  at?: string;
  options?: Parameters<typeof checkPreferredTime>[3];
  says?: string;
}

const cases: Case[] = [
  { name: 'a time already passed', date: '2026-12-01', minutes: 600, code: 'past', says: 'すでに過ぎています' },
  { name: 'a past Saturday', date: '2026-11-28', minutes: 600, code: 'past' },
  { name: 'a Saturday', date: '2026-12-12', minutes: 600, code: 'closed_weekend', says: '12月12日(土)は土曜日のため' },
  {
    name: 'a holiday',
    date: '2026-11-23',
    minutes: 600,
    code: 'closed_holiday',
    at: jst('2026-11-02', '10:00'),
    says: '11月23日(月)は祝日（勤労感謝の日）のため',
  },
  {
    name: 'a bridge holiday',
    date: '2026-09-22',
    minutes: 600,
    code: 'closed_holiday',
    at: jst('2026-09-01', '10:00'),
    says: '祝日（国民の休日）',
  },
  { name: 'a year-end weekday', date: '2026-12-29', minutes: 600, code: 'closed_year_end', says: '年末年始' },
  {
    name: 'a closure day',
    date: '2026-12-10',
    minutes: 600,
    code: 'closed_closure',
    ctx: makeContext({ closures: new Set(['2026-12-10']) }),
    says: '閉庁日',
  },
  {
    name: "a Wednesday for the Mothers' Corner",
    kind: 'mothers',
    date: '2026-12-09',
    minutes: 660,
    code: 'not_mothers_day',
    says: '火曜日・木曜日',
  },
  {
    name: 'a session running past noon',
    date: '2026-12-09',
    minutes: 690,
    code: 'outside_window',
    says: '10:00〜12:00または13:30〜15:30',
  },
  { name: 'lunchtime', date: '2026-12-09', minutes: 750, code: 'outside_window' },
  {
    name: 'an off-grid start',
    date: '2026-12-09',
    minutes: 615,
    code: 'off_grid',
    says: '10:00、10:30、11:00、13:30、14:00、14:30',
  },
  {
    name: "a Mothers' Corner time that is not one of its starts",
    kind: 'mothers',
    date: '2026-12-10',
    minutes: 600,
    code: 'off_grid',
    says: '11:00、13:30、14:30',
  },
  { name: 'a date before earliest', date: '2026-12-02', minutes: 600, code: 'too_soon' },
  {
    name: 'a date past the horizon',
    date: '2027-01-27',
    minutes: 600,
    code: 'beyond_horizon',
    says: '8週間先の1月26日(火)まで',
  },
  // The date as understood, with its year: a yearless 11/30 typed on 12/1 is next year's (docs/office-rules.md §15).
  {
    name: 'a date a year ahead',
    date: '2027-11-30',
    minutes: 600,
    code: 'beyond_horizon',
    says: '2027年11月30日(火)はご予約の受付期間外です',
  },
  {
    name: 'a full slot',
    date: '2026-12-09',
    minutes: 630,
    code: 'full',
    ctx: makeContext({ occupancy: new Map([[slotKey('regular', '2026-12-09', 630), 1]]) }),
    says: '12月9日(水) 10:30の枠はすでに埋まっております',
  },
  {
    name: 'a slot staff closed',
    date: '2026-12-09',
    minutes: 630,
    code: 'full',
    ctx: makeContext({ capacityOverrides: new Map([[slotKey('regular', '2026-12-09', 630), 0]]) }),
  },
  {
    name: 'the first choice again',
    date: '2026-12-09',
    minutes: 630,
    code: 'same_as_first',
    options: { firstChoice: { date: '2026-12-09', minutes: 630 } },
    says: '第1希望と同じ',
  },
];

describe('checkPreferredTime', () => {
  it.each(cases)('refuses $name with $code', (c) => {
    const result = checkPreferredTime(
      c.ctx ?? makeContext(),
      { kind: c.kind ?? 'regular', date: c.date, minutes: c.minutes },
      c.at ?? now,
      c.options,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe(c.code);
    if (c.says !== undefined) expect(said(result, c.ctx)).toContain(c.says);
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.length).toBeLessThanOrEqual(3);
    expect(result.alternatives).not.toContainEqual({ date: c.date, minutes: c.minutes });
  });

  it('names the deadline and the earliest date when too soon', () => {
    const result = checkPreferredTime(
      makeContext(),
      { kind: 'regular', date: '2026-12-08', minutes: 630 },
      jst('2026-12-07', '09:00'),
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'too_soon',
      alternatives: [
        { date: '2026-12-09', minutes: 600 },
        { date: '2026-12-09', minutes: 630 },
        { date: '2026-12-09', minutes: 660 },
      ],
    });
    expect(said(result)).toBe(
      '12月8日(火)のご予約は12月4日(金) 17:15までに完了する必要があります。いまからですと12月9日(水)以降でお選びいただけます。\n' +
        '近い空き枠: 12月9日(水) 10:00、12月9日(水) 10:30、12月9日(水) 11:00',
    );
  });

  it('accepts the last moment before the deadline and refuses the next', () => {
    const request = { kind: 'regular', date: '2026-12-08', minutes: 630 } as const;
    expect(checkPreferredTime(makeContext(), request, jst('2026-12-04', '17:15')).ok).toBe(true);
    expect(checkPreferredTime(makeContext(), request, jst('2026-12-04', '17:15', 1))).toMatchObject({
      ok: false,
      code: 'too_soon',
    });
  });

  it('offers the nearest free slots, never the first choice, chronologically', () => {
    const ctx = makeContext({ occupancy: new Map([[slotKey('regular', '2026-12-09', 630), 1]]) });
    const result = checkPreferredTime(ctx, { kind: 'regular', date: '2026-12-09', minutes: 630 }, now, {
      firstChoice: { date: '2026-12-09', minutes: 600 },
    });
    expect(result).toMatchObject({
      ok: false,
      code: 'full',
      alternatives: [
        { date: '2026-12-09', minutes: 660 },
        { date: '2026-12-09', minutes: 810 },
        { date: '2026-12-09', minutes: 840 },
      ],
    });
    expect(said(result)).toContain('近い空き枠: 12月9日(水) 11:00、12月9日(水) 13:30、12月9日(水) 14:00');
  });

  it('points to the phone when nothing is free', () => {
    const ctx = makeContext({ settings: { ...makeContext().settings, capacity: 1 }, capacityOverrides: new Map() });
    const full = makeContext({
      ...ctx,
      settings: { ...ctx.settings, horizonWeeks: 1 },
      closures: new Set(['2026-12-03', '2026-12-04', '2026-12-07', '2026-12-08']),
    });
    const result = checkPreferredTime(full, { kind: 'regular', date: '2026-12-05', minutes: 600 }, now);
    expect(result).toMatchObject({ ok: false, code: 'closed_weekend', alternatives: [] });
    expect(said(result)).toContain('017-776-1561');
  });

  it('returns the slot with its remaining capacity when bookable', () => {
    const ctx = makeContext({
      capacityOverrides: new Map([[slotKey('regular', '2026-12-09', 630), 3]]),
      occupancy: new Map([[slotKey('regular', '2026-12-09', 630), 1]]),
    });
    expect(checkPreferredTime(ctx, { kind: 'regular', date: '2026-12-09', minutes: 630 }, now)).toEqual({
      ok: true,
      slot: { kind: 'regular', date: '2026-12-09', start: 630, end: 670, remaining: 2 },
    });
  });

  it('lets staff confirm any minute-exact regular start that fits', () => {
    const check = (minutes: number, kind: SessionKind = 'regular') =>
      checkPreferredTime(makeContext(), { kind, date: '2026-12-10', minutes }, now, { anyMinute: true });
    expect(check(680)).toMatchObject({ ok: true, slot: { start: 680, end: 720 } });
    expect(check(681)).toMatchObject({ ok: false, code: 'outside_window' });
    expect(check(890)).toMatchObject({ ok: true, slot: { start: 890, end: 930 } });
    expect(check(891)).toMatchObject({ ok: false, code: 'outside_window' });
    expect(check(615, 'mothers')).toMatchObject({ ok: false, code: 'off_grid' });
  });

  it('checks an immediate session length when asked', () => {
    const check = (minutes: number) =>
      checkPreferredTime(makeContext(), { kind: 'regular', date: '2026-12-10', minutes }, now, {
        anyMinute: true,
        durationMinutes: 30,
      });
    expect(check(690)).toMatchObject({ ok: true, slot: { end: 720 } });
    expect(check(691)).toMatchObject({ ok: false, code: 'outside_window' });
    expect(said(check(691))).toContain('ご相談（30分）');
  });

  it('throws only for a malformed request', () => {
    expect(() => checkPreferredTime(makeContext(), { kind: 'regular', date: '2026-02-30', minutes: 600 }, now)).toThrow(
      RangeError,
    );
    expect(() =>
      checkPreferredTime(makeContext(), { kind: 'regular', date: '2026-12-09', minutes: 1440 }, now),
    ).toThrow(RangeError);
  });
});
