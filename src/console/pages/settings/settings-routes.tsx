import express, { type Router } from 'express';
import type { AppContext } from '../../../app-context.js';
import { signedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { Page } from '../../views/page.js';
import { sendPage } from '../../views/render.js';
import { accountsPages } from './accounts-routes.js';
import { apiTokensPages } from './api-tokens-routes.js';
import { auditPages } from './audit-routes.js';
import { immediatePages } from './immediate-routes.js';
import { ownPasswordPages } from './own-password-routes.js';
import { SETTINGS_PARTS } from './settings-views.js';
import { termsPages } from './terms-routes.js';

/**
 * The 設定 section (docs/staff-console.md): staff accounts, terms versions, the immediate-session
 * switch and the audit log, for admins only (console-router.tsx refuses others under
 * /staff/settings). /staff/account, where anyone changes their own password, lives here too.
 */
export function settingsPages(ctx: AppContext): Router {
  const router = express.Router();
  router.get('/staff/settings', (_req, res) => {
    sendPage(
      res,
      <Page frame={frameOf(ctx, signedIn(res))} section="settings" title="設定">
        <p>管理者だけが使える画面です。変更はすべて操作記録に残ります。</p>
        <ul class="cards settings-parts">
          {SETTINGS_PARTS.map((p) => (
            <li class="card" key={p.href}>
              <h2>
                <a href={p.href}>{p.label}</a>
              </h2>
              <p class="muted">{p.about}</p>
            </li>
          ))}
        </ul>
      </Page>,
    );
  });
  router.use(accountsPages(ctx));
  router.use(termsPages(ctx));
  router.use(immediatePages(ctx));
  router.use(apiTokensPages(ctx));
  router.use(auditPages(ctx));
  router.use(ownPasswordPages(ctx));
  return router;
}
