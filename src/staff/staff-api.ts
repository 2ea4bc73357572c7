import express, { type Router } from 'express';
import { noStore } from '../http/no-store.js';
import { requireStaffToken } from '../http/staff-auth.js';
import type { AppContext } from '../app-context.js';
import { durableReplies } from './durable-replies.js';
import { idempotentChanges } from './idempotency.js';
import { bookingsRoutes } from './bookings-routes.js';
import { calendarRoutes } from './calendar-routes.js';
import { personBookingRoutes } from './person-booking-routes.js';
import { personRightsApiRoutes } from './person-rights-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { usersRoutes } from './users-routes.js';

/** Largest JSON body the staff API reads (docs/staff-api.md). */
export const STAFF_API_BODY_LIMIT = '64kb';

/**
 * The staff JSON API under /api (docs/staff-api.md), behind the Bearer token. It reads its own
 * JSON bodies, and only after the token is checked: a caller without the token gets 401 whatever
 * it sends, so it can neither make the server parse bodies nor tell from a 400 or 413 how far its
 * request got. Every change runs in one transaction with the messages it causes and the record of
 * who made it; see mutation.ts.
 */
export function staffApiRouter(ctx: AppContext, staffApiToken: string | null): Router {
  const router = express.Router();
  router.use('/api', noStore(), requireStaffToken(ctx, staffApiToken), express.json({ limit: STAFF_API_BODY_LIMIT }));
  router.use('/api', durableReplies(ctx.durable));
  router.use('/api', idempotentChanges(ctx));
  router.use(bookingsRoutes(ctx));
  router.use(calendarRoutes(ctx));
  router.use(usersRoutes(ctx));
  router.use(personBookingRoutes(ctx));
  router.use(personRightsApiRoutes(ctx));
  router.use(settingsRoutes(ctx));
  return router;
}
