import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/database.js';
import {
  getBooking,
  insertRequest,
  updateBooking,
  type BookedChoice,
  type BookingPatch,
  type Booking,
  type PreferredChoices,
} from '../../db/repositories/bookings-repository.js';
import { touchUser } from '../../db/repositories/users-repository.js';
import { slotKey, toInstant, type IsoDate, type LocalDateTime } from '../../src/calendar/index.js';
import { defaultLifecycleSettings } from '../../src/office/lifecycle-settings.js';
import type { OfficeContext } from '../../src/office/office-context.js';
import { defaultOfficeSettings } from '../../src/office/settings.js';
import { sampleRequest } from './temp-db.js';

/** The staff group of seeded offices: a group id of the shape LINE gives. */
export const STAFF_GROUP = 'C0000000000000000000000000000staff';

/** The office with its default settings, as the rules, jobs and wording read it. */
export function testOffice(overrides: Partial<OfficeContext> = {}): OfficeContext {
  return {
    settings: defaultOfficeSettings,
    lifecycle: defaultLifecycleSettings,
    terms: { version: '2024-06-06', url: 'https://example.invalid/terms' },
    staffGroupId: STAFF_GROUP,
    personalDataRetentionDays: null,
    ...overrides,
  };
}

/** A regular session's times at `minutes` past midnight (Japan time) on `date`, as a request stores them. */
export function regularChoice(date: IsoDate, minutes: number): BookedChoice {
  return {
    start: toInstant({ date, minutes }),
    end: toInstant({ date, minutes: minutes + defaultOfficeSettings.sessionMinutes }),
    slotKey: slotKey('regular', date, minutes),
  };
}

export interface SeedOptions {
  lineUserId?: string;
  app?: 'zoom' | 'teleoffice';
  /** One or two preferred times (the second is optional, docs/office-rules.md §9). */
  choices: PreferredChoices<LocalDateTime>;
  createdAt: string;
  /** Applied after the insert: a status, a confirmed time, a change request's link, ... */
  patch?: BookingPatch;
}

/**
 * A request filed the way the chat files it (the person's row first, so their counts can move),
 * then changed by `patch`. A UUID id, as the staff buttons require. Returns the stored row.
 */
export async function seedBooking(db: Db, options: SeedOptions): Promise<Booking> {
  const id = randomUUID();
  const lineUserId = options.lineUserId ?? `U${id.replace(/-/g, '')}`;
  await touchUser(db, lineUserId, options.createdAt);
  const [c1, c2] = options.choices;
  const first = regularChoice(c1.date, c1.minutes);
  const choices = c2 ? ([first, regularChoice(c2.date, c2.minutes)] as const) : ([first] as const);
  const request = sampleRequest(id, lineUserId, choices, options.createdAt);
  await insertRequest(db, { ...request, app: options.app ?? 'teleoffice' });
  if (options.patch) await updateBooking(db, id, options.patch, options.createdAt);
  return (await getBooking(db, id))!;
}

/** The patch that makes a seeded request a confirmed session at `at` (with a meeting for Zoom). */
export function confirmedAt(at: LocalDateTime, meeting?: { meetingId: string; passcode: string }): BookingPatch {
  const c = regularChoice(at.date, at.minutes);
  return {
    status: 'confirmed',
    confirmedStart: c.start,
    confirmedEnd: c.end,
    confirmedSlot: c.slotKey,
    confirmedBy: 'api:seed',
    ...(meeting ? { meetingId: meeting.meetingId, meetingPasscode: meeting.passcode } : {}),
  };
}
