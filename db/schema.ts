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
  staff_actions: StaffActionsTable;
  scheduled_jobs: ScheduledJobsTable;
  staff_prompts: StaffPromptsTable;
  capacity_overrides: CapacityOverridesTable;
  office_state: OfficeStateTable;
  immediate_requests: ImmediateRequestsTable;
  staff_accounts: StaffAccountsTable;
  staff_sessions: StaffSessionsTable;
  audit_log: AuditLogTable;
  idempotency_keys: IdempotencyKeysTable;
  api_tokens: ApiTokensTable;
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
  /** Set while staff talk to the user themselves: the bot stays silent. */
  handoff_at: string | null;
  /** Set when staff stopped the bot for this person (threats, abuse). */
  blocked_at: string | null;
  /** Set when repeated no-shows were reported to staff. */
  flagged_at: string | null;
  /** The terms version this user was last told about (told once per version). */
  terms_notified_version: string | null;
  /** When the person last answered the eligibility questions (a new request filed in the chat). */
  eligibility_answered_at: string | null;
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
  /** Where the event stood in its webhook body: a chat's events go by (received_at, position). */
  position: Generated<number>;
}

export type BookingStatus = 'requested' | 'confirmed' | 'cancelled' | 'no_show' | 'attended';

/** Cancel reasons the system writes (the rest are staff's own words): kept when details are erased, for counting. */
/** `contacted_on_day`: missed, but the person wrote to the office that day (not counted as a no-show). */
export const SYSTEM_CANCEL_REASONS = ['rescheduled', 'changed', 'expired', 'no_show', 'contacted_on_day'] as const;

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
  /** 'interpreter' or 'helper' when someone attends with the person; null when nobody or not asked (0018). */
  companion: 'interpreter' | 'helper' | null;
  /** The interpreter's language as the person gave it. */
  companion_language: string | null;
  choice1_start: string;
  choice1_end: string;
  /** Slot key of the first choice: it occupies that slot while the request awaits staff. */
  choice1_slot: string;
  /** The second preferred time is optional (docs/office-rules.md §9): null, all three, when none was given. */
  choice2_start: string | null;
  choice2_end: string | null;
  choice2_slot: string | null;
  confirmed_start: string | null;
  confirmed_end: string | null;
  confirmed_slot: string | null;
  terms_version: string;
  created_at: string;
  reply_due: string;
  updated_at: string;
  meeting_id: string | null;
  meeting_passcode: string | null;
  /** A Zoom join link staff gave beside or instead of the ID and passcode (migration 0019). */
  meeting_url: Generated<string | null>;
  /** A change request points at the booking it replaces; that one ends when this is confirmed. */
  replaces_booking_id: string | null;
  confirmed_by: string | null;
  confirmed_at: string | null;
  cancel_reason: string | null;
  cancelled_by: string | null;
  cancelled_at: string | null;
  attended_at: string | null;
  /** A new time the office proposed, waiting for the user's answer. */
  proposed_start: string | null;
  proposed_end: string | null;
  /** Meeting details for the proposed time; they replace the booking's own only when the person accepts. */
  proposed_meeting_id: Generated<string | null>;
  proposed_meeting_passcode: Generated<string | null>;
  proposed_meeting_url: Generated<string | null>;
  /** Who proposed it (as `confirmed_by`): an accepted proposal is confirmed in their name. */
  proposed_by: Generated<string | null>;
  /** When name, numbers, e-mail, phone and meeting details were erased (retention); null while kept. */
  personal_data_erased_at: Generated<string | null>;
  /** Keyed digest of the job-seeker number (db/encrypted-columns.ts), for exact lookups; null when erased. */
  job_seeker_number_index: Generated<string | null>;
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
  /** 1 once a reply call has started whose outcome is not known to be "not delivered": pushed, never replied again. */
  reply_maybe_used: Generated<number>;
  /** A process sending this row holds it until then (several processes on one database); null when free. */
  claimed_until: Generated<string | null>;
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
  /** What this version changes, told to people with an open booking; null before 0010. */
  change_summary: string | null;
  /** The short summary of the terms shown before a person agrees to this version. */
  consent_summary: string;
}

/** Where a staff decision was made: the LINE staff group, the JSON API, the console, or the system itself. */
export type StaffVia = 'line' | 'api' | 'console' | 'system';

export interface StaffActionsTable {
  id: Generated<number>;
  /** A booking id, a LINE user id or a setting name. */
  subject_id: string;
  action: string;
  /** LINE user id of the staff member, 'api:<who>' for the staff API, 'console:<login id>' for the console. */
  staff_id: string;
  via: StaffVia;
  detail: string | null;
  at: string;
}

export type JobKind =
  | 'reminder_day_before'
  | 'reminder_morning'
  | 'reply_due'
  | 'no_show'
  | 'attendance_reminder'
  | 'terms_notice'
  | 'immediate_timeout'
  | 'request_expiry';
export type JobStatus = 'pending' | 'done' | 'skipped';

export interface ScheduledJobsTable {
  /** Deterministic: kind + subject + due time, so scheduling twice is harmless. */
  id: string;
  kind: JobKind;
  subject_id: string;
  due_at: string;
  status: JobStatus;
  created_at: string;
  done_at: string | null;
  /** Why it sent nothing, when it ran too late to make sense (0014); null otherwise. */
  reason: Generated<string | null>;
}

export interface StaffPromptsTable {
  /** One open question per staff member, e.g. "send the Zoom meeting id and passcode". */
  staff_user_id: string;
  booking_id: string;
  action: 'zoom_details' | 'propose_time';
  start: string;
  /** The booking's status when the question was asked: an answer after a colleague changed it is refused. */
  booking_status: Generated<string | null>;
  created_at: string;
}

export interface CapacityOverridesTable {
  slot_key: string;
  capacity: number;
  updated_at: string;
}

export interface OfficeStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** `declined`: nobody was free in time (the person is told to book instead). */
/** `declined`: nobody took it in time; `withdrawn`: the person called it off before anyone did. */
export type ImmediateStatus = 'requested' | 'accepted' | 'declined' | 'withdrawn';

export interface ImmediateRequestsTable {
  id: string;
  line_user_id: string;
  name: string;
  job_seeker_number: string;
  status: ImmediateStatus;
  created_at: string;
  accepted_by: string | null;
  accepted_at: string | null;
  /** 1 when an interpreter or helper attends, 0 when not; null for requests from before it was asked. */
  interpreter: number | null;
  /** Who attends, as on a booking (0020); null when nobody, or for requests from before. */
  companion: Generated<'interpreter' | 'helper' | null>;
  /** The interpreter's language as the person gave it. */
  companion_language: Generated<string | null>;
}

export type StaffRole = 'staff' | 'admin';

export interface StaffAccountsTable {
  id: Generated<number>;
  login_id: string;
  name: string;
  role: StaffRole;
  /** scrypt, salted: see src/console/auth/passwords.ts. */
  password_hash: string;
  disabled_at: string | null;
  failed_logins: Generated<number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface StaffSessionsTable {
  /** SHA-256 of the session cookie's value; the value itself is never stored. */
  id_hash: string;
  account_id: number;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** null for a failed login with an unknown login id. */
  account_id: number | null;
  login_id: string;
  action: string;
  /** What was looked at or changed: a booking id, a LINE user id, an account's login id, a month. */
  subject: string | null;
  detail: string | null;
}

export interface IdempotencyKeysTable {
  key: string;
  /** SHA-256 of the method, path and body: the same key with another request is refused. */
  fingerprint: string;
  /** The answer given, once there is one; null while the first request is still being handled. */
  status: number | null;
  body: string | null;
  created_at: string;
}

/** A named staff API token (0016); the token itself is never stored, only its SHA-256. */
export interface ApiTokensTable {
  id: string;
  /** Who or what uses it: the API records its changes as `api:<name>`. */
  name: string;
  token_hash: string;
  /** 'console:<login id>' of the admin who created it. */
  created_by: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}
