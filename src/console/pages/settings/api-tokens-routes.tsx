import { randomUUID } from 'node:crypto';
import express, { type Response, type Router } from 'express';
import {
  activeTokenNamed,
  insertApiToken,
  listApiTokens,
  revokeApiToken,
  type ApiToken,
} from '../../../../db/repositories/api-tokens-repository.js';
import type { AppContext } from '../../../app-context.js';
import { newApiToken, tokenHash } from '../../../infra/token-strength.js';
import { by as tokenName } from '../../../staff/api-schemas.js';
import { audit } from '../../audit.js';
import { consoleActorId, signedIn } from '../../auth/signed-in.js';
import { frameOf } from '../../views/frame.js';
import { instantJa, maybeInstantJa } from '../../views/format.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { RecordTable } from '../../views/record-table.js';
import { sendPage } from '../../views/render.js';
import { formText, queryText } from './form-body.js';
import { BackToSettings } from './settings-views.js';
import { ConfirmAction } from '../../views/confirm-action.js';

/** The deprecated STAFF_API_TOKEN goes by this name; no console token may take it. */
const ENV_NAME = 'env';

function ApiTokensPage(props: {
  frame: PageFrame;
  tokens: readonly ApiToken[];
  /** The token just created: shown this once, never stored. */
  created: { name: string; token: string } | null;
  notice: string | null;
  error: string | undefined;
  name: string;
}) {
  const { frame } = props;
  return (
    <Page frame={frame} section="settings" title="APIトークン" notice={props.notice}>
      <BackToSettings />
      <p>
        事務所のツール（スクリプト、表計算のマクロなど）がスタッフ用APIを使うための鍵です。ツールごとに名前を付けて発行します。APIでの変更や閲覧は、この名前で記録されます。
      </p>
      {props.created ? (
        <section class="card" aria-labelledby="created-h">
          <h2 id="created-h">{`「${props.created.name}」のトークン`}</h2>
          <p>この画面を離れると二度と表示できません。いまコピーして、ツールの設定に保存してください。</p>
          <p>
            <code class="api-token">{props.created.token}</code>
          </p>
        </section>
      ) : null}
      <h2>発行する</h2>
      <form method="post" action="/staff/settings/api-tokens" class="stack">
        <CsrfField token={frame.csrfToken} />
        <label for="name">名前（ツールや担当者がわかるもの、40文字まで）</label>
        <input
          id="name"
          name="name"
          maxLength={40}
          required
          value={props.name}
          aria-invalid={props.error ? 'true' : undefined}
          aria-describedby={props.error ? 'name-error' : undefined}
        />
        <FieldError id="name-error" message={props.error} />
        <p>
          <button type="submit">発行する</button>
        </p>
      </form>
      <h2>発行済みのトークン</h2>
      {props.tokens.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          label="発行済みのトークン"
          columns={['名前', '発行', '最後の利用', '状態']}
          rows={props.tokens}
          rowKey={(t) => t.id}
          cells={(t) => [
            t.name,
            `${instantJa(t.createdAt)}（${t.createdBy.replace(/^console:/, '')}）`,
            maybeInstantJa(t.lastUsedAt),
            t.revokedAt ? (
              `無効化済み（${instantJa(t.revokedAt)}）`
            ) : (
              <ConfirmAction
                label="無効にする"
                ariaLabel={`「${t.name}」を無効にする`}
                consequence={`「${t.name}」はすぐに使えなくなり、元に戻せません。使っている道具には新しいトークンが必要です。`}
                confirmLabel={`「${t.name}」を無効にする`}
                action={`/staff/settings/api-tokens/${t.id}/revoke`}
                csrfToken={frame.csrfToken}
              />
            ),
          ]}
        />
      )}
    </Page>
  );
}

/**
 * APIトークン (docs/staff-console.md): named staff API tokens, created (shown once) and revoked
 * by an admin; only their SHA-256 is stored. Each creation and revocation is an audit line.
 */
export function apiTokensPages(ctx: AppContext): Router {
  const router = express.Router();
  const show = async (
    res: Response,
    status: number,
    parts: { created?: { name: string; token: string }; notice?: string; error?: string; name?: string } = {},
  ) => {
    sendPage(
      res,
      <ApiTokensPage
        frame={frameOf(ctx, signedIn(res))}
        tokens={await listApiTokens(ctx.db)}
        created={parts.created ?? null}
        notice={parts.notice ?? null}
        error={parts.error}
        name={parts.name ?? ''}
      />,
      status,
    );
  };

  router.get('/staff/settings/api-tokens', async (req, res) => {
    await show(res, 200, queryText(req, 'done') === 'revoked' ? { notice: 'トークンを無効にしました。' } : {});
  });

  router.post('/staff/settings/api-tokens', async (req, res) => {
    const who = signedIn(res);
    const typed = formText(req, 'name');
    const parsed = tokenName.safeParse(typed);
    if (!parsed.success) return show(res, 400, { error: '名前を40文字以内で入力してください。', name: typed });
    const name = parsed.data;
    if (name === ENV_NAME) return show(res, 400, { error: `「${ENV_NAME}」は使えません。`, name: typed });
    const token = newApiToken();
    const now = ctx.clock.now().toISOString();
    const added = await ctx.committer.run(async (trx) => {
      if (await activeTokenNamed(trx, name)) return false;
      await insertApiToken(trx, {
        id: randomUUID(),
        name,
        tokenHash: tokenHash(token),
        createdBy: consoleActorId(who.account),
        createdAt: now,
      });
      await audit(trx, who, now, 'api_token_add', name);
      return true;
    });
    if (!added) return show(res, 409, { error: 'この名前のトークンはすでにあります。', name: typed });
    await show(res, 201, { created: { name, token }, notice: 'トークンを発行しました。' });
  });

  router.post('/staff/settings/api-tokens/:id/revoke', async (req, res) => {
    const who = signedIn(res);
    const now = ctx.clock.now().toISOString();
    const revoked = await ctx.committer.run(async (trx) => {
      const name = await revokeApiToken(trx, String(req.params.id), consoleActorId(who.account), now);
      if (name !== undefined) await audit(trx, who, now, 'api_token_revoke', name);
      return name !== undefined;
    });
    if (!revoked) return show(res, 404, { error: 'このトークンは見つからないか、すでに無効です。' });
    res.redirect(303, '/staff/settings/api-tokens?done=revoked');
  });

  return router;
}
