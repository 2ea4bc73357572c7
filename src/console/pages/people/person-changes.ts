import type { Db } from '../../../../db/database.js';
import { recentBookingsOf } from '../../../../db/repositories/bookings-repository.js';
import { getUser } from '../../../../db/repositories/users-repository.js';
import type { AppContext } from '../../../app-context.js';
import type { Instant } from '../../../calendar/index.js';
import { changePerson, type PersonChange, type PersonRefusal } from '../../../staff/person-changes.js';
import type { SignedIn } from '../../auth/signed-in.js';
import {
  changeFromConsole,
  consoleByLabel,
  consoleDone,
  consoleRefused,
  type ConsoleOutcome,
} from '../../console-change.js';
import { notAcknowledged, openBookingsOf } from './open-bookings.js';

export type PersonAction = PersonChange;

/** Why a change to a person was refused, in the words the page shows. */
const REFUSED: Record<PersonRefusal, string> = {
  not_found: 'この利用者は見つかりません。',
  already_blocked: '自動応答はすでに停止しています（別の職員が先に操作した可能性があります）。',
  not_blocked: '自動応答は停止していません（別の職員が先に解除した可能性があります）。',
  not_in_handoff: '職員対応中ではありません。すでに自動応答が答えています。',
};

/** As many bookings as the person page reads. */
const BOOKINGS_READ = 500;

/**
 * Stopping the bot cancels nothing the person has open: the page says what becomes of each open
 * booking and staff tick that they read it. Refused when the box was not ticked, or when it was
 * ticked for fewer bookings than are open now (one came after the page was drawn).
 */
async function unreadWarning(db: Db, lineUserId: string, acknowledged: string, now: Instant) {
  const user = await getUser(db, lineUserId);
  // Nobody, or already stopped: the change itself says so.
  if (!user || user.blockedAt !== null) return null;
  const unread = notAcknowledged(
    openBookingsOf(await recentBookingsOf(db, lineUserId, BOOKINGS_READ), now),
    acknowledged,
  );
  if (unread.length === 0) return null;
  return acknowledged.trim() === ''
    ? consoleRefused(
        400,
        '停止する前に、上の予約・申込みがどうなるかを確かめ、確認の欄にチェックを入れてください。',
        'reason',
      )
    : consoleRefused(
        409,
        '画面を開いたあとに、この方の予約・申込みが変わりました。上の内容を確かめ、もう一度チェックを入れて停止してください。',
        'reason',
      );
}

/**
 * One change to a person through the same function the JSON API calls (src/staff/person-changes.ts),
 * in the staff member's name, with its audit line; a refusal is worded for the page.
 * `acknowledged`: for a block, the open bookings whose fate the staff member confirmed reading.
 */
function changeFromPage(
  ctx: AppContext,
  who: SignedIn,
  action: PersonAction,
  lineUserId: string,
  reason: string | null = null,
  acknowledged = '',
): Promise<ConsoleOutcome> {
  return changeFromConsole(
    ctx,
    who,
    action,
    lineUserId,
    async ({ trx, now, by }) => {
      const warning = action === 'block' ? await unreadWarning(trx, lineUserId, acknowledged, now) : null;
      if (warning) return warning;
      const r = await changePerson(trx, ctx, action, { lineUserId, by, byLabel: consoleByLabel(who), reason, now });
      if (r.ok) return consoleDone(r.dispatches);
      return r.refusal === 'not_found'
        ? consoleRefused(404, REFUSED.not_found)
        : consoleRefused(409, REFUSED[r.refusal], action === 'block' ? 'reason' : undefined);
    },
    action === 'block' ? { reason } : null,
  );
}

/**
 * Stops the bot for the person: they are told, politely, to phone the office; the reason stays with
 * staff. `acknowledged`: the value of the box ticked under the warning about their open bookings.
 */
export function blockPerson(
  ctx: AppContext,
  who: SignedIn,
  lineUserId: string,
  reason: string | null,
  acknowledged: string,
) {
  return changeFromPage(ctx, who, 'block', lineUserId, reason, acknowledged);
}

export function unblockPerson(ctx: AppContext, who: SignedIn, lineUserId: string) {
  return changeFromPage(ctx, who, 'unblock', lineUserId);
}

/** Ends a staff chat: the bot answers the person again (and says so, unless it is stopped for them). */
export function handBackPerson(ctx: AppContext, who: SignedIn, lineUserId: string) {
  return changeFromPage(ctx, who, 'handback', lineUserId);
}
