/**
 * What a time typed without 午前/午後/AM/PM means when booking a session with the office.
 */
import type { OfficeSettings } from '../office/settings.js';

const HALF_DAY = 12 * 60;

function inASessionWindow(minutes: number, settings: OfficeSettings): boolean {
  return settings.regularWindows.some((w) => w.start <= minutes && minutes < w.end);
}

function inOfficeDay(minutes: number, settings: OfficeSettings): boolean {
  return settings.openingMinutes <= minutes && minutes < settings.closingMinutes;
}

/**
 * The time of day a person means by `minutes` read from an hour typed with no 午前/午後/AM/PM.
 *
 * Why: people booking an office appointment write the afternoon on the 12-hour clock and drop
 * 午後 (「2時半」「2:30」 for 14:30). Read as 24-hour, 02:30 was refused with "must be within
 * 13:30–15:30", which looks self-contradictory to someone who means 2:30 in the afternoon. So when
 * the morning reading lies outside every session window, while twelve hours later lies inside the
 * office's day (opening to closing time), the afternoon is meant. Both tests come from the
 * settings, so other windows or hours move the rule with them: with the defaults (windows
 * 10:00-12:00 and 13:30-15:30, office 8:30-17:15) hours 0 to 5 become 12 to 17, while 「9時」
 * (21:00 is after closing) and 「10時」 (inside a window) keep their morning reading.
 *
 * Guarantees: returns `minutes` or `minutes + 720`, and the latter only when `minutes` is before
 * noon, outside every regular window, and `minutes + 720` is within the office's day.
 * Only for hours typed without a meridiem: 午前2時 says what it means and stays 2:00.
 */
export function meantTimeOfBareHour(minutes: number, settings: OfficeSettings): number {
  const afternoon = minutes + HALF_DAY;
  if (minutes >= HALF_DAY || inASessionWindow(minutes, settings) || !inOfficeDay(afternoon, settings)) return minutes;
  return afternoon;
}
