import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPreferredTime } from '../../src/calendar/check-preferred-time.js';
import { addDays } from '../../src/calendar/jst.js';
import { earliest, horizonEnd } from '../../src/calendar/lead-time.js';
import { slotKey } from '../../src/calendar/session-windows.js';
import { availableSlots, bookableDates, capacityOf } from '../../src/calendar/slots.js';
import type { SessionKind } from '../../src/calendar/types.js';
import { arbClosures, arbInstant, jst, makeContext } from './calendar-fixtures.js';

const now = jst('2026-10-26', '10:00'); // Monday; earliest is Wednesday 10/28

describe('available slots', () => {
  it('lists every grid start on kind days from earliest(now), chronologically', () => {
    const slots = availableSlots(makeContext(), 'regular', now, '2026-10-26', '2026-10-29');
    expect(slots.map((s) => `${s.date} ${s.start}`)).toEqual([
      ...[600, 630, 660, 810, 840, 870].map((m) => `2026-10-28 ${m}`),
      ...[600, 630, 660, 810, 840, 870].map((m) => `2026-10-29 ${m}`),
    ]);
    expect(slots[0]).toEqual({ kind: 'regular', date: '2026-10-28', start: 600, end: 640, remaining: 1 });
  });

  it("offers no Mothers' Corner slot on a holiday Tuesday", () => {
    const dates = new Set(availableSlots(makeContext(), 'mothers', now, '2026-11-01', '2026-11-08').map((s) => s.date));
    expect([...dates]).toEqual(['2026-11-05']); // 11/3 is 文化の日
  });

  it('offers nothing during the year-end closure', () => {
    const slots = availableSlots(makeContext(), 'regular', jst('2026-12-01', '10:00'), '2026-12-26', '2027-01-04');
    expect([...new Set(slots.map((s) => s.date))]).toEqual(['2026-12-28', '2027-01-04']);
  });

  it('counts occupancy against capacity and honours staff overrides', () => {
    const ctx = makeContext({
      occupancy: new Map([
        [slotKey('regular', '2026-10-28', 600), 1],
        [slotKey('regular', '2026-10-28', 630), 1],
        [slotKey('regular', '2026-10-28', 660), 1],
      ]),
      capacityOverrides: new Map([
        [slotKey('regular', '2026-10-28', 630), 2],
        [slotKey('regular', '2026-10-28', 810), 0],
      ]),
    });
    expect(capacityOf(ctx, slotKey('regular', '2026-10-28', 630))).toBe(2);
    expect(capacityOf(ctx, slotKey('regular', '2026-10-28', 840))).toBe(1);
    const day = availableSlots(ctx, 'regular', now, '2026-10-28', '2026-10-28');
    expect(day.map((s) => [s.start, s.remaining])).toEqual([
      [630, 1],
      [840, 1],
      [870, 1],
    ]);
  });

  it('stops at the horizon and ignores invalid or reversed ranges', () => {
    const ctx = makeContext();
    const slots = availableSlots(ctx, 'regular', now, '2026-01-01', '2030-01-01');
    expect((slots.at(-1)?.date ?? '') <= horizonEnd(now, ctx)).toBe(true);
    expect(slots[0]?.date).toBe(earliest(now, ctx));
    expect(availableSlots(ctx, 'regular', now, '2026-11-10', '2026-11-01')).toEqual([]);
    expect(availableSlots(ctx, 'regular', now, '2026-02-30', '2026-11-01')).toEqual([]);
  });

  it('bookableDates lists the first dates with room', () => {
    const ctx = makeContext({
      occupancy: new Map([660, 810, 870].map((m) => [slotKey('mothers', '2026-10-29', m), 1] as const)),
    });
    expect(bookableDates(ctx, 'mothers', now, 3)).toEqual(['2026-11-05', '2026-11-10', '2026-11-12']);
    expect(bookableDates(ctx, 'regular', now, 2)).toEqual(['2026-10-28', '2026-10-29']);
    expect(bookableDates(ctx, 'regular', now, 0)).toEqual([]);
  });

  it('every offered slot passes checkPreferredTime', () => {
    const arbKind = fc.constantFrom<SessionKind>('regular', 'mothers');
    const arbFull = fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.constantFrom(600, 630, 660, 810, 840, 870)), {
      maxLength: 60,
    });
    fc.assert(
      fc.property(arbInstant, arbKind, arbClosures, arbFull, (at, kind, closures, full) => {
        const base = earliest(at, makeContext({ closures }));
        const occupancy = new Map(full.map(([d, m]) => [slotKey(kind, addDays(base, d), m), 1] as const));
        const ctx = makeContext({ closures, occupancy });
        for (const slot of availableSlots(ctx, kind, at, base, horizonEnd(at, ctx))) {
          const check = checkPreferredTime(ctx, { kind, date: slot.date, minutes: slot.start }, at);
          expect(check).toEqual({ ok: true, slot });
        }
      }),
      { numRuns: 200 },
    );
  });
});
