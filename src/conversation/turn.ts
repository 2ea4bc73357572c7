import type { ConversationFacts } from '../../machines/booking/types.js';
import type { Db } from '../../db/database.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import type { UserRecord } from '../../db/repositories/users-repository.js';
import type { Dispatch } from '../bookings/dispatch.js';
import type { LineMessage } from '../line/message-types.js';
import type { ConversationDeps } from './conversation-deps.js';

/**
 * One person's event being handled (handle-user-event.ts): what is known of them and the office,
 * and what the turn will send, the person's answer in order and everything else beside it.
 */
export interface Turn {
  db: Db;
  deps: ConversationDeps;
  userId: string;
  user: UserRecord;
  facts: ConversationFacts;
  active: Booking | undefined;
  /** The confirmed booking a pending change request would replace. */
  replaced: Booking | undefined;
  /** A confirmed session that has begun, beside a newer request for the next one. */
  underWay: Booking | undefined;
  now: string;
  /** A booking is being filled in (the conversation is at a question, not idle). */
  inProgress: boolean;
  /** What the person typed (undefined for a tap, a sticker, a follow). */
  typed: string | undefined;
  /** What the user will read, in order; staff and other dispatches go beside it. */
  say: LineMessage[];
  others: Dispatch[];
}

/** Messages for the staff group, sent beside the person's answer. */
export function sayToStaff(t: Turn, messages: LineMessage[]): void {
  t.others.push({ audience: 'staff', recipient: t.deps.staffGroupId, messages });
}

/** Dispatches of a lifecycle step: the user's part joins this turn's answer. */
export function absorb(t: Turn, dispatches: readonly Dispatch[]): void {
  for (const d of dispatches) {
    if (d.audience === 'user' && d.recipient === t.userId) t.say.push(...d.messages);
    else t.others.push(d);
  }
}
