import express, { type Router } from 'express';
import { requireStaffToken } from '../http/staff-auth.js';
import { contextOf, type StaffApiDeps } from './api-context.js';
import { durableReplies } from './durable-replies.js';
import { bookingsRoutes } from './bookings-routes.js';
import { calendarRoutes } from './calendar-routes.js';
import { settingsRoutes } from './settings-routes.js';
import { usersRoutes } from './users-routes.js';

export type { StaffApiDeps } from './api-context.js';

/**
 * The staff JSON API under /api (docs/staff-api.md), behind the Bearer token. Mount it after
 * `express.json()`. Every change runs in one transaction with the messages it causes and the
 * record of who made it; see mutation.ts.
 */
export function staffApiRouter(deps: StaffApiDeps): Router {
  const ctx = contextOf(deps);
  const router = express.Router();
  router.use('/api', requireStaffToken(deps.staffApiToken));
  if (deps.durable) router.use('/api', durableReplies(deps.durable));
  router.use(bookingsRoutes(ctx));
  router.use(calendarRoutes(ctx));
  router.use(usersRoutes(ctx));
  router.use(settingsRoutes(ctx));
  return router;
}
