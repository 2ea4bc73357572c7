import express, { type Router } from 'express';
import type { Db } from '../../db/database.js';
import { activeBookingOf, latestBookingOf } from '../../db/repositories/bookings-repository.js';
import { recordStaffAction, staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { currentTerms } from '../../db/repositories/terms-repository.js';
import { setHandoff } from '../../db/repositories/users-repository.js';
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
import { getUser, setBlocked, type UserRow } from './staff-repository.js';

const jst = (instant: string | null) => (instant === null ? null : formatIsoJst(instant));

/** What staff need to know about a person: counts, flags, whether the bot talks to them, consent. */
async function userJson(db: Db, user: UserRow, now: Instant) {
  const id = user.line_user_id;
  const current = await currentTerms(db, now);
  const active = await activeBookingOf(db, id);
  const latest = await latestBookingOf(db, id);
  const actions = await staffActionsOf(db, id);
  return {
    lineUserId: id,
    name: latest && latest.personal_data_erased_at === null ? latest.name : null,
    createdAt: formatIsoJst(user.created_at),
    lastSeenAt: formatIsoJst(user.last_seen_at),
    counts: { bookings: user.booking_count, cancellations: user.cancel_count, noShows: user.no_show_count },
    flagged: user.flagged_at !== null,
    flaggedAt: jst(user.flagged_at),
    blocked: user.blocked_at !== null,
    blockedAt: jst(user.blocked_at),
    handoff: user.handoff_at !== null,
    handoffAt: jst(user.handoff_at),
    terms: {
      agreedVersion: user.terms_version,
      agreedAt: jst(user.terms_agreed_at),
      currentVersion: current?.id ?? null,
      upToDate: current !== undefined && user.terms_version === current.id,
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
  refusal: (user: UserRow) => { code: string; message: string } | null,
  apply: (trx: Db, user: UserRow, who: string, now: Instant) => Promise<Dispatch[]>,
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
          (u) => (u.blocked_at !== null ? { code: 'already_blocked', message: 'the bot is already stopped for this person' } : null),
          async (trx, u, who, now) => {
            const by = apiActor(b.by);
            await setBlocked(trx, u.line_user_id, now);
            await recordStaffAction(trx, { subjectId: u.line_user_id, action: 'block', staffId: by.id, via: 'api', detail: { reason: b.reason ?? null }, at: now });
            // The reason stays with staff; the person is only told, politely, to phone the office.
            return [{ audience: 'user', recipient: u.line_user_id, messages: blockedUserMessages(ctx.settings) }, blockedNote(ctx.staffGroupId, who, b.by)];
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
          (u) => (u.blocked_at === null ? { code: 'not_blocked', message: 'the bot is not stopped for this person' } : null),
          async (trx, u, who, now) => {
            await setBlocked(trx, u.line_user_id, null);
            await recordStaffAction(trx, { subjectId: u.line_user_id, action: 'unblock', staffId: apiActor(b.by).id, via: 'api', at: now });
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
          (u) => (u.handoff_at === null ? { code: 'not_in_handoff', message: 'staff are not talking with this person; the bot already answers' } : null),
          async (trx, u, who, now) => {
            await setHandoff(trx, u.line_user_id, null);
            await recordStaffAction(trx, { subjectId: u.line_user_id, action: 'handback', staffId: apiActor(b.by).id, via: 'api', at: now });
            const note = handbackNote(ctx.staffGroupId, who, b.by);
            // A person the bot is stopped for is not told that it answers again.
            if (u.blocked_at !== null) return [note];
            return [{ audience: 'user', recipient: u.line_user_id, messages: handbackUserMessages(await bookingInProgress(trx, u.line_user_id, now)) }, note];
          },
        ),
      render,
    ),
  );

  return router;
}
