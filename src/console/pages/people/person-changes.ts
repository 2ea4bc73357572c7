import type { AppContext } from '../../../app-context.js';
import { changePerson, type PersonChange, type PersonRefusal } from '../../../staff/person-changes.js';
import type { SignedIn } from '../../auth/signed-in.js';
import {
  changeFromConsole,
  consoleByLabel,
  consoleDone,
  consoleRefused,
  type ConsoleOutcome,
} from '../../console-change.js';

export type PersonAction = PersonChange;

/** Why a change to a person was refused, in the words the page shows. */
const REFUSED: Record<PersonRefusal, string> = {
  not_found: 'この利用者は見つかりません。',
  already_blocked: '自動応答はすでに停止しています（別の職員が先に操作した可能性があります）。',
  not_blocked: '自動応答は停止していません（別の職員が先に解除した可能性があります）。',
  not_in_handoff: '職員対応中ではありません。すでに自動応答が答えています。',
};

/**
 * One change to a person through the same function the JSON API calls (src/staff/person-changes.ts),
 * in the staff member's name, with its audit line; a refusal is worded for the page.
 */
function changeFromPage(
  ctx: AppContext,
  who: SignedIn,
  action: PersonAction,
  lineUserId: string,
  reason: string | null = null,
): Promise<ConsoleOutcome> {
  return changeFromConsole(
    ctx,
    who,
    action,
    lineUserId,
    async ({ trx, now, by }) => {
      const r = await changePerson(trx, ctx, action, { lineUserId, by, byLabel: consoleByLabel(who), reason, now });
      if (r.ok) return consoleDone(r.dispatches);
      return r.refusal === 'not_found'
        ? consoleRefused(404, REFUSED.not_found)
        : consoleRefused(409, REFUSED[r.refusal], action === 'block' ? 'reason' : undefined);
    },
    action === 'block' ? { reason } : null,
  );
}

/** Stops the bot for the person: they are told, politely, to phone the office; the reason stays with staff. */
export function blockPerson(ctx: AppContext, who: SignedIn, lineUserId: string, reason: string | null) {
  return changeFromPage(ctx, who, 'block', lineUserId, reason);
}

export function unblockPerson(ctx: AppContext, who: SignedIn, lineUserId: string) {
  return changeFromPage(ctx, who, 'unblock', lineUserId);
}

/** Ends a staff chat: the bot answers the person again (and says so, unless it is stopped for them). */
export function handBackPerson(ctx: AppContext, who: SignedIn, lineUserId: string) {
  return changeFromPage(ctx, who, 'handback', lineUserId);
}
