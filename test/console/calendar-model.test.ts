import { describe, expect, it } from 'vitest';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { dayState, mondayOf, readMonth, shiftMonth } from '../../src/console/pages/calendar/calendar-days.js';
import { readCapacityForm, readClosureForm } from '../../src/console/pages/calendar/calendar-forms.js';
import { monthView } from '../../src/console/pages/calendar/month-model.js';
import { weekView } from '../../src/console/pages/calendar/week-model.js';
import { slotKey, toInstant } from '../../src/calendar/index.js';
import { defaultOfficeSettings as settings } from '../../src/office/settings.js';

/** Only the fields the calendar reads; the rest of a booking does not matter here. */
function booking(id: string, status: Booking['status'], choice1: [string, number], confirmed?: [string, number]) {
  return {
    id,
    lineUserId: `U${id}`,
    name: `名前 ${id}`,
    status,
    kind: 'regular',
    choice1Start: toInstant({ date: choice1[0], minutes: choice1[1] }),
    choice1Slot: slotKey('regular', choice1[0], choice1[1]),
    confirmedStart: confirmed ? toInstant({ date: confirmed[0], minutes: confirmed[1] }) : null,
    confirmedSlot: confirmed ? slotKey('regular', confirmed[0], confirmed[1]) : null,
  } as Booking;
}

describe('calendar days', () => {
  it('finds the Monday of a week in Japan dates, and steps months', () => {
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(shiftMonth('2026-12-01', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01-01', -1)).toBe('2025-12');
    expect(shiftMonth('2027-01-01', 1)).toBe('2027-02');
    expect(readMonth('2026-13')).toBeNull();
    expect(readMonth('2026-02')).toBe('2026-02-01');
  });

  it('names the reason a day is closed, as the chat does', () => {
    expect(dayState('2026-11-23', new Set())).toMatchObject({ open: false, code: 'holiday', holiday: '勤労感謝の日' });
    expect(dayState('2026-12-04', new Set(['2026-12-04']))).toMatchObject({ open: false, label: '閉庁日' });
    expect(dayState('2026-12-30', new Set())).toMatchObject({ open: false, code: 'year_end' });
    expect(dayState('2026-12-04', new Set())).toEqual({ open: true });
  });
});

describe('the week view model', () => {
  const now = '2026-12-01T00:00:00Z';
  it('adds a row for a session confirmed off the grid, and offers no free place in it', () => {
    const view = weekView(
      { settings, closures: new Set(), capacityOverrides: new Map([[slotKey('regular', '2026-12-03', 600), 3]]) },
      '2026-11-30',
      [
        booking('a', 'confirmed', ['2026-12-03', 600], ['2026-12-03', 680]),
        booking('b', 'requested', ['2026-12-03', 600]),
      ],
      new Map(),
      now,
    );
    const offGrid = view.rows.find((r) => r.start === 680)!;
    expect(offGrid.onGrid).toBe(false);
    expect(offGrid.cells[3]).toMatchObject({ free: 0, people: [{ bookingId: 'a', held: 'confirmed' }] });
    const ten = view.rows.find((r) => r.start === 600 && r.kind === 'regular')!;
    expect(ten.cells[3]).toMatchObject({ capacity: 3, capacitySet: true, free: 2, people: [{ bookingId: 'b' }] });
    // Monday 11/30 has passed at `now`: nothing is free there.
    expect(ten.cells[0]).toMatchObject({ past: true, free: 0 });
  });

  it('lists bookings left on a closed day', () => {
    const view = weekView(
      { settings, closures: new Set(['2026-12-03']) },
      '2026-11-30',
      [booking('c', 'requested', ['2026-12-03', 630])],
      new Map([['2026-12-03', '停電']]),
      now,
    );
    expect(view.days[3]).toMatchObject({ closureNote: '停電', state: { open: false, code: 'closure' } });
    expect(view.heldOnClosedDays).toEqual([
      { date: '2026-12-03', people: [expect.objectContaining({ bookingId: 'c' })] },
    ]);
  });
});

describe('the month view model', () => {
  it('counts per Japan day and leaves the neighbouring months blank', () => {
    const view = monthView('2026-12-01', new Set(), [
      booking('a', 'confirmed', ['2026-12-03', 600], ['2026-12-04', 600]),
      booking('b', 'requested', ['2026-12-03', 600]),
      booking('c', 'cancelled', ['2026-12-03', 630]),
    ]);
    expect(view.totals).toEqual({ confirmed: 1, waiting: 1 });
    expect(view.weeks[0]!.days[0]).toBeNull();
    expect(view.weeks[0]!.days[3]).toMatchObject({ date: '2026-12-03', confirmed: 0, waiting: 1 });
    expect(view.weeks[0]!.days[4]).toMatchObject({ date: '2026-12-04', confirmed: 1, waiting: 0 });
    expect(view.weeks).toHaveLength(5);
  });
});

describe('the forms', () => {
  it('reads a capacity with the API rules', () => {
    expect(readCapacityForm({ slot: 'mothers 11:00', date: '2026-12-03', capacity: '2' }, settings)).toEqual({
      ok: true,
      value: { kind: 'mothers', date: '2026-12-03', start: 660, capacity: 2 },
    });
    expect(readCapacityForm({ slot: 'mothers 10:00', date: '2026-12-03', capacity: '2' }, settings)).toMatchObject({
      ok: false,
      field: 'slot',
    });
    expect(readCapacityForm({ slot: 'regular 10:00', date: '2026-11-23', capacity: '2' }, settings)).toMatchObject({
      ok: false,
      field: 'date',
    });
    expect(readCapacityForm({ slot: 'regular 10:00', date: '2026-12-03', capacity: '' }, settings)).toMatchObject({
      ok: false,
      field: 'capacity',
    });
  });

  it('reads a closure day from today on, with an optional note', () => {
    expect(readClosureForm({ date: '2026-12-03', note: '  ' }, '2026-12-01')).toEqual({
      ok: true,
      value: { date: '2026-12-03', note: null },
    });
    expect(readClosureForm({ date: '2026-12-01', note: '' }, '2026-12-01')).toMatchObject({ ok: true });
    expect(readClosureForm({ date: '2026-11-30', note: '' }, '2026-12-01')).toMatchObject({ ok: false, field: 'date' });
    expect(readClosureForm({ date: '2026-12-03', note: 'a\u0007' }, '2026-12-01')).toMatchObject({
      ok: false,
      field: 'note',
    });
  });
});
