import { latestBookingOf } from '../../../../db/repositories/bookings-repository.js';
import { recordStaffAction } from '../../../../db/repositories/staff-actions-repository.js';
import { getUser, setBlocked, setHandoff, type UserAccount } from '../../../../db/repositories/users-repository.js';
import type { AppContext } from '../../../app-context.js';
import type { Dispatch } from '../../../bookings/dispatch.js';
import { bookingInProgress } from '../../../conversation/booking-in-progress.js';
import { blockedUserMessages, handbackUserMessages } from '../../../messages/lifecycle-messages.js';
import { blockedNote, handbackNote, personLabel, unblockedNote } from '../../../messages/staff-notes.js';
import type { SignedIn } from '../../auth/signed-in.js';
import {
  changeFromConsole,
  consoleByLabel,
  consoleDone,
  consoleRefused,
  type ConsoleChange,
  type ConsoleOutcome,
} from '../../console-change.js';

export type PersonAction = 'block' | 'unblock' | 'handback';

/**
 * One change to a person, as the JSON API's users routes make it (src/staff/users-routes.ts):
 * the same repository writes, the same record in the booking history (via 'console', in the staff
 * member's name), the same messages; `refusal` says why it makes no sense in the person's state.
 */
function changePerson(
  ctx: AppContext,
  who: SignedIn,
  action: PersonAction,
  lineUserId: string,
  refusal: (user: UserAccount) => string | null,
  apply: (c: ConsoleChange, user: UserAccount, label: string) => Promise<Dispatch[]>,
  detail: Record<string, unknown> | null = null,
): Promise<ConsoleOutcome> {
  return changeFromConsole(
    ctx,
    who,
    action,
    lineUserId,
    async (c) => {
      const user = await getUser(c.trx, lineUserId);
      if (!user) return consoleRefused(404, 'この利用者は見つかりません。');
      const refused = refusal(user);
      if (refused) return consoleRefused(409, refused, action === 'block' ? 'reason' : undefined);
      const label = personLabel((await latestBookingOf(c.trx, lineUserId))?.name ?? null, lineUserId);
      const dispatches = await apply(c, user, label);
      await recordStaffAction(c.trx, {
        subjectId: lineUserId,
        action,
        staffId: c.by.id,
        via: 'console',
        ...(detail ? { detail } : {}),
        at: c.now,
      });
      return consoleDone(dispatches);
    },
    detail,
  );
}

/** Stops the bot for the person: they are told, politely, to phone the office; the reason stays with staff. */
export function blockPerson(ctx: AppContext, who: SignedIn, lineUserId: string, reason: string | null) {
  return changePerson(
    ctx,
    who,
    'block',
    lineUserId,
    (u) => (u.blockedAt !== null ? '自動応答はすでに停止しています（別の職員が先に操作した可能性があります）。' : null),
    async ({ trx, now }, u, label) => {
      await setBlocked(trx, u.lineUserId, now);
      return [
        { audience: 'user', recipient: u.lineUserId, messages: blockedUserMessages(ctx.settings) },
        blockedNote(ctx.staffGroupId, label, consoleByLabel(who)),
      ];
    },
    { reason },
  );
}

export function unblockPerson(ctx: AppContext, who: SignedIn, lineUserId: string) {
  return changePerson(
    ctx,
    who,
    'unblock',
    lineUserId,
    (u) => (u.blockedAt === null ? '自動応答は停止していません（別の職員が先に解除した可能性があります）。' : null),
    async ({ trx }, u, label) => {
      await setBlocked(trx, u.lineUserId, null);
      return [unblockedNote(ctx.staffGroupId, label, consoleByLabel(who))];
    },
  );
}

/** Ends a staff chat: the bot answers the person again (and says so, unless it is stopped for them). */
export function handBackPerson(ctx: AppContext, who: SignedIn, lineUserId: string) {
  return changePerson(
    ctx,
    who,
    'handback',
    lineUserId,
    (u) => (u.handoffAt === null ? '職員対応中ではありません。すでに自動応答が答えています。' : null),
    async ({ trx, now }, u, label) => {
      await setHandoff(trx, u.lineUserId, null);
      const note = handbackNote(ctx.staffGroupId, label, consoleByLabel(who));
      if (u.blockedAt !== null) return [note];
      return [
        {
          audience: 'user',
          recipient: u.lineUserId,
          messages: handbackUserMessages(await bookingInProgress(trx, u.lineUserId, now)),
        },
        note,
      ];
    },
  );
}
