/**
 * Office settings: everything about Hello Work Aomori that staff may reconfigure
 * (name, phone, hours, windows, grids, capacity, horizon). The rule engine reads
 * these instead of literals so that a change of hours needs no code change.
 */

/** A span of the day in minutes since midnight (Japan time). A session may end exactly at `end`. */
export interface TimeWindow {
  start: number;
  end: number;
}

export interface OfficeSettings {
  officeName: string;
  officePhone: string;
  /** Used to tell users the office hours. */
  openingMinutes: number;
  /** Cut-off for lead time and reply deadlines (docs/office-rules.md §7, §8). */
  closingMinutes: number;
  regularWindows: TimeWindow[];
  /** Weekdays (0 = Sunday) on which the Mothers' Corner takes online sessions. */
  mothersWeekdays: number[];
  mothersStarts: number[];
  gridStepMinutes: number;
  sessionMinutes: number;
  immediateSessionMinutes: number;
  /**
   * How long answers to the eligibility questions hold, in months: within it a person who booked
   * before is not asked them again (docs/office-rules.md §12) and may ask for an immediate session
   * (§14); older answers are asked again through a regular booking.
   */
  eligibilityValidMonths: number;
  capacity: number;
  horizonWeeks: number;
  termsUrl: string;
  /** Zoom's own terms of use: choosing Zoom means agreeing to them too (terms art. 4). */
  zoomTermsUrl: string;
  /** Where people may also cancel in writing (terms 6(4)); null when the office gives none. */
  officeEmail: string | null;
  /**
   * The staff console's address as staff reach it (`PUBLIC_BASE_URL` + /staff), for the link on
   * staff-group cards; null when not configured (the card then says to open the console).
   */
  consoleUrl: string | null;
}

/** Defaults for Hello Work Aomori. Frozen so no caller can change them for everyone else. */
export const defaultOfficeSettings: OfficeSettings = Object.freeze({
  officeName: 'ハローワーク青森（青森公共職業安定所）',
  officePhone: '017-776-1561',
  openingMinutes: 8 * 60 + 30,
  closingMinutes: 17 * 60 + 15,
  regularWindows: Object.freeze([
    Object.freeze({ start: 10 * 60, end: 12 * 60 }),
    Object.freeze({ start: 13 * 60 + 30, end: 15 * 60 + 30 }),
  ]) as TimeWindow[],
  mothersWeekdays: Object.freeze([2, 4]) as number[],
  mothersStarts: Object.freeze([11 * 60, 13 * 60 + 30, 14 * 60 + 30]) as number[],
  gridStepMinutes: 30,
  sessionMinutes: 40,
  immediateSessionMinutes: 30,
  eligibilityValidMonths: 6,
  capacity: 1,
  horizonWeeks: 8,
  termsUrl: 'https://jsite.mhlw.go.jp/aomori-roudoukyoku/',
  zoomTermsUrl: 'https://explore.zoom.us/ja/terms/',
  officeEmail: null,
  consoleUrl: null,
});

const MINUTES_PER_DAY = 24 * 60;

function fail(field: keyof OfficeSettings, problem: string): never {
  throw new Error(`Invalid office setting "${field}": ${problem}`);
}

function requireText(s: OfficeSettings, field: 'officeName' | 'officePhone' | 'termsUrl'): void {
  if (typeof s[field] !== 'string' || s[field].trim() === '') fail(field, 'must be a non-empty string');
}

function requireInteger(s: OfficeSettings, field: keyof OfficeSettings, min: number, max: number): void {
  const v = s[field];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a wrong value of any shape, shown as it prints
    fail(field, `must be an integer from ${min} to ${max}, got ${String(v)}`);
  }
}

function isMinuteOfDay(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MINUTES_PER_DAY;
}

function checkWindows(windows: TimeWindow[], sessionMinutes: number): void {
  if (!Array.isArray(windows) || windows.length === 0) fail('regularWindows', 'must list at least one window');
  windows.forEach((w, i) => {
    if (!isMinuteOfDay(w.start) || !isMinuteOfDay(w.end) || w.start >= w.end) {
      fail('regularWindows', `window ${i} must have integer minutes 0..1440 with start < end`);
    }
    if (w.end - w.start < sessionMinutes) {
      fail('regularWindows', `window ${i} is shorter than sessionMinutes (${sessionMinutes})`);
    }
    const previous = windows[i - 1];
    if (previous !== undefined && w.start < previous.end) {
      fail('regularWindows', `window ${i} overlaps or precedes window ${i - 1}; list them sorted and apart`);
    }
  });
}

function checkMothers(s: OfficeSettings): void {
  const days = s.mothersWeekdays;
  if (!Array.isArray(days) || days.some((d) => !Number.isInteger(d) || d < 0 || d > 6)) {
    fail('mothersWeekdays', 'must be weekday numbers 0 (Sunday) to 6 (Saturday)');
  }
  const starts = s.mothersStarts;
  if (!Array.isArray(starts) || starts.some((m) => !isMinuteOfDay(m))) {
    fail('mothersStarts', 'must be minutes since midnight');
  }
  if (starts.some((m, i) => i > 0 && m <= (starts[i - 1] ?? -1))) {
    fail('mothersStarts', 'must be strictly increasing');
  }
  // A Mothers' Corner start that does not fit a regular window would be offered and then refused.
  for (const m of starts) {
    if (!s.regularWindows.some((w) => w.start <= m && m + s.sessionMinutes <= w.end)) {
      fail('mothersStarts', `start ${m} with a ${s.sessionMinutes}-minute session does not fit any regular window`);
    }
  }
}

function checkUrl(s: OfficeSettings, field: 'termsUrl' | 'zoomTermsUrl'): void {
  const url = s[field];
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) fail(field, 'must be an http(s) URL');
}

function checkEmail(s: OfficeSettings): void {
  if (s.officeEmail !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s.officeEmail))
    fail('officeEmail', 'must be an e-mail address');
}

/**
 * Merges `overrides` over the defaults and validates the result.
 * Guarantees: the returned settings are internally consistent (sorted non-overlapping windows,
 * positive durations, Mothers' Corner starts inside a window); undefined overrides keep defaults.
 * Throws an Error naming the offending field otherwise.
 */
export function officeSettingsFrom(overrides: Partial<OfficeSettings>): OfficeSettings {
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const s: OfficeSettings = { ...defaultOfficeSettings, ...defined };
  requireText(s, 'officeName');
  requireText(s, 'officePhone');
  requireText(s, 'termsUrl');
  checkUrl(s, 'termsUrl');
  checkUrl(s, 'zoomTermsUrl');
  checkEmail(s);
  if (s.consoleUrl !== null && (!URL.canParse(s.consoleUrl) || !/^https?:$/.test(new URL(s.consoleUrl).protocol)))
    fail('consoleUrl', 'must be an http(s) URL');
  requireInteger(s, 'openingMinutes', 0, MINUTES_PER_DAY);
  requireInteger(s, 'closingMinutes', 0, MINUTES_PER_DAY);
  if (s.openingMinutes >= s.closingMinutes) fail('closingMinutes', 'must be after openingMinutes');
  requireInteger(s, 'gridStepMinutes', 1, MINUTES_PER_DAY);
  requireInteger(s, 'sessionMinutes', 1, MINUTES_PER_DAY);
  requireInteger(s, 'immediateSessionMinutes', 1, MINUTES_PER_DAY);
  requireInteger(s, 'eligibilityValidMonths', 1, 24);
  requireInteger(s, 'capacity', 1, 1000);
  requireInteger(s, 'horizonWeeks', 1, 104);
  checkWindows(s.regularWindows, s.sessionMinutes);
  checkMothers(s);
  return {
    ...s,
    regularWindows: s.regularWindows.map((w) => ({ start: w.start, end: w.end })),
    mothersWeekdays: [...s.mothersWeekdays],
    mothersStarts: [...s.mothersStarts],
  };
}
