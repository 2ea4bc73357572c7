import express, { type Router } from 'express';
import { z } from 'zod';
import type { DemoContext } from './demo-context.js';

const MAX_JUMP_MS = 366 * 24 * 60 * 60 * 1000;

const clockBody = z.union([
  z
    .object({
      advanceMinutes: z
        .number()
        .int()
        .positive()
        .max(MAX_JUMP_MS / 60_000),
    })
    .strict(),
  z.object({ set: z.iso.datetime({ offset: true }) }).strict(),
]);

/**
 * GET and POST /demo/api/clock: the app's clock (APP_NOW), which the demo can move forward to
 * reach deadlines, reminders and no-shows. Only forward: the inbox, outbox and timed jobs assume
 * time does not run backwards, as it never does in production.
 */
export function clockRoutes(ctx: DemoContext): Router {
  const router = express.Router();
  const current = () => ({ now: ctx.clock.now().toISOString(), timeZone: 'Asia/Tokyo' });
  router.get('/demo/api/clock', (_req, res) => {
    res.json(current());
  });
  router.post('/demo/api/clock', (req, res) => {
    const parsed = clockBody.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({
        code: 'bad_request',
        message: 'send {"advanceMinutes": N} or {"set": "<ISO-8601 instant with offset>"}',
      });
      return;
    }
    const now = ctx.clock.now().getTime();
    const target = 'set' in parsed.data ? Date.parse(parsed.data.set) : now + parsed.data.advanceMinutes * 60_000;
    if (target < now || target - now > MAX_JUMP_MS) {
      res.status(400).json({ code: 'bad_request', message: 'the clock moves only forward, by at most a year' });
      return;
    }
    ctx.clock.set(new Date(target));
    ctx.onClockMoved();
    const body = current();
    ctx.events.publish({ type: 'clock', now: body.now });
    res.json(body);
  });
  return router;
}
