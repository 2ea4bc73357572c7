import type { JobKind } from '../../db/schema.js';

const HOUR_MS = 60 * 60_000;

/**
 * How long after it fell due a job's notices still make sense. A job runs late when the server
 * was down (or stopped for months); what it would say by then is about something long settled.
 * Kinds not listed check their own subject instead (a reminder, the reply deadline: see
 * job-handlers.ts), or stay true however late (new terms still apply; people must hear of them).
 */
const NOTICE_WINDOW_MS: Partial<Record<JobKind, number>> = {
  // "Did the person connect?" is a question for the session's day, while the counsellor remembers.
  no_show: 12 * HOUR_MS,
  attendance_reminder: 12 * HOUR_MS,
  // The person asked for a session now; hours later "nobody could take it" helps nobody.
  immediate_timeout: 2 * HOUR_MS,
  // A request closed a day or more after its last time passed: closed quietly, staff see it in the console.
  request_expiry: 24 * HOUR_MS,
};

/**
 * Why a job that fell due at `dueAt` should send nothing when run at `now`, or null while its
 * notices still make sense. Pure: the rule, with the reason recorded beside the job.
 */
export function staleReason(kind: JobKind, dueAt: string, now: string): string | null {
  const window = NOTICE_WINDOW_MS[kind];
  if (window === undefined) return null;
  const lateMs = Date.parse(now) - Date.parse(dueAt);
  if (lateMs <= window) return null;
  return lateReason(lateMs);
}

/** The record of a job that ran too late: how late, in whole hours. */
export function lateReason(lateMs: number): string {
  return `ran ${Math.floor(lateMs / HOUR_MS)} h after it was due; its notices would no longer make sense`;
}
