/**
 * Settings for what happens after a request: reminders, quiet hours and the no-show rule.
 * Kept apart from the calendar settings because the calendar rules never read them.
 */
export interface LifecycleSettings {
  /** No pushes to users from this time of day... (minutes since midnight, Japan time) */
  quietStartMinutes: number;
  /** ...until this time the next morning. */
  quietEndMinutes: number;
  /** Reminder the day before the session, at this time of day. */
  dayBeforeReminderMinutes: number;
  /** Reminder on the morning of the session, at this time of day (never after the start). */
  morningReminderMinutes: number;
  /** A confirmed session with no contact this long after its start counts as a no-show. */
  noShowGraceMinutes: number;
  /** After this many no-shows the person is flagged for staff (staff decide; the bot never bans). */
  noShowFlagCount: number;
}

export const defaultLifecycleSettings: LifecycleSettings = Object.freeze({
  quietStartMinutes: 21 * 60,
  quietEndMinutes: 8 * 60,
  dayBeforeReminderMinutes: 12 * 60,
  morningReminderMinutes: 8 * 60 + 30,
  noShowGraceMinutes: 10,
  noShowFlagCount: 2,
});
