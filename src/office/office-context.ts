import type { LifecycleSettings } from './lifecycle-settings.js';
import type { FaqEntry } from './faq.js';
import type { OfficeSettings } from './settings.js';

/**
 * The office as the rules and the wording see it: its calendar and session settings, what happens
 * after a request, the terms in force, and where staff notes go. Pure data; functions that only
 * decide or word things take this (or the part of it they name).
 */
export interface OfficeContext {
  settings: OfficeSettings;
  /** Reminders, quiet hours, the no-show rule. */
  lifecycle: LifecycleSettings;
  /** The terms version in force is read from the database; this is the fallback. */
  terms: { version: string; url: string };
  /** The staff LINE group; '' when none is configured (staff notes are then not queued). */
  staffGroupId: string;
  /** Days personal details are kept after a booking is over; null keeps them. */
  personalDataRetentionDays: number | null;
  /**
   * 「カレンダーに追加」 links (src/bookings/calendar-link.ts): where phones reach this server
   * (PUBLIC_BASE_URL) and the key that signs them; absent without PUBLIC_BASE_URL (no button).
   */
  calendarLink?: { baseUrl: string; key: string };
  /** The office's answers to common questions (config/faq.json); none when absent. */
  faq?: readonly FaqEntry[];
}
