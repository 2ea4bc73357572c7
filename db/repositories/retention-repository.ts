import type { Db } from '../database.js';
import { SYSTEM_CANCEL_REASONS } from '../schema.js';
import { rowLimit } from '../row-limit.js';

export interface Purged {
  inbox: number;
  outbox: number;
  conversations: number;
  /** Staff console sessions long unused (they had expired already; this only tidies). */
  staffSessions: number;
  /** Staff API idempotency keys older than a day. */
  idempotencyKeys: number;
}

/**
 * Deletes handled webhook events, sent messages and conversations idle since before `before`. Sent messages hold the
 * cards users and staff saw (names, numbers, e-mail, phone): they are not kept longer than the
 * delivery needs. Failed ones stay a while longer for staff to look into (`failedBefore`).
 * A week is far longer than LINE goes on redelivering an event, so dropping the ids of handled
 * events does not reopen the door to handling one twice.
 */
export async function purgeHandled(db: Db, before: string, failedBefore: string, dayAgo: string): Promise<Purged> {
  const inbox = await db
    .deleteFrom('inbox')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'done'), eb('received_at', '<', before)]),
        eb.and([eb('status', '=', 'failed'), eb('received_at', '<', failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  // A message still not delivered after the failed rows' period (LINE refused it for a month) is
  // given up too: it is out of date, and it holds the cards people saw.
  const outbox = await db
    .deleteFrom('outbox')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'sent'), eb('created_at', '<', before)]),
        eb.and([eb('status', 'in', ['failed', 'pending']), eb('created_at', '<', failedBefore)]),
      ]),
    )
    .executeTakeFirst();
  // A conversation idle this long was abandoned (it already expires after a day): what it had
  // collected (name, job-seeker number, e-mail, phone) goes with it. The person's next message
  // simply starts afresh.
  const conversations = await db.deleteFrom('conversations').where('updated_at', '<', before).executeTakeFirst();
  const staffSessions = await db.deleteFrom('staff_sessions').where('last_seen_at', '<', dayAgo).executeTakeFirst();
  const idempotencyKeys = await db.deleteFrom('idempotency_keys').where('created_at', '<', dayAgo).executeTakeFirst();
  return {
    inbox: Number(inbox.numDeletedRows),
    outbox: Number(outbox.numDeletedRows),
    conversations: Number(conversations.numDeletedRows),
    staffSessions: Number(staffSessions.numDeletedRows),
    idempotencyKeys: Number(idempotencyKeys.numDeletedRows),
  };
}

export interface Erased {
  bookings: number;
  immediateRequests: number;
}

/**
 * Erases the person's details from bookings that are over: name, job-seeker number, e-mail,
 * phone, meeting details and the cancel reason (free text that may name them), also in the staff
 * action that recorded the cancel. A booking is over when its last change and every time on it
 * (the choices, a proposal, the confirmed session) are before `cutoff`, whatever its status: a
 * request nobody answered and a session never marked attended go the same way. The booking row
 * stays, marked, so the office can still count sessions. Quick-session requests (name and number
 * only) go by their creation time. At most `limit` bookings a call, so a first run over years of
 * records does not hold the server for long; call again while it returns `limit`.
 */
export async function erasePersonalData(db: Db, cutoff: string, now: string, limit = 500): Promise<Erased> {
  const due = await db
    .selectFrom('bookings')
    .select('id')
    .where('personal_data_erased_at', 'is', null)
    .where('updated_at', '<', cutoff)
    .where('choice1_end', '<', cutoff)
    // A request may hold no second choice (docs/office-rules.md §9): nothing to wait for then.
    .where((eb) => eb.or([eb('choice2_end', 'is', null), eb('choice2_end', '<', cutoff)]))
    .where((eb) => eb.or([eb('confirmed_end', 'is', null), eb('confirmed_end', '<', cutoff)]))
    .where((eb) => eb.or([eb('proposed_end', 'is', null), eb('proposed_end', '<', cutoff)]))
    .orderBy('updated_at')
    .limit(rowLimit(limit))
    .execute();
  const ids = due.map((r) => r.id);
  await eraseBookingDetails(db, ids, now);
  const immediate = await db
    .updateTable('immediate_requests')
    .set({ name: '', job_seeker_number: '', companion_language: null })
    .where('created_at', '<', cutoff)
    .where((eb) =>
      eb.or([eb('name', '!=', ''), eb('job_seeker_number', '!=', ''), eb('companion_language', 'is not', null)]),
    )
    .executeTakeFirst();
  return { bookings: ids.length, immediateRequests: Number(immediate.numUpdatedRows) };
}

/**
 * Blanks the person's details on these bookings and marks them erased; the retention job and an
 * erasure on the person's request (docs/office-rules.md) do exactly the same to a booking.
 */
export async function eraseBookingDetails(db: Db, ids: readonly string[], now: string): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('bookings')
    .set({
      name: '',
      job_seeker_number: '',
      email: '',
      phone: '',
      // The interpreter's language may say where the person comes from; who attends stays, for counting.
      companion_language: null,
      meeting_id: null,
      meeting_passcode: null,
      meeting_url: null,
      proposed_meeting_id: null,
      proposed_meeting_passcode: null,
      proposed_meeting_url: null,
      personal_data_erased_at: now,
    })
    .where('id', 'in', ids)
    .execute();
  // Staff's own words may name the person; the system's codes ('expired'...) are kept for counting.
  await db
    .updateTable('bookings')
    .set({ cancel_reason: null })
    .where('id', 'in', ids)
    .where('cancel_reason', 'not in', [...SYSTEM_CANCEL_REASONS])
    .execute();
  await db
    .updateTable('staff_actions')
    .set({ detail: null })
    .where('subject_id', 'in', ids)
    .where('action', '=', 'cancel')
    .execute();
}
