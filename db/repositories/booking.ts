import type { Selectable, Updateable } from 'kysely';
import type { BookingStatus, BookingsTable } from '../schema.js';

/**
 * A booking row as the database holds it. It stays inside db/: everything above the repository
 * sees a `Booking`, so column names and the 0/1 encoding of flags do not travel up.
 */
type BookingRow = Selectable<BookingsTable>;

/**
 * A request or booking, as the rest of the program sees it: the same information as its row, in
 * the program's own names. Instants are ISO strings as stored, so they compare as text.
 */
export interface Booking {
  id: string;
  lineUserId: string;
  status: BookingStatus;
  kind: 'regular' | 'mothers';
  app: 'zoom' | 'teleoffice';
  name: string;
  jobSeekerNumber: string;
  email: string;
  phone: string;
  /** Whether an interpreter or helper joins the session (stored as 1/0). */
  interpreter: boolean;
  /** Who attends: an interpreter (in `companionLanguage`) or a helper; null when nobody or not asked. */
  companion: 'interpreter' | 'helper' | null;
  companionLanguage: string | null;
  choice1Start: string;
  choice1End: string;
  /** Slot key of the first choice: it occupies that slot while the request awaits staff. */
  choice1Slot: string;
  /** The second preferred time, when the person gave one (docs/office-rules.md §9): all three or none. */
  choice2Start: string | null;
  choice2End: string | null;
  choice2Slot: string | null;
  confirmedStart: string | null;
  confirmedEnd: string | null;
  confirmedSlot: string | null;
  termsVersion: string;
  createdAt: string;
  replyDue: string;
  updatedAt: string;
  meetingId: string | null;
  meetingPasscode: string | null;
  /** A Zoom join link staff gave beside or instead of the ID and passcode. */
  meetingUrl: string | null;
  /** A change request points at the booking it replaces; that one ends when this is confirmed. */
  replacesBookingId: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
  cancelReason: string | null;
  cancelledBy: string | null;
  cancelledAt: string | null;
  attendedAt: string | null;
  /** A new time the office proposed, waiting for the user's answer. */
  proposedStart: string | null;
  proposedEnd: string | null;
  /** Meeting details for the proposed time; they replace the booking's own only when the person accepts. */
  proposedMeetingId: string | null;
  proposedMeetingPasscode: string | null;
  proposedMeetingUrl: string | null;
  /** Who proposed it (as `confirmedBy`): an accepted proposal is confirmed in their name. */
  proposedBy: string | null;
  /** When name, numbers, e-mail, phone and meeting details were erased (retention); null while kept. */
  personalDataErasedAt: string | null;
}

/**
 * A request's preferred times, in order: the first, and the second when the person gave one
 * (docs/office-rules.md §9). A tuple, not an array, so no reader can ask for a third or forget
 * that the second may be missing.
 */
export type PreferredChoices<T> = readonly [T] | readonly [T, T];

/** A change to a booking: any field but its identity, its owner and when it was made. */
export type BookingPatch = Partial<Omit<Booking, 'id' | 'lineUserId' | 'createdAt'>>;

/**
 * The booking a row holds. One plain object per row, fields listed out: bookings are read on
 * every event a person sends, so no generic key renaming here.
 */
export function bookingOf(row: BookingRow): Booking {
  return {
    id: row.id,
    lineUserId: row.line_user_id,
    status: row.status,
    kind: row.kind,
    app: row.app,
    name: row.name,
    jobSeekerNumber: row.job_seeker_number,
    email: row.email,
    phone: row.phone,
    interpreter: row.interpreter === 1,
    companion: row.companion,
    companionLanguage: row.companion_language,
    choice1Start: row.choice1_start,
    choice1End: row.choice1_end,
    choice1Slot: row.choice1_slot,
    choice2Start: row.choice2_start,
    choice2End: row.choice2_end,
    choice2Slot: row.choice2_slot,
    confirmedStart: row.confirmed_start,
    confirmedEnd: row.confirmed_end,
    confirmedSlot: row.confirmed_slot,
    termsVersion: row.terms_version,
    createdAt: row.created_at,
    replyDue: row.reply_due,
    updatedAt: row.updated_at,
    meetingId: row.meeting_id,
    meetingPasscode: row.meeting_passcode,
    meetingUrl: row.meeting_url ?? null,
    replacesBookingId: row.replaces_booking_id,
    confirmedBy: row.confirmed_by,
    confirmedAt: row.confirmed_at,
    cancelReason: row.cancel_reason,
    cancelledBy: row.cancelled_by,
    cancelledAt: row.cancelled_at,
    attendedAt: row.attended_at,
    proposedStart: row.proposed_start,
    proposedEnd: row.proposed_end,
    proposedMeetingId: row.proposed_meeting_id,
    proposedMeetingPasscode: row.proposed_meeting_passcode,
    proposedMeetingUrl: row.proposed_meeting_url ?? null,
    proposedBy: row.proposed_by,
    personalDataErasedAt: row.personal_data_erased_at,
  };
}

type PatchColumns = Updateable<BookingsTable>;

/**
 * The column each patchable field is stored in. A mapped type over every key of the patch, so a
 * field added to `Booking` without a column here fails to compile.
 */
const COLUMN_OF: {
  readonly [K in keyof Required<BookingPatch>]: Exclude<keyof PatchColumns, 'id' | 'line_user_id' | 'created_at'>;
} = {
  status: 'status',
  kind: 'kind',
  app: 'app',
  name: 'name',
  jobSeekerNumber: 'job_seeker_number',
  email: 'email',
  phone: 'phone',
  interpreter: 'interpreter',
  companion: 'companion',
  companionLanguage: 'companion_language',
  choice1Start: 'choice1_start',
  choice1End: 'choice1_end',
  choice1Slot: 'choice1_slot',
  choice2Start: 'choice2_start',
  choice2End: 'choice2_end',
  choice2Slot: 'choice2_slot',
  confirmedStart: 'confirmed_start',
  confirmedEnd: 'confirmed_end',
  confirmedSlot: 'confirmed_slot',
  termsVersion: 'terms_version',
  replyDue: 'reply_due',
  updatedAt: 'updated_at',
  meetingId: 'meeting_id',
  meetingPasscode: 'meeting_passcode',
  meetingUrl: 'meeting_url',
  replacesBookingId: 'replaces_booking_id',
  confirmedBy: 'confirmed_by',
  confirmedAt: 'confirmed_at',
  cancelReason: 'cancel_reason',
  cancelledBy: 'cancelled_by',
  cancelledAt: 'cancelled_at',
  attendedAt: 'attended_at',
  proposedStart: 'proposed_start',
  proposedEnd: 'proposed_end',
  proposedMeetingId: 'proposed_meeting_id',
  proposedMeetingPasscode: 'proposed_meeting_passcode',
  proposedMeetingUrl: 'proposed_meeting_url',
  proposedBy: 'proposed_by',
  personalDataErasedAt: 'personal_data_erased_at',
};

/**
 * The column values a patch sets. Fields left out, or present as `undefined`, set nothing (as a
 * row-shaped patch did); the flag goes back to 1/0.
 */
export function columnsOf(patch: BookingPatch): PatchColumns {
  const columns: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(patch) as [keyof BookingPatch, unknown][]) {
    if (value === undefined) continue;
    const column = COLUMN_OF[field];
    // A spread can smuggle in a key the type did not check; refuse it rather than write nowhere.
    if (column === undefined) throw new Error(`Not a booking field: ${String(field)}`);
    columns[column] = field === 'interpreter' ? (value ? 1 : 0) : value;
  }
  return columns;
}
