import { addDays, toInstant, toLocal, type Instant } from '../calendar/index.js';
import type { LifecycleSettings } from '../office/lifecycle-settings.js';

/**
 * When a push to a user may go out: `now`, or the end of quiet hours when `now` falls inside
 * them (default 21:00-08:00 Japan time). Replies to a user's own message are never held.
 */
export function notBefore(now: Instant, s: LifecycleSettings): Instant {
  const { date, minutes } = toLocal(now);
  const wraps = s.quietStartMinutes > s.quietEndMinutes;
  const quiet = wraps
    ? minutes >= s.quietStartMinutes || minutes < s.quietEndMinutes
    : minutes >= s.quietStartMinutes && minutes < s.quietEndMinutes;
  if (!quiet) return now;
  const morningDate = wraps && minutes >= s.quietStartMinutes ? addDays(date, 1) : date;
  return toInstant({ date: morningDate, minutes: s.quietEndMinutes });
}
