import express, { type Request, type Response, type Router } from 'express';
import { bookingFactsBetween } from '../../../../db/repositories/figures-repository.js';
import { SYSTEM_CANCEL_REASONS } from '../../../../db/schema.js';
import type { AppContext } from '../../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import { FiguresPage } from './figures-page.js';
import { figuresCsv, figuresCsvDisposition } from './figures-csv.js';
import { monthFigures, type MonthFigures } from './month-figures.js';
import { monthOf, monthSpan, parseMonth, previousMonth, type Month } from './month.js';

const MONTH_ERROR = '対象月は 2026-11 のように「年-月」で指定してください。';

/**
 * The month asked for; without one, the last complete month: that is the one an office hands
 * in, and only a finished month's sessions are all over, so its figures no longer move.
 */
function monthAsked(ctx: AppContext, req: Request): { month: Month; typed: string } | { error: string; typed: string } {
  const raw = req.query.month;
  if (raw === undefined || raw === '') {
    const month = previousMonth(monthOf(ctx.clock.now().toISOString()));
    return { month, typed: month };
  }
  const month = parseMonth(raw);
  const typed = typeof raw === 'string' ? raw.slice(0, 20) : '';
  return month ? { month, typed } : { error: MONTH_ERROR, typed };
}

async function figuresOf(ctx: AppContext, month: Month): Promise<MonthFigures> {
  const { from, to } = monthSpan(month);
  return monthFigures(await bookingFactsBetween(ctx.db, from, to, SYSTEM_CANCEL_REASONS));
}

/** The 実績 section (docs/staff-console.md): a month's counts as a page and as CSV. */
export function figuresPages(ctx: AppContext): Router {
  const router = express.Router();
  const refuse = (res: Response, typed: string, error: string) => {
    const fallback = previousMonth(monthOf(ctx.clock.now().toISOString()));
    sendPage(
      res,
      <FiguresPage
        frame={frameOf(ctx, signedIn(res))}
        month={fallback}
        typed={typed}
        figures={null}
        error={error}
        provisional={false}
      />,
      400,
    );
  };

  router.get('/staff/figures', async (req, res) => {
    const asked = monthAsked(ctx, req);
    if ('error' in asked) return refuse(res, asked.typed, asked.error);
    const figures = await figuresOf(ctx, asked.month);
    sendPage(
      res,
      <FiguresPage
        frame={frameOf(ctx, signedIn(res))}
        month={asked.month}
        typed={asked.typed}
        figures={figures}
        error={null}
        provisional={asked.month >= monthOf(ctx.clock.now().toISOString())}
      />,
    );
  });

  router.get('/staff/figures.csv', async (req, res) => {
    const asked = monthAsked(ctx, req);
    if ('error' in asked) return refuse(res, asked.typed, asked.error);
    const csv = figuresCsv(asked.month, await figuresOf(ctx, asked.month));
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .set('Content-Disposition', figuresCsvDisposition(asked.month))
      .send(Buffer.from(csv, 'utf8'));
  });

  return router;
}
