import express, { type Request, type Response, type Router } from 'express';
import type { AuditAction } from '../../../../db/repositories/audit-log-repository.js';
import { listStaffAccounts, staffAccountByLogin } from '../../../../db/repositories/staff-accounts-repository.js';
import type { AppContext } from '../../../app-context.js';
import { hashPassword } from '../../auth/passwords.js';
import { signedIn, type SignedIn } from '../../auth/signed-in.js';
import {
  changeFromConsole,
  consoleDone,
  consoleRefused,
  type ConsoleChange,
  type ConsoleOutcome,
} from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { sendPage } from '../../views/render.js';
import {
  addAccount,
  resetAccountPassword,
  setAccountDisabled,
  setAccountRole,
  unlockAccount,
  type AccountChange,
} from './account-changes.js';
import { newPasswordProblem, parseNewAccount, parseRole, type FieldErrors } from './account-rules.js';
import {
  ACCOUNT_NOTICES,
  AccountPage,
  AccountsPage,
  type AccountFormError,
  type AddFormValues,
} from './accounts-page.js';
import { formBody, formText, queryText } from './form-body.js';

const asOutcome = (r: AccountChange): ConsoleOutcome =>
  r.ok ? consoleDone() : consoleRefused(r.status, r.message, r.field);

const loginParam = (req: Request): string => (typeof req.params.login === 'string' ? req.params.login : '');

/** 職員アカウント: the list, adding an account, and one account's page with its changes. */
export function accountsPages(ctx: AppContext): Router {
  const router = express.Router();
  const now = () => ctx.clock.now().toISOString();

  const showList = async (
    res: Response,
    status: number,
    form: AddFormValues,
    errors: FieldErrors,
    notice: string | null,
    problem?: string,
  ) => {
    const who = signedIn(res);
    sendPage(
      res,
      <AccountsPage
        frame={frameOf(ctx, who)}
        accounts={await listStaffAccounts(ctx.db)}
        now={now()}
        notice={notice}
        form={form}
        errors={errors}
        {...(problem ? { problem } : {})}
      />,
      status,
    );
  };

  router.get('/staff/settings/accounts', async (req, res) => {
    await showList(
      res,
      200,
      { login_id: '', name: '', role: 'staff' },
      {},
      ACCOUNT_NOTICES[queryText(req, 'done')] ?? null,
    );
  });

  router.post('/staff/settings/accounts', async (req, res) => {
    const who = signedIn(res);
    const form = { login_id: formText(req, 'login_id'), name: formText(req, 'name'), role: formText(req, 'role') };
    const parsed = parseNewAccount(formBody(req));
    if (!parsed.ok) {
      await showList(res, 400, form, parsed.errors, null);
      return;
    }
    const { loginId, name, role, password } = parsed.value;
    const passwordHash = await hashPassword(password);
    const r = await changeFromConsole(
      ctx,
      who,
      'account_add',
      loginId,
      async ({ trx, now: at }) => asOutcome(await addAccount(trx, { loginId, name, role, passwordHash }, at)),
      { name, role },
    );
    if (!r.ok) {
      await showList(res, r.status, form, { [r.field ?? 'login_id']: r.message }, null);
      return;
    }
    res.redirect(303, `/staff/settings/accounts/${encodeURIComponent(loginId)}?done=added`);
  });

  const showAccount = async (
    req: Request,
    res: Response,
    status: number,
    error: AccountFormError,
    notice: string | null,
  ): Promise<void> => {
    const who = signedIn(res);
    const account = await staffAccountByLogin(ctx.db, loginParam(req));
    if (!account) {
      await showList(
        res,
        404,
        { login_id: '', name: '', role: 'staff' },
        {},
        null,
        `ログインID「${loginParam(req)}」のアカウントはありません。`,
      );
      return;
    }
    sendPage(
      res,
      <AccountPage
        frame={frameOf(ctx, who)}
        account={account}
        isSelf={account.id === who.account.id}
        now={now()}
        notice={notice}
        error={error}
      />,
      status,
    );
  };

  router.get('/staff/settings/accounts/:login', async (req, res) => {
    await showAccount(req, res, 200, null, ACCOUNT_NOTICES[queryText(req, 'done')] ?? null);
  });

  /** Runs one change to the account in the path and answers with its page. */
  const change = async (
    req: Request,
    res: Response,
    form: NonNullable<AccountFormError>['form'],
    action: AuditAction,
    done: string,
    work: (c: ConsoleChange, loginId: string, who: SignedIn) => Promise<AccountChange>,
    detail: Record<string, unknown> | null = null,
  ): Promise<void> => {
    const who = signedIn(res);
    const loginId = loginParam(req);
    const r = await changeFromConsole(
      ctx,
      who,
      action,
      loginId,
      async (c) => asOutcome(await work(c, loginId, who)),
      detail,
    );
    if (!r.ok) {
      await showAccount(req, res, r.status, { form, message: r.message }, null);
      return;
    }
    res.redirect(303, `/staff/settings/accounts/${encodeURIComponent(loginId)}?done=${done}`);
  };

  router.post('/staff/settings/accounts/:login/disable', (req, res) =>
    change(req, res, 'disabled', 'account_disable', 'disabled', ({ trx, now: at }, loginId, who) =>
      setAccountDisabled(trx, who.account.id, loginId, true, at),
    ),
  );

  router.post('/staff/settings/accounts/:login/enable', (req, res) =>
    change(req, res, 'disabled', 'account_enable', 'enabled', ({ trx, now: at }, loginId, who) =>
      setAccountDisabled(trx, who.account.id, loginId, false, at),
    ),
  );

  router.post('/staff/settings/accounts/:login/role', async (req, res) => {
    const role = parseRole(formText(req, 'role'));
    if (!role) {
      await showAccount(req, res, 400, { form: 'role', message: '権限を選んでください。' }, null);
      return;
    }
    await change(
      req,
      res,
      'role',
      'account_role',
      'role',
      ({ trx, now: at }, loginId) => setAccountRole(trx, loginId, role, at),
      {
        role,
      },
    );
  });

  router.post('/staff/settings/accounts/:login/password', async (req, res) => {
    const password = formText(req, 'password');
    const problem = newPasswordProblem(password, formText(req, 'password_again'));
    if (problem) {
      await showAccount(req, res, 400, { form: 'password', message: problem }, null);
      return;
    }
    const passwordHash = await hashPassword(password);
    await change(req, res, 'password', 'password_reset', 'password', ({ trx, now: at }, loginId) =>
      resetAccountPassword(trx, loginId, passwordHash, at),
    );
  });

  router.post('/staff/settings/accounts/:login/unlock', (req, res) =>
    change(req, res, 'unlock', 'unlocked', 'unlocked', ({ trx, now: at }, loginId) => unlockAccount(trx, loginId, at), {
      reason: 'admin',
    }),
  );

  return router;
}
