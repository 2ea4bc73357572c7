import express, { type Router } from 'express';
import { z } from 'zod';
import { RICH_MENU_ITEMS } from '../line/rich-menu/rich-menu-definition.js';
import type { DemoContext } from './demo-context.js';
import { serveEventStream } from './demo-events.js';
import { sendRoute } from './send-route.js';

export const BOT_DISPLAY_NAME = 'ハローワーク青森';
export const STAFF_GROUP_NAME = '職員グループ';

const newUserBody = z.object({ name: z.string().trim().max(20).optional() });

/** The simulator's JSON API under /demo/api. */
export function demoApiRoutes(ctx: DemoContext): Router {
  const router = express.Router();

  router.get('/demo/api/state', (_req, res) => {
    res.json({
      bot: { name: BOT_DISPLAY_NAME },
      users: ctx.people.users(),
      staffGroup: { id: ctx.config.staffGroupId, name: STAFF_GROUP_NAME },
      staff: ctx.people.staff(),
      clock: { now: ctx.clock.now().toISOString(), timeZone: 'Asia/Tokyo' },
      // The page says so when the terms link is only the default address (TERMS_URL not set).
      terms: { url: ctx.config.terms.url, placeholder: ctx.config.terms.placeholder },
      richMenu: {
        definition: ctx.richMenu.definition,
        // The tiles' captions let the page draw a readable menu even without the image.
        captions: RICH_MENU_ITEMS.map((i) => i.caption),
        imageUrl: ctx.richMenu.image ? '/demo/api/rich-menu/image.png' : null,
      },
    });
  });

  router.get('/demo/api/history', (req, res) => {
    const chat = typeof req.query.chat === 'string' ? req.query.chat : '';
    res.json({ items: ctx.transcript.history(chat, ctx.platform.delivered()) });
  });

  router.get('/demo/api/events', (req, res) => serveEventStream(ctx.events, req, res));

  router.post('/demo/api/send', sendRoute(ctx));

  router.post('/demo/api/users', (req, res) => {
    const parsed = newUserBody.safeParse(req.body ?? {});
    if (!parsed.success) {
      res.status(400).json({ code: 'bad_request', message: 'name: at most 20 characters' });
      return;
    }
    try {
      const user = ctx.people.addUser(parsed.data.name);
      ctx.events.publish({ type: 'people' });
      res.status(201).json({ user });
    } catch (e: unknown) {
      res.status(409).json({ code: 'too_many_users', message: e instanceof Error ? e.message : String(e) });
    }
  });

  router.get('/demo/api/rich-menu/image.png', (_req, res) => {
    if (!ctx.richMenu.image) {
      res.status(404).json({ code: 'not_found', message: 'no rich menu image (no Japanese font was found)' });
      return;
    }
    res.type('png').set('cache-control', 'no-cache').send(ctx.richMenu.image);
  });

  return router;
}
