import express, { type Request, type Router } from 'express';
import {
  bookingsByIdPrefix,
  bookingStubsOf,
  openRequestsForConsole,
  standingsOf,
} from '../../../../db/repositories/console-requests-repository.js';
import { loadCalendar } from '../../../bookings/calendar-facts.js';
import { preferredChoices } from '../../../bookings/booking-view.js';
import type { AppContext } from '../../../app-context.js';
import { auditViews } from '../../audit.js';
import { signedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import { bookingActionRoutes } from './booking-action-routes.js';
import { isWholeBookingId, ReceiptChoicePage, ReceiptNotFoundPage, receiptPrefixOf } from './receipt-page.js';
import { showBooking } from './show-booking.js';
import { RequestsPage, type RequestRow } from './requests-list.js';
import { historyOf, timeState, waitingOf } from './request-view.js';

/** The most rows the list shows; an office has a few dozen open at most, so more means something is stuck. */
const LIST_LIMIT = 300;

const idParam = (req: Request): string => (typeof req.params.id === 'string' ? req.params.id : '');

/** The 受付 section (docs/staff-console.md): the open requests, and each booking's page and forms. */
export function requestsPages(ctx: AppContext): Router {
  const router = express.Router();

  router.get('/staff/requests', async (_req, res) => {
    const who = signedIn(res);
    const now = ctx.clock.now().toISOString();
    const open = await openRequestsForConsole(ctx.db, LIST_LIMIT);
    const people = open.map((b) => b.lineUserId);
    const [calendar, stubs, standings] = [
      await loadCalendar(ctx.db, ctx.settings, now),
      await bookingStubsOf(ctx.db, people),
      await standingsOf(ctx.db, people),
    ];
    const rows: RequestRow[] = open.map((b) => ({
      booking: b,
      choices: preferredChoices(
        timeState(calendar, b, b.choice1Start, now),
        b.choice2Start === null ? null : timeState(calendar, b, b.choice2Start, now),
      ),
      proposal: b.proposedStart ? timeState(calendar, b, b.proposedStart, now) : null,
      history: historyOf(b, stubs, standings.get(b.lineUserId)),
    }));
    await auditViews(ctx.db, who, now, people, 'requests');
    sendPage(
      res,
      <RequestsPage
        frame={frameOf(ctx, who)}
        now={now}
        awaitingStaff={rows.filter((r) => waitingOf(r.booking, now).on === 'staff')}
        awaitingPerson={rows.filter((r) => waitingOf(r.booking, now).on === 'person')}
        truncated={open.length === LIST_LIMIT}
      />,
    );
  });

  /**
   * A receipt number (受付番号) in the address, as staff read it to the person or from the staff
   * group's card: the booking it starts, or a page saying why there is no one booking.
   */
  router.get('/staff/requests/:receipt', async (req, res) => {
    const frame = frameOf(ctx, signedIn(res));
    const prefix = receiptPrefixOf(typeof req.params.receipt === 'string' ? req.params.receipt : '');
    const found = prefix === null ? [] : await bookingsByIdPrefix(ctx.db, prefix);
    if (found.length === 1) {
      res.redirect(303, `/staff/bookings/${encodeURIComponent(found[0]!.id)}`);
      return;
    }
    if (prefix !== null && found.length > 1) {
      sendPage(res, <ReceiptChoicePage frame={frame} prefix={prefix} bookings={found} />);
      return;
    }
    sendPage(res, <ReceiptNotFoundPage frame={frame} prefix={prefix} />, 404);
  });

  router.get('/staff/bookings/:id', async (req, res) => {
    const typed = idParam(req);
    // A receipt number typed here rather than under 受付, or an id in capitals: found the same way.
    const prefix = receiptPrefixOf(typed);
    if (prefix !== null && (prefix !== typed || !isWholeBookingId(prefix))) {
      res.redirect(303, `/staff/requests/${encodeURIComponent(prefix)}`);
      return;
    }
    await showBooking(ctx, res, typed, { done: req.query.done });
  });

  router.use(bookingActionRoutes(ctx));
  return router;
}
