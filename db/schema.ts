import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Every instant is ISO-8601 UTC text and every id is text, so the same
 * schema runs on SQLite now and PostgreSQL later. Booleans are stored as 0/1 integers.
 */
export interface Database {
  users: UsersTable;
  conversations: ConversationsTable;
  inbox: InboxTable;
  bookings: BookingsTable;
  outbox: OutboxTable;
  closures: ClosuresTable;
  terms_versions: TermsVersionsTable;
}

export interface UsersTable {
  line_user_id: string;
  created_at: string;
  terms_version: string | null;
  terms_agreed_at: string | null;
  booking_count: Generated<number>;
  cancel_count: Generated<number>;
  no_show_count: Generated<number>;
  last_seen_at: string;
}

export interface ConversationsTable {
  line_user_id: string;
  machine_version: number;
  snapshot: string;
  updated_at: string;
}

export type InboxStatus = 'pending' | 'done' | 'failed';

export interface InboxTable {
  webhook_event_id: string;
  /** Whose queue the event belongs to: the LINE user id, or the group id for group events. */
  chat_key: string;
  /** The raw event JSON; cleared once processed so message text does not linger. */
  payload: string | null;
  received_at: string;
  status: InboxStatus;
  attempts: Generated<number>;
  processed_at: string | null;
}

export type BookingStatus = 'requested' | 'confirmed' | 'cancelled' | 'no_show' | 'attended';

export interface BookingsTable {
  id: string;
  line_user_id: string;
  status: BookingStatus;
  kind: 'regular' | 'mothers';
  app: 'zoom' | 'teleoffice';
  name: string;
  job_seeker_number: string;
  email: string;
  phone: string;
  interpreter: number;
  choice1_start: string;
  choice1_end: string;
  /** Slot key of the first choice: it occupies that slot while the request awaits staff. */
  choice1_slot: string;
  choice2_start: string;
  choice2_end: string;
  choice2_slot: string;
  confirmed_start: string | null;
  confirmed_end: string | null;
  confirmed_slot: string | null;
  terms_version: string;
  created_at: string;
  reply_due: string;
  updated_at: string;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxTable {
  id: Generated<number>;
  /** Deterministic key (source event + position): the same outgoing message is never queued twice. */
  dedupe_key: string;
  recipient: string;
  messages: string;
  reply_token: string | null;
  reply_token_expires_at: string | null;
  status: OutboxStatus;
  attempts: Generated<number>;
  next_attempt_at: string;
  created_at: string;
  sent_at: string | null;
  last_error: string | null;
}

export interface ClosuresTable {
  date: string;
  note: string | null;
  created_at: string;
}

export interface TermsVersionsTable {
  id: string;
  effective_from: string;
  url: string;
  created_at: string;
}
