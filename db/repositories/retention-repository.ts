import type { Db } from '../database.js';

export interface Purged {
  inbox: number;
  outbox: number;
  conversations: number;
}

/**
 * Deletes handled webhook events, sent messages and conversations idle since before `before`. Sent messages hold the
 * cards users and staff saw (names, numbers, e-mail, phone): they are not kept longer than the
 * delivery needs. Failed ones stay a while longer for staff to look into (`failedBefore`).
 * A week is far longer than LINE goes on redelivering an event, so dropping the ids of handled
 * events does not reopen the door to handling one twice.
 */
export async function purgeHandled(db: Db, before: string, failedBefore: string): Promise<Purged> {
  const inbox = await db
    .deleteFrom('inbox')
    .where((eb) => eb.or([eb.and([eb('status', '=', 'done'), eb('received_at', '<', before)]), eb.and([eb('status', '=', 'failed'), eb('received_at', '<', failedBefore)])]))
    .executeTakeFirst();
  const outbox = await db
    .deleteFrom('outbox')
    .where((eb) => eb.or([eb.and([eb('status', '=', 'sent'), eb('created_at', '<', before)]), eb.and([eb('status', '=', 'failed'), eb('created_at', '<', failedBefore)])]))
    .executeTakeFirst();
  // A conversation idle this long was abandoned (it already expires after a day): what it had
  // collected (name, job-seeker number, e-mail, phone) goes with it. The person's next message
  // simply starts afresh.
  const conversations = await db.deleteFrom('conversations').where('updated_at', '<', before).executeTakeFirst();
  return { inbox: Number(inbox.numDeletedRows), outbox: Number(outbox.numDeletedRows), conversations: Number(conversations.numDeletedRows) };
}
