import express, { type Response, type Router } from 'express';
import { switchRow } from '../../../../db/repositories/office-state-repository.js';
import type { AppContext } from '../../../app-context.js';
import { IMMEDIATE_SWITCH, switchImmediate } from '../../../staff/office-settings.js';
import { signedIn } from '../../auth/signed-in.js';
import { changeFromConsole, consoleByLabel, consoleDone } from '../../console-change.js';
import { frameOf } from '../../views/frame.js';
import { maybeInstantJa } from '../../views/format.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { sendPage } from '../../views/render.js';
import { formText, queryText } from './form-body.js';
import { BackToSettings } from './settings-views.js';

function ImmediatePage(props: {
  frame: PageFrame;
  on: boolean;
  updatedAt: string | null;
  notice: string | null;
  error: string | undefined;
}) {
  return (
    <Page frame={props.frame} section="settings" title="今すぐ相談" notice={props.notice}>
      <BackToSettings />
      <p>
        受付中は、LINEで「今すぐ相談」を選んだ人の依頼がスタッフグループに届きます。対応できる職員がいるときだけ受付中にしてください。切り替えると、スタッフグループに切り替えた人の名前で知らせます。
      </p>
      <dl class="facts card immediate-state">
        <dt>いまの状態</dt>
        <dd>{props.on ? <span class="badge ok">受付中</span> : <span class="badge bad">停止中</span>}</dd>
        <dt>最後の切り替え</dt>
        <dd>{maybeInstantJa(props.updatedAt)}</dd>
      </dl>
      <form method="post" action="/staff/settings/immediate" class="inline">
        <CsrfField token={props.frame.csrfToken} />
        <input type="hidden" name="enabled" value={props.on ? 'off' : 'on'} />
        <button
          type="submit"
          class={props.on ? 'danger' : undefined}
          aria-describedby={props.error ? 'enabled-error' : undefined}
        >
          {props.on ? '受付を停止する' : '受付を開始する'}
        </button>
      </form>
      <FieldError id="enabled-error" message={props.error} />
    </Page>
  );
}

const NOTICES: Record<string, string> = {
  on: '「今すぐ相談」の受付を開始しました。',
  off: '「今すぐ相談」の受付を停止しました。',
};

/** 今すぐ相談: the switch the conversation reads, flipped through the same function as the API. */
export function immediatePages(ctx: AppContext): Router {
  const router = express.Router();
  const show = async (res: Response, status: number, notice: string | null, error?: string) => {
    const state = await switchRow(ctx.db, IMMEDIATE_SWITCH);
    sendPage(
      res,
      <ImmediatePage
        frame={frameOf(ctx, signedIn(res))}
        on={state.on}
        updatedAt={state.updatedAt}
        notice={notice}
        error={error}
      />,
      status,
    );
  };

  router.get('/staff/settings/immediate', async (req, res) => {
    await show(res, 200, NOTICES[queryText(req, 'done')] ?? null);
  });

  router.post('/staff/settings/immediate', async (req, res) => {
    const value = formText(req, 'enabled');
    if (value !== 'on' && value !== 'off') {
      await show(res, 400, null, '開始か停止かを選んでください。');
      return;
    }
    const enabled = value === 'on';
    const who = signedIn(res);
    await changeFromConsole(
      ctx,
      who,
      enabled ? 'immediate_on' : 'immediate_off',
      IMMEDIATE_SWITCH,
      async ({ trx, now, by }) => {
        const r = await switchImmediate(trx, enabled, by, consoleByLabel(who), ctx.staffGroupId, now);
        return consoleDone(r.dispatches);
      },
    );
    res.redirect(303, `/staff/settings/immediate?done=${value}`);
  });

  return router;
}
