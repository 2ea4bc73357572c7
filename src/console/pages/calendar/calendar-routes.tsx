import express, { type Request, type Response, type Router } from 'express';
import { takenInSlot } from '../../../../db/repositories/bookings-repository.js';
import { placesHeldBetween } from '../../../../db/repositories/console-calendar-repository.js';
import {
  addClosure,
  closureDates,
  getClosure,
  listClosures,
  removeClosure,
} from '../../../../db/repositories/closures-repository.js';
import { capacityOverrides, setCapacity } from '../../../../db/repositories/office-state-repository.js';
import { recordStaffAction } from '../../../../db/repositories/staff-actions-repository.js';
import type { AppContext } from '../../../app-context.js';
import { addDays, gridStarts, slotKey, toInstant, toLocal, type IsoDate } from '../../../calendar/index.js';
import { auditViews } from '../../audit.js';
import { signedIn, type SignedIn } from '../../auth/signed-in.js';
import { changeFromConsole, consoleDone, consoleRefused } from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { dateJa, timeJa } from '../../views/format.js';
import { sendPage } from '../../views/render.js';
import { mondayOf, readDate, readMonth } from './calendar-days.js';
import { formValues, KIND_JA, readCapacityForm, readClosureForm, type FormValues } from './calendar-forms.js';
import { monthView } from './month-model.js';
import { MonthPage } from './month-page.js';
import { weekView } from './week-model.js';
import { WeekPage, type CalendarProblem } from './week-page.js';

const CAPACITY_FIELDS = ['slot', 'date', 'capacity'] as const;
const CLOSURE_FIELDS = ['date', 'note'] as const;

/**
 * The notice after a change, from the redirect's `done` code and what the database holds now
 * (never text taken from the address). After a capacity change it says whether the slot already
 * holds more than the new capacity: nothing is cancelled, the slot is just no longer offered.
 */
async function noticeOf(ctx: AppContext, query: Request['query']): Promise<string | null> {
  const date = readDate(query.date);
  switch (query.done) {
    case 'capacity': {
      const kind = query.kind === 'regular' || query.kind === 'mothers' ? query.kind : null;
      const start = typeof query.start === 'string' && /^\d{1,4}$/.test(query.start) ? Number(query.start) : null;
      if (!date || !kind || start === null) return '定員を変更しました。';
      const key = slotKey(kind, date, start);
      const capacity = (await capacityOverrides(ctx.db)).get(key) ?? ctx.settings.capacity;
      const taken = await takenInSlot(ctx.db, key, '');
      const done = `${dateJa(date)} ${timeJa(start)}（${KIND_JA[kind]}）の定員を ${capacity} にしました。`;
      return taken > capacity
        ? `${done}この枠にはすでに ${taken} 件の予約・申込みがあります。取り消されませんが、この枠は新しい申込みに出されません。`
        : done;
    }
    case 'closure_added':
      return date ? `${dateJa(date)}を閉庁日にしました。LINE ではこの日の予約を受け付けません。` : null;
    case 'closure_removed':
      return date ? `${dateJa(date)}の閉庁日を解除しました。` : null;
    default:
      return null;
  }
}

/** The 予約カレンダー section (docs/staff-console.md): week view, month overview, capacity, closure days. */
export function calendarPages(ctx: AppContext): Router {
  const router = express.Router();
  const today = () => toLocal(ctx.clock.now().toISOString()).date;

  async function renderWeek(
    res: Response,
    who: SignedIn,
    week: IsoDate,
    extra: { notice?: string | null; problem?: CalendarProblem | null; values?: FormValues; status?: number },
  ): Promise<void> {
    const monday = mondayOf(week);
    const [closures, overrides, held, notes, upcoming] = [
      await closureDates(ctx.db, monday),
      await capacityOverrides(ctx.db),
      await placesHeldBetween(
        ctx.db,
        toInstant({ date: monday, minutes: 0 }),
        toInstant({ date: addDays(monday, 7), minutes: 0 }),
      ),
      await listClosures(ctx.db, monday),
      await listClosures(ctx.db, today()),
    ];
    const view = weekView(
      { settings: ctx.settings, closures, capacityOverrides: overrides },
      monday,
      held,
      new Map(notes.map((c) => [c.date, c.note])),
      ctx.clock.now().toISOString(),
    );
    const shown = view.rows.flatMap((r) => r.cells.flatMap((c) => c.people.map((p) => p.lineUserId)));
    await auditViews(ctx.db, who, ctx.clock.now().toISOString(), shown, 'calendar');
    sendPage(
      res,
      <WeekPage
        frame={frameOf(ctx, who)}
        view={view}
        thisMonday={mondayOf(today())}
        closures={upcoming}
        starts={{ regular: gridStarts('regular', ctx.settings), mothers: gridStarts('mothers', ctx.settings) }}
        notice={extra.notice ?? null}
        problem={extra.problem ?? null}
        values={extra.values ?? {}}
      />,
      extra.status ?? 200,
    );
  }

  /** The week a form came from (to return to it), else this week. */
  const weekOf = (req: Request): IsoDate => readDate(formValues(req.body, ['week']).week) ?? today();

  router.get('/staff/calendar', async (req, res) => {
    const asked = req.query.week;
    const week = readDate(asked);
    const bad = asked !== undefined && week === null;
    await renderWeek(res, signedIn(res), week ?? today(), {
      notice: await noticeOf(ctx, req.query),
      ...(bad
        ? { problem: { form: 'week', field: 'week', message: '日付を選んでください（例: 2026-12-08）。' }, status: 400 }
        : {}),
    });
  });

  router.get('/staff/calendar/month', async (req, res) => {
    const who = signedIn(res);
    const asked = req.query.month;
    const first = readMonth(asked);
    const bad = asked !== undefined && first === null;
    const month = first ?? `${today().slice(0, 7)}-01`;
    const next = `${addDays(month, 32).slice(0, 7)}-01`;
    const closures = await closureDates(ctx.db, month);
    const held = await placesHeldBetween(
      ctx.db,
      toInstant({ date: month, minutes: 0 }),
      toInstant({ date: next, minutes: 0 }),
    );
    sendPage(
      res,
      <MonthPage
        frame={frameOf(ctx, who)}
        view={monthView(month, closures, held)}
        thisMonth={today().slice(0, 7)}
        problem={bad ? '月を YYYY-MM の形で指定してください（例: 2026-12）。今月を表示しています。' : null}
      />,
      bad ? 400 : 200,
    );
  });

  router.post('/staff/calendar/capacity', async (req, res) => {
    const who = signedIn(res);
    const values = formValues(req.body, CAPACITY_FIELDS);
    const read = readCapacityForm(values, ctx.settings);
    if (!read.ok) {
      await renderWeek(res, who, weekOf(req), {
        problem: { form: 'capacity', field: read.field, message: read.message },
        values,
        status: 400,
      });
      return;
    }
    const { kind, date, start, capacity } = read.value;
    const key = slotKey(kind, date, start);
    const outcome = await changeFromConsole(
      ctx,
      who,
      'capacity_set',
      `capacity:${key}`,
      async ({ trx, now, by }) => {
        const previous = (await capacityOverrides(trx)).get(key) ?? ctx.settings.capacity;
        await setCapacity(trx, key, capacity, now);
        // The booking history keeps the same line as a change made through the JSON API.
        await recordStaffAction(trx, {
          subjectId: `capacity:${key}`,
          action: 'capacity_set',
          staffId: by.id,
          via: 'console',
          detail: { previous, capacity },
          at: now,
        });
        return consoleDone();
      },
      { capacity },
    );
    if (!outcome.ok) {
      await renderWeek(res, who, date, {
        problem: { form: 'capacity', field: outcome.field ?? 'capacity', message: outcome.message },
        values,
        status: outcome.status,
      });
      return;
    }
    // Lowering a capacity cancels nothing: the week view marks a slot holding more than it now allows.
    const query = new URLSearchParams({ week: date, done: 'capacity', date, kind, start: String(start) });
    res.redirect(303, `/staff/calendar?${query}`);
  });

  router.post('/staff/calendar/closures', async (req, res) => {
    const who = signedIn(res);
    const values = formValues(req.body, CLOSURE_FIELDS);
    const read = readClosureForm(values, today());
    if (!read.ok) {
      await renderWeek(res, who, weekOf(req), {
        problem: { form: 'closure', field: read.field, message: read.message },
        values,
        status: 400,
      });
      return;
    }
    const { date, note } = read.value;
    const outcome = await changeFromConsole(
      ctx,
      who,
      'closure_set',
      `closure:${date}`,
      async ({ trx, now, by }) => {
        await addClosure(trx, date, note, now);
        await recordStaffAction(trx, {
          subjectId: `closure:${date}`,
          action: 'closure_set',
          staffId: by.id,
          via: 'console',
          detail: { note },
          at: now,
        });
        return consoleDone();
      },
      { note },
    );
    if (!outcome.ok) {
      await renderWeek(res, who, weekOf(req), {
        problem: { form: 'closure', field: outcome.field ?? 'date', message: outcome.message },
        values,
        status: outcome.status,
      });
      return;
    }
    res.redirect(303, `/staff/calendar?${new URLSearchParams({ week: date, done: 'closure_added', date })}`);
  });

  router.post('/staff/calendar/closures/:date/remove', async (req, res) => {
    const who = signedIn(res);
    const date = String(req.params.date);
    if (readDate(date) === null) {
      await renderWeek(res, who, weekOf(req), {
        problem: { form: 'remove', field: 'closure', message: '日付が正しくありません。' },
        status: 400,
      });
      return;
    }
    const outcome = await changeFromConsole(
      ctx,
      who,
      'closure_removed',
      `closure:${date}`,
      async ({ trx, now, by }) => {
        if ((await getClosure(trx, date)) === undefined || !(await removeClosure(trx, date, now)))
          return consoleRefused(
            404,
            `${dateJa(date)}は閉庁日に登録されていません（ほかの職員がすでに解除した可能性があります）。`,
            'closure',
          );
        await recordStaffAction(trx, {
          subjectId: `closure:${date}`,
          action: 'closure_removed',
          staffId: by.id,
          via: 'console',
          at: now,
        });
        return consoleDone();
      },
    );
    if (!outcome.ok) {
      await renderWeek(res, who, weekOf(req), {
        problem: { form: 'remove', field: 'closure', message: outcome.message },
        status: outcome.status,
      });
      return;
    }
    res.redirect(303, `/staff/calendar?${new URLSearchParams({ week: date, done: 'closure_removed', date })}`);
  });

  return router;
}
