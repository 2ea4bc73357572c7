import type { Db } from '../database.js';
import { listAudit, type RecordedAuditEntry } from './audit-log-repository.js';
import { recentBookingsOf, type Booking } from './bookings-repository.js';
import { loadConversation, type StoredConversation } from './conversations-repository.js';
import { eraseBookingDetails } from './retention-repository.js';
import { staffActionsOf, type RecordedAction } from './staff-actions-repository.js';
import { getUser, type UserAccount } from './users-repository.js';

/** More than one person makes in years of the service: the record is read whole. */
const PER_PERSON_LIMIT = 5000;

export interface ImmediateRequestRecord {
  id: string;
  name: string;
  jobSeekerNumber: string;
  status: string;
  interpreter: boolean | null;
  /** Who attends, and an interpreter's language, when the person said (0020). */
  companion: 'interpreter' | 'helper' | null;
  companionLanguage: string | null;
  createdAt: string;
  acceptedBy: string | null;
  acceptedAt: string | null;
}

export interface QueuedMessageRecord {
  id: number;
  status: string;
  createdAt: string;
  sentAt: string | null;
  /** The LINE message objects as queued (null when the stored text could not be read). */
  messages: unknown;
}

/** Everything the office's database holds about one person (開示, docs/office-rules.md). */
export interface PersonRecord {
  user: UserAccount;
  /** Oldest first. */
  bookings: Booking[];
  immediateRequests: ImmediateRequestRecord[];
  /** Staff decisions about the person or one of their bookings, in the order they happened. */
  staffActions: RecordedAction[];
  conversation: StoredConversation | undefined;
  /** Messages to the person still in the outbox (sent ones are purged after a week). */
  messages: QueuedMessageRecord[];
  /** Console and API lines about the person or one of their bookings, oldest first. */
  audit: RecordedAuditEntry[];
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export async function personRecordOf(db: Db, lineUserId: string): Promise<PersonRecord | undefined> {
  const user = await getUser(db, lineUserId);
  if (!user) return undefined;
  const bookings = (await recentBookingsOf(db, lineUserId, PER_PERSON_LIMIT)).reverse();
  const subjects = [lineUserId, ...bookings.map((b) => b.id)];
  const staffActions: RecordedAction[] = [];
  const audit: RecordedAuditEntry[] = [];
  for (const subject of subjects) {
    staffActions.push(...(await staffActionsOf(db, subject)));
    audit.push(...(await listAudit(db, { subject, limit: PER_PERSON_LIMIT })));
  }
  const immediate = await db
    .selectFrom('immediate_requests')
    .selectAll()
    .where('line_user_id', '=', lineUserId)
    .orderBy('created_at')
    .execute();
  const outbox = await db
    .selectFrom('outbox')
    .select(['id', 'status', 'created_at', 'sent_at', 'messages'])
    .where('recipient', '=', lineUserId)
    .orderBy('id')
    .execute();
  return {
    user,
    bookings,
    immediateRequests: immediate.map((r) => ({
      id: r.id,
      name: r.name,
      jobSeekerNumber: r.job_seeker_number,
      status: r.status,
      interpreter: r.interpreter === null ? null : r.interpreter === 1,
      companion: r.companion,
      companionLanguage: r.companion_language,
      createdAt: r.created_at,
      acceptedBy: r.accepted_by,
      acceptedAt: r.accepted_at,
    })),
    staffActions: staffActions.sort((a, b) => a.id - b.id),
    conversation: await loadConversation(db, lineUserId),
    messages: outbox.map((r) => ({
      id: r.id,
      status: r.status,
      createdAt: r.created_at,
      sentAt: r.sent_at,
      messages: parsed(r.messages),
    })),
    audit: audit.sort((a, b) => a.id - b.id),
  };
}

/** What an erasure removed: bookings newly blanked, quick-session requests, drafts, queued messages. */
export interface PersonErased {
  bookings: number;
  immediateRequests: number;
  conversations: number;
  messages: number;
}

/**
 * Erases the person's details now, on their request: their bookings as the retention job erases
 * them (the rows stay, marked, for counting), quick-session requests, the conversation (and the
 * draft it holds), every message to them still in the outbox, and staff's own words about them
 * (block reasons). The user row (counts, bot state) and the records of who did what stay.
 */
export async function erasePerson(db: Db, lineUserId: string, now: string): Promise<PersonErased> {
  const kept = await db
    .selectFrom('bookings')
    .select('id')
    .where('line_user_id', '=', lineUserId)
    .where('personal_data_erased_at', 'is', null)
    .execute();
  const ids = kept.map((r) => r.id);
  await eraseBookingDetails(db, ids, now);
  const immediate = await db
    .updateTable('immediate_requests')
    .set({ name: '', job_seeker_number: '', companion_language: null })
    .where('line_user_id', '=', lineUserId)
    .where((eb) =>
      eb.or([eb('name', '!=', ''), eb('job_seeker_number', '!=', ''), eb('companion_language', 'is not', null)]),
    )
    .executeTakeFirst();
  const conversations = await db.deleteFrom('conversations').where('line_user_id', '=', lineUserId).executeTakeFirst();
  const messages = await db.deleteFrom('outbox').where('recipient', '=', lineUserId).executeTakeFirst();
  await db
    .updateTable('staff_actions')
    .set({ detail: null })
    .where('subject_id', '=', lineUserId)
    .where('action', '=', 'block')
    .execute();
  await db
    .updateTable('audit_log')
    .set({ detail: null })
    .where('subject', '=', lineUserId)
    .where('action', '=', 'block')
    .execute();
  return {
    bookings: ids.length,
    immediateRequests: Number(immediate.numUpdatedRows),
    conversations: Number(conversations.numDeletedRows),
    messages: Number(messages.numDeletedRows),
  };
}
