import type { Response } from 'express';
import { getBooking } from '../../../../db/repositories/bookings-repository.js';
import type { AppContext } from '../../../app-context.js';
import { auditViews } from '../../audit.js';
import { signedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import { bookingPageData } from './booking-data.js';
import { BookingNotFoundPage, BookingPage, doneNotice, type FormFailure } from './booking-page.js';

/**
 * Renders the booking page for `id` as it is now (after a refusal too, with what was typed and
 * what went wrong), and records that its person's details were shown.
 */
export async function showBooking(
  ctx: AppContext,
  res: Response,
  id: string,
  options: { status?: number; done?: unknown; stale?: string; failure?: FormFailure } = {},
): Promise<void> {
  const who = signedIn(res);
  const frame = frameOf(ctx, who);
  const booking = await getBooking(ctx.db, id);
  if (!booking) {
    sendPage(res, <BookingNotFoundPage frame={frame} />, 404);
    return;
  }
  const now = ctx.clock.now().toISOString();
  const data = await bookingPageData(ctx.db, ctx.settings, booking, now);
  if (booking.personalDataErasedAt === null) await auditViews(ctx.db, who, now, [booking.lineUserId], 'booking');
  sendPage(
    res,
    <BookingPage
      frame={frame}
      data={data}
      notice={doneNotice(options.done, booking)}
      {...(options.stale ? { stale: options.stale } : {})}
      {...(options.failure ? { failure: options.failure } : {})}
    />,
    options.status ?? 200,
  );
}
