import express, { type Router } from 'express';
import type { AppContext } from '../../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { Page } from '../../views/page.js';
import { sendPage } from '../../views/render.js';
import { frameOf } from '../../views/frame.js';

/** The 実績 section (docs/staff-console.md). Under construction: only the empty page exists yet. */
export function figuresPages(ctx: AppContext): Router {
  const router = express.Router();
  router.get('/staff/figures', (_req, res) => {
    sendPage(
      res,
      <Page frame={frameOf(ctx, signedIn(res))} section="figures" title="実績">
        <p>準備中です。</p>
      </Page>,
    );
  });
  return router;
}
