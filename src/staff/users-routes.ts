import express, { type Router } from 'express';
import type { Db } from '../../db/database.js';
import { activeBookingOf, latestBookingOf } from '../../db/repositories/bookings-repository.js';
import { staffActionsOf } from '../../db/repositories/staff-actions-repository.js';
import { currentTerms } from '../../db/repositories/terms-repository.js';
import { getUser, type UserAccount } from '../../db/repositories/users-repository.js';
import { formatIsoJst, type Instant } from '../calendar/index.js';
import type { AppContext } from '../app-context.js';
import { blockBody, byOnlyBody } from './api-schemas.js';
import { mutate } from './mutation.js';
import { changePerson, type PersonChange, type PersonRefusal } from './person-changes.js';
import { done, fail, notFound, type Outcome } from './outcome.js';
import { apiActor, param, withBody } from './route-helpers.js';
import { auditApiReads } from './api-audit.js';
import { actionJson, bookingJson } from './staff-json.js';

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

/** What the API answers when a change to a person makes no sense in their state. */
const REFUSAL_MESSAGE: Record<Exclude<PersonRefusal, 'not_found'>, string> = {
  already_blocked: 'the bot is already stopped for this person',
  not_blocked: 'the bot is not stopped for this person',
  not_in_handoff: 'staff are not talking with this person; the bot already answers',
};

/** One change to a person (src/staff/person-changes.ts), answered with the person as they are now. */
function changeUser(
  ctx: AppContext,
  change: PersonChange,
  lineUserId: string,
  by: string,
  reason: string | null = null,
): Promise<Outcome<UserJson>> {
  return mutate(ctx, async (trx, now) => {
    const r = await changePerson(trx, ctx, change, { lineUserId, by: apiActor(by), byLabel: by, reason, now });
    if (!r.ok) return r.refusal === 'not_found' ? notFound('user') : fail(409, r.refusal, REFUSAL_MESSAGE[r.refusal]);
    return done(await userJson(trx, r.user, now), r.dispatches);
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
    const json = await userJson(ctx.db, user, ctx.clock.now().toISOString());
    if (json.name !== null || json.activeBooking !== null) await auditApiReads(ctx, res, [user.lineUserId], 'api_user');
    res.json(render(json));
  });

  router.post(
    '/api/users/:lineUserId/block',
    withBody(blockBody, (b, req) => changeUser(ctx, 'block', param(req, 'lineUserId'), b.by, b.reason ?? null), render),
  );

  router.post(
    '/api/users/:lineUserId/unblock',
    withBody(byOnlyBody, (b, req) => changeUser(ctx, 'unblock', param(req, 'lineUserId'), b.by), render),
  );

  router.post(
    '/api/users/:lineUserId/handback',
    withBody(byOnlyBody, (b, req) => changeUser(ctx, 'handback', param(req, 'lineUserId'), b.by), render),
  );

  return router;
}
