import { describe, expect, it } from 'vitest';
import {
  fitsWindow,
  gridStarts,
  isKindDay,
  isOnGrid,
  parseSlotKey,
  slotKey,
} from '../../src/calendar/session-windows.js';
import { defaultOfficeSettings as settings } from '../../src/office/settings.js';
import { settingsWith } from './calendar-fixtures.js';

const none = new Set<string>();
const t = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

describe('session windows', () => {
  it('slotKey names kind, date and start', () => {
    expect(slotKey('regular', '2026-12-08', 630)).toBe('regular|2026-12-08|630');
    expect(parseSlotKey('mothers|2026-12-08|660')).toEqual({ kind: 'mothers', date: '2026-12-08', start: 660 });
    expect(parseSlotKey('other|2026-12-08|660')).toBeNull();
  });

  it('offers 10:00, 10:30, 11:00, 13:30, 14:00, 14:30 for regular sessions', () => {
    expect(gridStarts('regular', settings)).toEqual([600, 630, 660, 810, 840, 870]);
  });

  it("offers 11:00, 13:30, 14:30 for the Mothers' Corner", () => {
    expect(gridStarts('mothers', settings)).toEqual([660, 810, 870]);
  });

  it('follows a configured grid step', () => {
    expect(gridStarts('regular', settingsWith({ gridStepMinutes: 20 }))).toEqual([
      600, 620, 640, 660, 680, 810, 830, 850, 870, 890,
    ]);
  });

  it.each([
    ['10:00', 40, true],
    ['9:59', 40, false],
    ['11:20', 40, true],
    ['11:21', 40, false],
    ['12:00', 40, false],
    ['13:29', 40, false],
    ['13:30', 40, true],
    ['14:50', 40, true],
    ['14:51', 40, false],
    ['11:30', 30, true], // immediate session
    ['11:31', 30, false],
    ['15:00', 30, true],
    ['15:01', 30, false],
  ] as const)('regular %s for %i minutes fits: %s', (time, minutes, fits) => {
    expect(fitsWindow('regular', t(time), minutes, settings)).toBe(fits);
  });

  it.each([
    ['11:00', true],
    ['13:30', true],
    ['14:30', true],
    ['10:00', false],
    ['11:20', false],
  ] as const)("Mothers' Corner %s fits: %s", (time, fits) => {
    expect(fitsWindow('mothers', t(time), 40, settings)).toBe(fits);
  });

  it('isOnGrid', () => {
    expect(isOnGrid('regular', 630, settings)).toBe(true);
    expect(isOnGrid('regular', 615, settings)).toBe(false);
    expect(isOnGrid('mothers', 630, settings)).toBe(false);
  });

  it.each([
    ['regular', '2026-12-08', true], // Tuesday
    ['regular', '2026-12-09', true],
    ['mothers', '2026-12-08', true],
    ['mothers', '2026-12-10', true], // Thursday
    ['mothers', '2026-12-09', false], // Wednesday
    ['mothers', '2026-11-03', false], // holiday Tuesday: not offered, not moved
    ['regular', '2026-11-03', false],
    ['mothers', '2026-12-29', false], // year-end Tuesday
    ['regular', '2026-12-12', false],
  ] as const)('isKindDay(%s, %s) is %s', (kind, date, expected) => {
    expect(isKindDay(kind, date, none, settings)).toBe(expected);
  });

  it('isKindDay respects closures', () => {
    expect(isKindDay('mothers', '2026-12-10', new Set(['2026-12-10']), settings)).toBe(false);
  });
});
