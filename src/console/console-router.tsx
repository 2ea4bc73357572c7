import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../app-context.js';
import { noStore } from '../http/no-store.js';
import { requireCsrfToken } from './auth/csrf.js';
import { loginRoutes, logoutRoute } from './auth/login-routes.js';
import { requireAdmin, requireSignIn } from './auth/sessions.js';
import type { ConsoleSettings } from './console-settings.js';
import { BAD_REQUEST_PAGE, NOT_FOUND_PAGE, TOO_LARGE_PAGE, UNAVAILABLE_PAGE } from './views/problem-pages.js';
import { calendarPages } from './pages/calendar/calendar-routes.js';
import { figuresPages } from './pages/figures/figures-routes.js';
import { peoplePages } from './pages/people/people-routes.js';
import { requestsPages } from './pages/requests/requests-routes.js';
import { settingsPages } from './pages/settings/settings-routes.js';
import { todayPages } from './pages/today/today-routes.js';

/** Largest form the console reads; its longest field is a cancellation reason. */
const FORM_BODY_LIMIT = '64kb';

const assets = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

/**
 * Waits until everything committed so far is on the disk, so a page never shows (and a staff
 * member never acts on) a request a power cut could still take back; once the disk has failed,
 * nothing more is done (the same rule as the JSON API, src/staff/durable-replies.ts).
 */
function durableFirst(ctx: AppContext): RequestHandler {
  return (_req, res, next) => {
    ctx.durable().then(
      () => next(),
      () => {
        res.status(503).set('Retry-After', '1').type('html').send(UNAVAILABLE_PAGE);
      },
    );
  };
}

/**
 * The staff console under /staff/ (docs/staff-console.md): server-rendered pages, one per section,
 * behind a per-staff sign-in. Every page is uncacheable (it may hold personal data) and carries a
 * strict Content-Security-Policy: no inline script or style, nothing from other origins. Every
 * form that changes something carries the session's token; every change goes through the same
 * booking functions as the LINE staff group and the JSON API.
 */
export function consoleRouter(ctx: AppContext, settings: ConsoleSettings): Router {
  const router = express.Router();
  router.use(
    '/staff',
    noStore(),
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'none'"],
          'style-src': ["'self'"],
          'img-src': ["'self'", 'data:'],
          'script-src': ["'self'"],
          'form-action': ["'self'"],
          'base-uri': ["'none'"],
          'frame-ancestors': ["'none'"],
        },
      },
      // Over plain HTTP (a developer's machine, the demo) HSTS would only confuse the browser.
      strictTransportSecurity: settings.secureCookie,
      referrerPolicy: { policy: 'same-origin' },
    }),
  );
  router.use('/staff/assets', express.static(assets, { index: false, fallthrough: false }));
  router.use('/staff', express.urlencoded({ extended: false, limit: FORM_BODY_LIMIT, parameterLimit: 200 }));
  router.use('/staff', durableFirst(ctx));
  router.use(loginRoutes(ctx, settings));
  router.use('/staff', requireSignIn(ctx, settings), requireCsrfToken());
  router.use(logoutRoute(ctx, settings));
  router.get(['/staff', '/staff/'], (_req, res) => res.redirect(303, '/staff/requests'));
  router.use(requestsPages(ctx));
  router.use(calendarPages(ctx));
  router.use(todayPages(ctx));
  router.use(peoplePages(ctx));
  router.use(figuresPages(ctx));
  router.use('/staff/settings', requireAdmin());
  router.use(settingsPages(ctx));
  router.use('/staff', (_req, res) => {
    res.status(404).type('html').send(NOT_FOUND_PAGE);
  });
  router.use('/staff', consoleErrors(ctx));
  return router;
}

/**
 * What went wrong below a console page, as a page: a form too large or unreadable (nothing was
 * read, so nothing changed), anything else 503 with the error logged without its details
 * (they may hold what a staff member typed).
 */
function consoleErrors(ctx: AppContext): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const status = (err as { status?: unknown }).status;
    if (status === 413) {
      res.status(413).type('html').send(TOO_LARGE_PAGE);
      return;
    }
    if (status === 404) {
      res.status(404).type('html').send(NOT_FOUND_PAGE);
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(400).type('html').send(BAD_REQUEST_PAGE);
      return;
    }
    ctx.logger.error({ err: err instanceof Error ? err.name : 'unknown' }, 'console request failed');
    res.status(503).set('Retry-After', '1').type('html').send(UNAVAILABLE_PAGE);
  };
}
