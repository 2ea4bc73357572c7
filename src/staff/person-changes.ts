import type { Db } from '../../db/database.js';
import { latestBookingOf } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../db/repositories/staff-actions-repository.js';
import { getUser, setBlocked, setHandoff, type UserAccount } from '../../db/repositories/users-repository.js';
import type { Actor } from '../bookings/lifecycle.js';
import type { Dispatch } from '../bookings/dispatch.js';
import type { Instant } from '../calendar/index.js';
import { bookingInProgress } from '../conversation/booking-in-progress.js';
import { handbackUserMessages } from '../messages/handoff-messages.js';
import { blockedUserMessages } from '../messages/lifecycle-messages.js';
import { blockedNote, handbackNote, personLabel, unblockedNote } from '../messages/staff-notes.js';
import type { OfficeContext } from '../office/office-context.js';

/** What staff may do to a person rather than a booking. */
export type PersonChange = 'block' | 'unblock' | 'handback';

/** Why a change to a person makes no sense in their state (a colleague may have been first). */
export type PersonRefusal = 'not_found' | 'already_blocked' | 'not_blocked' | 'not_in_handoff';

export type PersonChangeResult =
  { ok: true; user: UserAccount; dispatches: Dispatch[] } | { ok: false; refusal: PersonRefusal };

export interface PersonChangeInput {
  lineUserId: string;
  by: Actor;
  /** How the staff-group note names who did it ('山田', or '山田 太郎・管理画面'). */
  byLabel: string;
  /** Why the bot is stopped (block only); it stays with staff. */
  reason?: string | null;
  now: Instant;
}

const REFUSE: Record<PersonChange, (u: UserAccount) => PersonRefusal | null> = {
  block: (u) => (u.blockedAt !== null ? 'already_blocked' : null),
  unblock: (u) => (u.blockedAt === null ? 'not_blocked' : null),
  handback: (u) => (u.handoffAt === null ? 'not_in_handoff' : null),
};

/**
 * Stops or restarts the bot for a person, or ends a staff chat with them: the one version the
 * JSON API and the staff console both call, inside their transaction. It writes the change and
 * the history line, and returns what the person (politely, without the reason) and the staff
 * group are told.
 */
export async function changePerson(
  db: Db,
  deps: Pick<OfficeContext, 'settings' | 'staffGroupId'>,
  change: PersonChange,
  input: PersonChangeInput,
): Promise<PersonChangeResult> {
  const user = await getUser(db, input.lineUserId);
  if (!user) return { ok: false, refusal: 'not_found' };
  const refusal = REFUSE[change](user);
  if (refusal) return { ok: false, refusal };
  const who = personLabel((await latestBookingOf(db, user.lineUserId))?.name ?? null, user.lineUserId);
  const dispatches: Dispatch[] = [];
  if (change === 'block') {
    await setBlocked(db, user.lineUserId, input.now);
    dispatches.push(
      { audience: 'user', recipient: user.lineUserId, messages: blockedUserMessages(deps.settings) },
      blockedNote(deps.staffGroupId, who, input.byLabel),
    );
  } else if (change === 'unblock') {
    await setBlocked(db, user.lineUserId, null);
    dispatches.push(unblockedNote(deps.staffGroupId, who, input.byLabel));
  } else {
    await setHandoff(db, user.lineUserId, null);
    // A person the bot is stopped for is not told that it answers again.
    if (user.blockedAt === null)
      dispatches.push({
        audience: 'user',
        recipient: user.lineUserId,
        messages: handbackUserMessages(await bookingInProgress(db, user.lineUserId, input.now)),
      });
    dispatches.push(handbackNote(deps.staffGroupId, who, input.byLabel));
  }
  await recordStaffAction(db, {
    subjectId: user.lineUserId,
    action: change,
    staffId: input.by.id,
    via: input.by.via,
    ...(change === 'block' ? { detail: { reason: input.reason ?? null } } : {}),
    at: input.now,
  });
  return { ok: true, user: (await getUser(db, user.lineUserId))!, dispatches };
}
