const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How old an event may be and still be processed. Duplicates are caught by webhookEventId only
 * while the inbox keeps the event's row (7 days after it was handled, src/jobs/job-runner.ts), so
 * a signed body captured somewhere could be replayed once its row is gone. LINE redelivers within
 * hours at most, so 3 days, well inside the inbox's week, drops nothing real and also leaves room
 * for a server clock that is off by a day.
 */
export const MAX_EVENT_AGE_MS = 3 * DAY_MS;

/**
 * True when an event LINE stamped at `timestamp` (ms since the epoch) is too old to process at
 * `nowMs`, or stamped as far in the future: such an event would stay "young" until long after the
 * inbox forgot its id, so a captured body could be replayed then. The same bound either way
 * leaves room for a server clock that is off by a day. A missing or unreadable timestamp counts as
 * too old: LINE always sends one, so a body without it was not written by LINE as it stands.
 */
export function isTooOld(timestamp: unknown, nowMs: number): boolean {
  return typeof timestamp !== 'number' || !Number.isFinite(timestamp) || Math.abs(nowMs - timestamp) > MAX_EVENT_AGE_MS;
}
