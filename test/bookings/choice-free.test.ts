import { describe, expect, it } from 'vitest';
import { choicesFree } from '../../src/bookings/choice-free.js';
import { slotKey } from '../../src/calendar/index.js';
import { jst, makeContext } from '../calendar/calendar-fixtures.js';
import { capacityOf } from '../../src/calendar/slots.js';

// Thursday 2026-12-03, an ordinary open day; the request arrives the day before.
const now = jst('2026-12-02', '09:00');
const first = { date: '2026-12-03', minutes: 600 };
const second = { date: '2026-12-03', minutes: 630 };

describe('choicesFree: whether staff could confirm each preferred time now', () => {
  it('is true for times with room left and false for a full one', () => {
    const empty = makeContext();
    const full = slotKey('regular', second.date, second.minutes);
    const ctx = makeContext({ occupancy: new Map([[full, capacityOf(empty, full)]]) });
    expect(choicesFree(empty, { kind: 'regular', choices: [first, second] }, now)).toEqual([true, true]);
    expect(choicesFree(ctx, { kind: 'regular', choices: [first, second] }, now)).toEqual([true, false]);
  });

  it('is false for a time already past or on a closure day, and answers only the times given', () => {
    const closed = makeContext({ closures: new Set(['2026-12-03']) });
    expect(choicesFree(closed, { kind: 'regular', choices: [first] }, now)).toEqual([false]);
    expect(choicesFree(makeContext(), { kind: 'regular', choices: [first] }, jst('2026-12-03', '11:00'))).toEqual([
      false,
    ]);
  });
});
