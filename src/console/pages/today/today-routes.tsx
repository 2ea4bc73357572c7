import express, { type Request, type Response, type Router } from 'express';
import { contactTimesSince, sessionsBetween } from '../../../../db/repositories/console-calendar-repository.js';
import { immediateRequestsBetween } from '../../../../db/repositories/immediate-requests-repository.js';
import type { AppContext } from '../../../app-context.js';
import { currentBooking, markAttendance } from '../../../bookings/lifecycle.js';
import { addDays, toInstant, toLocal } from '../../../calendar/index.js';
import { USER_CONTACT_ACTION } from '../../../conversation/session-day-contact.js';
import { STAFF_ERROR_TEXT, STAFF_TEXT } from '../../../messages/staff-chat-texts.js';
import { auditViews } from '../../audit.js';
import { signedIn, type SignedIn } from '../../auth/signed-in.js';
import { changeFromConsole, consoleRefused, fromLifecycleJa } from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import { todayRows, type TodayRow } from './today-model.js';
import { TodayPage, TodayPrintPage, type TodayProblem } from './today-page.js';

const DONE_TEXT: Record<string, (name: string) => string> = {
  attended: (name) => `${name}さんの出席を記録しました。`,
  no_show: (name) => `${name}さんを欠席（接続なし）として記録し、ご本人に LINE でお知らせしました。`,
  corrected: (name) => `${name}さんの記録を出席に訂正しました。`,
};

/** The 本日の相談 section (docs/staff-console.md): today's sessions, attendance, a print view. */
export function todayPages(ctx: AppContext): Router {
  const router = express.Router();

  /** Today's sessions (Japan date) with who wrote to the bot about theirs today. */
  async function loadToday(): Promise<{ date: string; rows: TodayRow[] }> {
    const now = ctx.clock.now().toISOString();
    const date = toLocal(now).date;
    const from = toInstant({ date, minutes: 0 });
    const sessions = await sessionsBetween(ctx.db, from, toInstant({ date: addDays(date, 1), minutes: 0 }));
    const contacts = await contactTimesSince(
      ctx.db,
      sessions.map((b) => b.id),
      USER_CONTACT_ACTION,
      from,
    );
    return { date, rows: todayRows(sessions, contacts, now) };
  }

  /**
   * `done`: an attendance just recorded (?done=&id=), named in the notice only when the booking is
   * on today's list, which is what this page shows and records as looked at.
   */
  async function renderToday(
    res: Response,
    who: SignedIn,
    extra: {
      done?: { bookingId: string; text: (name: string) => string };
      problem?: TodayProblem | null;
      status?: number;
    },
  ): Promise<void> {
    const { date, rows } = await loadToday();
    const doneRow = extra.done && rows.find((r) => r.bookingId === extra.done!.bookingId);
    const notice = doneRow ? extra.done!.text(doneRow.name) : null;
    const from = toInstant({ date, minutes: 0 });
    const immediate = await immediateRequestsBetween(ctx.db, from, toInstant({ date: addDays(date, 1), minutes: 0 }));
    await auditViews(
      ctx.db,
      who,
      ctx.clock.now().toISOString(),
      [...rows.map((r) => r.lineUserId), ...immediate.map((r) => r.lineUserId)],
      'today',
    );
    sendPage(
      res,
      <TodayPage
        frame={frameOf(ctx, who)}
        date={date}
        rows={rows}
        immediate={immediate}
        notice={notice}
        problem={extra.problem ?? null}
      />,
      extra.status ?? 200,
    );
  }

  router.get('/staff/today', async (req, res) => {
    const who = signedIn(res);
    const { done, id } = req.query;
    // Own keys only: ?done=constructor must not reach Object.prototype.
    const text = typeof done === 'string' && Object.hasOwn(DONE_TEXT, done) ? DONE_TEXT[done] : undefined;
    await renderToday(res, who, text && typeof id === 'string' ? { done: { bookingId: id, text } } : {});
  });

  router.get('/staff/today/print', async (_req, res) => {
    const who = signedIn(res);
    const { date, rows } = await loadToday();
    await auditViews(
      ctx.db,
      who,
      ctx.clock.now().toISOString(),
      rows.map((r) => r.lineUserId),
      'today_print',
    );
    sendPage(res, <TodayPrintPage officeName={ctx.settings.officeName} date={date} rows={rows} />);
  });

  router.post('/staff/today/:id/attendance', async (req: Request, res) => {
    const who = signedIn(res);
    const bookingId = String(req.params.id);
    const choice = (req.body as Record<string, unknown> | undefined)?.attended;
    if (choice !== 'yes' && choice !== 'no') {
      await renderToday(res, who, {
        problem: { bookingId, message: '出席か欠席（接続なし）かを選んでください。' },
        status: 400,
      });
      return;
    }
    const attended = choice === 'yes';
    let was: string | null = null;
    const outcome = await changeFromConsole(
      ctx,
      who,
      'attendance',
      bookingId,
      async ({ trx, now, by, render }) => {
        const row = await currentBooking(trx, bookingId);
        if (!row) return consoleRefused(404, STAFF_ERROR_TEXT.not_found, 'attended');
        was = row.status;
        // A colleague recorded it first: say so rather than the generic wrong-status refusal.
        if ((row.status === 'attended' && attended) || (row.status === 'no_show' && !attended))
          return consoleRefused(
            409,
            `すでに${attended ? '出席' : '欠席（接続なし）'}として記録されています（ほかの職員が記録した可能性があります）。`,
            'attended',
          );
        // Whether someone came can only be known once the session has begun (as the JSON API).
        if (row.status === 'confirmed' && row.confirmedStart !== null && now < row.confirmedStart)
          return consoleRefused(409, STAFF_TEXT.attendanceTooEarly, 'attended');
        return fromLifecycleJa(await markAttendance(trx, ctx, { bookingId, attended, by, now }), render, 'attended');
      },
      { attended },
    );
    if (!outcome.ok) {
      await renderToday(res, who, { problem: { bookingId, message: outcome.message }, status: outcome.status });
      return;
    }
    const done = !attended ? 'no_show' : was === 'confirmed' ? 'attended' : 'corrected';
    res.redirect(303, `/staff/today?${new URLSearchParams({ done, id: bookingId })}`);
  });

  return router;
}
