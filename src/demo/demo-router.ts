import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { clockRoutes } from './clock-routes.js';
import type { DemoContext } from './demo-context.js';
import { demoApiRoutes } from './demo-api-routes.js';
import { loopbackOnly } from './loopback-only.js';

/** The page's HTML, CSS and JavaScript, served as they are (no build step). */
export const DEMO_PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/**
 * The page renders whatever the bot sends; scripts, styles and connections are limited to this
 * origin so a message can never load or run anything from elsewhere. Images may come from https
 * (LINE image messages carry https URLs).
 */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; img-src 'self' data: https:; script-src 'self'; style-src 'self'; connect-src 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

/** Everything under /demo: the simulator page and its API, for this machine only. */
export function demoRouter(ctx: DemoContext): Router {
  const router = express.Router();
  router.use('/demo', loopbackOnly());
  router.use('/demo/api', express.json({ limit: '64kb' }));
  router.use(demoApiRoutes(ctx));
  router.use(clockRoutes(ctx));
  router.use('/demo/api', (_req, res) => {
    res.status(404).json({ code: 'not_found', message: 'no such demo endpoint' });
  });
  router.use(
    '/demo',
    express.static(DEMO_PUBLIC_DIR, {
      index: 'index.html',
      fallthrough: true,
      setHeaders: (res) => res.set(PAGE_HEADERS),
    }),
  );
  return router;
}
