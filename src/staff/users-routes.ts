import express, { type Router } from 'express';
import type { Db } from '../../db/database.js';
import { activeBookingOf, latestBookingOf } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction, staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { currentTerms } from '../../db/repositories/terms-repository.js';
import { getUser, setBlocked, setHandoff, type UserAccount } from '../../db/repositories/users-repository.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { formatIsoJst, type Instant } from '../calendar/index.js';
import { bookingInProgress } from '../conversation/booking-in-progress.js';
import { blockedUserMessages, handbackUserMessages } from '../messages/lifecycle-messages.js';
import type { AppContext } from '../app-context.js';
import { blockBody, byOnlyBody } from './api-schemas.js';
import { mutate } from './mutation.js';
import { done, fail, notFound, type Outcome } from './outcome.js';
import { apiActor, param, withBody } from './route-helpers.js';
import { actionJson, bookingJson } from './staff-json.js';
import { blockedNote, handbackNote, personLabel, unblockedNote } from '../messages/staff-notes.js';

const jst = (instant: string | null) => (instant === null ? null : formatIsoJst(instant));

/** What staff need to know about a person: counts, flags, whether the bot talks to them, consent. */
async function userJson(db: Db, user: UserAccount, now: Instant) {
  const id = user.lineUserId;
  const current = await currentTerms(db, now);
  const active = await activeBookingOf(db, id);
  const latest = await latestBookingOf(db, id);
  const actions = await staffActionsOf(db, id);
  return {
    lineUserId: id,
    name: latest && latest.personalDataErasedAt === null ? latest.name : null,
    createdAt: formatIsoJst(user.createdAt),
    lastSeenAt: formatIsoJst(user.lastSeenAt),
    counts: { bookings: user.bookingCount, cancellations: user.cancelCount, noShows: user.noShowCount },
    flagged: user.flaggedAt !== null,
    flaggedAt: jst(user.flaggedAt),
    blocked: user.blockedAt !== null,
    blockedAt: jst(user.blockedAt),
    handoff: user.handoffAt !== null,
    handoffAt: jst(user.handoffAt),
    terms: {
      agreedVersion: user.termsVersion,
      agreedAt: jst(user.termsAgreedAt),
      currentVersion: current?.id ?? null,
      upToDate: current !== undefined && user.termsVersion === current.id,
    },
    activeBooking: active ? bookingJson(active) : null,
    actions: actions.map(actionJson),
  };
}

type UserJson = Awaited<ReturnType<typeof userJson>>;

/**
 * A change to one person, refused with 404 for an unknown id and 409 when `refusal` says it
 * makes no sense in the person's current state; otherwise `apply` writes it and names messages.
 */
function changeUser(
  ctx: AppContext,
  lineUserId: string,
  refusal: (user: UserAccount) => { code: string; message: string } | null,
  apply: (trx: Db, user: UserAccount, who: string, now: Instant) => Promise<Dispatch[]>,
): Promise<Outcome<UserJson>> {
  return mutate(ctx, async (trx, now) => {
    const user = await getUser(trx, lineUserId);
    if (!user) return notFound('user');
    const refused = refusal(user);
    if (refused) return fail(409, refused.code, refused.message);
    const who = personLabel((await latestBookingOf(trx, lineUserId))?.name ?? null, lineUserId);
    const dispatches = await apply(trx, user, who, now);
    return done(await userJson(trx, (await getUser(trx, lineUserId))!, now), dispatches);
  });
}

/** Looking a person up, stopping or restarting the bot for them, and ending a staff chat. */
export function usersRoutes(ctx: AppContext): Router {
  const router = express.Router();
  const render = (u: UserJson) => ({ user: u });

  router.get('/api/users/:lineUserId', async (req, res) => {
    const user = await getUser(ctx.db, param(req, 'lineUserId'));
    if (!user) {
      res.status(404).json({ code: 'not_found', message: 'no such user' });
      return;
    }
    res.json(render(await userJson(ctx.db, user, ctx.clock.now().toISOString())));
  });

  router.post(
    '/api/users/:lineUserId/block',
    withBody(
      blockBody,
      (b, req) =>
        changeUser(
          ctx,
          param(req, 'lineUserId'),
          (u) =>
            u.blockedAt !== null
              ? { code: 'already_blocked', message: 'the bot is already stopped for this person' }
              : null,
          async (trx, u, who, now) => {
            const by = apiActor(b.by);
            await setBlocked(trx, u.lineUserId, now);
            await recordStaffAction(trx, {
              subjectId: u.lineUserId,
              action: 'block',
              staffId: by.id,
              via: 'api',
              detail: { reason: b.reason ?? null },
              at: now,
            });
            // The reason stays with staff; the person is only told, politely, to phone the office.
            return [
              { audience: 'user', recipient: u.lineUserId, messages: blockedUserMessages(ctx.settings) },
              blockedNote(ctx.staffGroupId, who, b.by),
            ];
          },
        ),
      render,
    ),
  );

  router.post(
    '/api/users/:lineUserId/unblock',
    withBody(
      byOnlyBody,
      (b, req) =>
        changeUser(
          ctx,
          param(req, 'lineUserId'),
          (u) =>
            u.blockedAt === null ? { code: 'not_blocked', message: 'the bot is not stopped for this person' } : null,
          async (trx, u, who, now) => {
            await setBlocked(trx, u.lineUserId, null);
            await recordStaffAction(trx, {
              subjectId: u.lineUserId,
              action: 'unblock',
              staffId: apiActor(b.by).id,
              via: 'api',
              at: now,
            });
            return [unblockedNote(ctx.staffGroupId, who, b.by)];
          },
        ),
      render,
    ),
  );

  router.post(
    '/api/users/:lineUserId/handback',
    withBody(
      byOnlyBody,
      (b, req) =>
        changeUser(
          ctx,
          param(req, 'lineUserId'),
          (u) =>
            u.handoffAt === null
              ? { code: 'not_in_handoff', message: 'staff are not talking with this person; the bot already answers' }
              : null,
          async (trx, u, who, now) => {
            await setHandoff(trx, u.lineUserId, null);
            await recordStaffAction(trx, {
              subjectId: u.lineUserId,
              action: 'handback',
              staffId: apiActor(b.by).id,
              via: 'api',
              at: now,
            });
            const note = handbackNote(ctx.staffGroupId, who, b.by);
            // A person the bot is stopped for is not told that it answers again.
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
        ),
      render,
    ),
  );

  return router;
}
