import express, { type Router } from 'express';
import {
  clearLoginFailures,
  countLoginAttempt,
  lockLogin,
  staffAccountByLogin,
} from '../../../db/repositories/staff-accounts-repository.js';
import { createStaffSession, deleteStaffSession } from '../../../db/repositories/staff-sessions-repository.js';
import { recordAudit, type AuditAction } from '../../../db/repositories/audit-log-repository.js';
import { sleep } from '../../infra/sleep.js';
import type { AppContext } from '../../app-context.js';
import type { ConsoleSettings } from '../console-settings.js';
import { sendPage } from '../views/render.js';
import { LoginPage } from './login-page.js';
import { attemptAllowed, lockAfterFailure, loginBlock, safeNext } from './login-rules.js';
import { decoyHash, verifyPassword } from './passwords.js';
import {
  clearedSessionCookie,
  hashSessionId,
  newCsrfToken,
  newSessionId,
  sessionCookie,
  sessionCookieOf,
} from './session-cookie.js';

/** The same answer for an unknown id, a disabled account and a wrong password: nothing to probe. */
const WRONG = 'ログインIDまたはパスワードが違います。';

/**
 * Sign-in and sign-out. A failed sign-in is answered only after a pause, and a login id is locked
 * for a while after repeated failures (console-settings.ts); the failures, the lock and its end are
 * all in the audit log, with the login id typed but never the password.
 */
export function loginRoutes(ctx: AppContext, settings: ConsoleSettings): Router {
  const router = express.Router();
  // Checked against when the login id is unknown, so that case takes as long as a wrong password.
  const decoy = decoyHash();
  const officeName = ctx.settings.officeName;

  router.get('/staff/login', (req, res) => {
    const next = safeNext(req.query.next);
    const info =
      req.query.expired === '1'
        ? 'しばらく操作がなかったため、ログアウトしました。もう一度ログインしてください。'
        : req.query.out === '1'
          ? 'ログアウトしました。'
          : null;
    sendPage(res, <LoginPage officeName={officeName} next={next} info={info} />);
  });

  router.post('/staff/login', async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const loginId = typeof body.login_id === 'string' ? body.login_id.trim().slice(0, 100) : '';
    const password = typeof body.password === 'string' ? body.password : '';
    const next = safeNext(body.next);
    const now = ctx.clock.now().toISOString();
    const account = loginId === '' ? undefined : await staffAccountByLogin(ctx.db, loginId);
    const refuse = async (problem: string, status: number) => {
      await sleep(settings.failedLoginDelayMs);
      sendPage(res, <LoginPage officeName={officeName} next={next} loginId={loginId} problem={problem} />, status);
    };
    const log = (action: AuditAction, detail: Record<string, unknown> | null = null) =>
      recordAudit(ctx.db, { at: now, accountId: account?.id ?? null, loginId, action, subject: loginId, detail });

    if (!account) {
      await verifyPassword(password, decoy);
      await log('login_failed', { reason: 'unknown_login' });
      await refuse(WRONG, 401);
      return;
    }
    const block = loginBlock(account, now);
    const lockedProblem = `ログインに続けて失敗したため、このログインIDは一時的にロックされています。${settings.lockMinutes}分ほどたってから、もう一度お試しください。お急ぎの場合は管理者に解除を依頼してください。`;
    if (block === 'locked') {
      await log('login_refused_locked');
      await refuse(lockedProblem, 423);
      return;
    }
    if (block === 'disabled') {
      // Checked all the same, so a disabled account answers as slowly as any wrong password.
      await verifyPassword(password, account.passwordHash);
      await log('login_failed', { reason: 'disabled' });
      await refuse(WRONG, 401);
      return;
    }
    const attempt = await countLoginAttempt(ctx.db, account.id, now);
    if (attempt === undefined || !attemptAllowed(attempt, settings)) {
      await log('login_refused_locked');
      await refuse(lockedProblem, 423);
      return;
    }
    if (!(await verifyPassword(password, account.passwordHash))) {
      const until = lockAfterFailure(attempt, now, settings);
      if (until) await lockLogin(ctx.db, account.id, until, now);
      await log('login_failed', { reason: 'wrong_password', failures: attempt });
      if (until) await log('locked', { until });
      await refuse(WRONG, 401);
      return;
    }
    if (account.lockedUntil !== null) await log('unlocked', { reason: 'lock_expired' });
    await clearLoginFailures(ctx.db, account.id, now);
    const id = newSessionId();
    await createStaffSession(ctx.db, {
      idHash: id.hash,
      accountId: account.id,
      csrfToken: newCsrfToken(),
      createdAt: now,
      lastSeenAt: now,
    });
    await log('login');
    res.set('Set-Cookie', sessionCookie(id.value, settings.secureCookie));
    res.redirect(303, next);
  });

  return router;
}

/** Signing out, behind the session and form-token checks like every other change. */
export function logoutRoute(ctx: AppContext, settings: ConsoleSettings): Router {
  const router = express.Router();
  router.post('/staff/logout', async (req, res) => {
    const value = sessionCookieOf(req.get('cookie'));
    if (value) await deleteStaffSession(ctx.db, hashSessionId(value));
    res.set('Set-Cookie', clearedSessionCookie(settings.secureCookie));
    res.redirect(303, '/staff/login?out=1');
  });
  return router;
}
