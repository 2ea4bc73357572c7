import express, { type Router } from 'express';
import type { AppContext } from '../../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { Page } from '../../views/page.js';
import { sendPage } from '../../views/render.js';
import { frameOf } from '../../views/frame.js';

/** The 受付 section (docs/staff-console.md). Under construction: only the empty page exists yet. */
export function requestsPages(ctx: AppContext): Router {
  const router = express.Router();
  router.get('/staff/requests', (_req, res) => {
    sendPage(
      res,
      <Page frame={frameOf(ctx, signedIn(res))} section="requests" title="受付">
        <p>準備中です。</p>
      </Page>,
    );
  });
  return router;
}
