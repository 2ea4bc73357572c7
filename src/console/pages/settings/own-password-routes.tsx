import express, { type Response, type Router } from 'express';
import { deleteOtherSessionsOf, setStaffPassword } from '../../../../db/repositories/staff-accounts-repository.js';
import type { AppContext } from '../../../app-context.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../auth/passwords.js';
import { audit } from '../../audit.js';
import { signedIn } from '../../auth/signed-in.js';
import { changeFromConsole, consoleDone } from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { CsrfField, Page, type PageFrame } from '../../views/page.js';
import { sendPage } from '../../views/render.js';
import { newPasswordProblem, type FieldErrors } from './account-rules.js';
import { formText, queryText } from './form-body.js';
import { Field, NewPasswordFields, passwordInput } from './settings-views.js';

function OwnPasswordPage(props: { frame: PageFrame; errors: FieldErrors; notice: string | null }) {
  const { errors } = props;
  return (
    <Page frame={props.frame} section={null} title="パスワードの変更" notice={props.notice}>
      <p>{`${props.frame.account.name}（${props.frame.account.loginId}）のパスワードを変更します。ほかの端末でのログインは終了します。`}</p>
      <form method="post" action="/staff/account" class="stack settings-form" novalidate>
        <CsrfField token={props.frame.csrfToken} />
        <Field name="current" label="いまのパスワード" errors={errors}>
          {passwordInput('current', 'current-password')}
        </Field>
        <NewPasswordFields label="新しいパスワード" errors={errors} hint={`${MIN_PASSWORD_LENGTH}文字以上`} />
        <div>
          <button type="submit">変更する</button>
        </div>
      </form>
    </Page>
  );
}

/**
 * Any signed-in staff member changes their own password (/staff/account): the current one first,
 * so a session left open on a counter PC cannot be taken over. The other sessions of the account
 * end; this one stays.
 */
export function ownPasswordPages(ctx: AppContext): Router {
  const router = express.Router();
  const show = (res: Response, status: number, errors: FieldErrors, notice: string | null) =>
    sendPage(res, <OwnPasswordPage frame={frameOf(ctx, signedIn(res))} errors={errors} notice={notice} />, status);

  router.get('/staff/account', (req, res) => {
    show(res, 200, {}, queryText(req, 'done') === 'password' ? 'パスワードを変更しました。' : null);
  });

  router.post('/staff/account', async (req, res) => {
    const who = signedIn(res);
    const password = formText(req, 'password');
    const problem = newPasswordProblem(password, formText(req, 'password_again'));
    if (!(await verifyPassword(formText(req, 'current'), who.account.passwordHash))) {
      // Someone at an unattended, signed-in PC guessing the password shows up in the log.
      await audit(ctx.db, who, ctx.clock.now().toISOString(), 'password_change_failed', who.account.loginId);
      show(res, 400, { current: 'いまのパスワードが違います。', ...(problem ? { password: problem } : {}) }, null);
      return;
    }
    if (problem) {
      show(res, 400, { password: problem }, null);
      return;
    }
    if (password === formText(req, 'current')) {
      show(res, 400, { password: 'いまと同じパスワードです。別のパスワードにしてください。' }, null);
      return;
    }
    const passwordHash = await hashPassword(password);
    await changeFromConsole(ctx, who, 'password_change', who.account.loginId, async ({ trx, now }) => {
      await setStaffPassword(trx, who.account.id, passwordHash, now);
      await deleteOtherSessionsOf(trx, who.account.id, who.session.idHash);
      return consoleDone();
    });
    res.redirect(303, '/staff/account?done=password');
  });

  return router;
}
