/**
 * Session windows and start grids (docs/office-rules.md §3, §4). Times are minutes since midnight, Japan time.
 */
import { defaultOfficeSettings, type OfficeSettings } from '../office/settings.js';
import { isBusinessDay } from './business-days.js';
import { weekday } from './jst.js';
import type { IsoDate, SessionKind } from './types.js';

/** The key that identifies a slot in occupancy and capacity maps, e.g. 'regular|2026-12-08|630'. */
export function slotKey(kind: SessionKind, date: IsoDate, start: number): string {
  return `${kind}|${date}|${start}`;
}

/** Inverse of slotKey, or null when `key` is not one. */
export function parseSlotKey(key: string): { kind: SessionKind; date: IsoDate; start: number } | null {
  const m = /^(regular|mothers)\|(\d{4}-\d{2}-\d{2})\|(\d{1,4})$/.exec(key);
  if (m === null) return null;
  return { kind: m[1] as SessionKind, date: m[2] ?? '', start: Number(m[3]) };
}

/**
 * True when sessions of `kind` take place on `date`: a business day, and for the Mothers' Corner
 * also one of its weekdays (a holiday Tuesday is simply not offered). `settings` defaults to the
 * office defaults for callers that only have closures at hand; pass the real ones when configured.
 */
export function isKindDay(
  kind: SessionKind,
  date: IsoDate,
  closures: ReadonlySet<IsoDate>,
  settings: OfficeSettings = defaultOfficeSettings,
): boolean {
  if (!isBusinessDay(date, closures)) return false;
  return kind === 'regular' || settings.mothersWeekdays.includes(weekday(date));
}

/**
 * The start times offered to users, ascending. Regular: every grid step from each window's
 * start while a full session still fits (10:00, 10:30, 11:00, 13:30, 14:00, 14:30 by default).
 * Mothers' Corner: its fixed starts.
 */
export function gridStarts(kind: SessionKind, settings: OfficeSettings): number[] {
  if (kind === 'mothers') return [...settings.mothersStarts];
  const starts: number[] = [];
  for (const w of settings.regularWindows) {
    for (let s = w.start; s + settings.sessionMinutes <= w.end; s += settings.gridStepMinutes) starts.push(s);
  }
  return starts;
}

/** True when [start, start + duration] lies wholly inside one regular window (it may end exactly at the window's end). */
export function fitsRegularWindow(start: number, durationMinutes: number, settings: OfficeSettings): boolean {
  return settings.regularWindows.some((w) => w.start <= start && start + durationMinutes <= w.end);
}

/**
 * True when a session of `durationMinutes` may start at the minute-exact `start`.
 * Regular: wholly inside one window (11:20 fits, 11:21 does not, for 40 minutes).
 * Mothers' Corner: the start must be one of its fixed starts AND fit a regular window;
 * the Corner has no minute-exact starts of its own, so staff confirm one of its starts.
 */
export function fitsWindow(
  kind: SessionKind,
  start: number,
  durationMinutes: number,
  settings: OfficeSettings,
): boolean {
  if (!Number.isInteger(start) || !Number.isInteger(durationMinutes) || durationMinutes <= 0) return false;
  if (kind === 'mothers' && !settings.mothersStarts.includes(start)) return false;
  return fitsRegularWindow(start, durationMinutes, settings);
}

/** True when `start` is one of the offered starts for `kind`. */
export function isOnGrid(kind: SessionKind, start: number, settings: OfficeSettings): boolean {
  return gridStarts(kind, settings).includes(start);
}
