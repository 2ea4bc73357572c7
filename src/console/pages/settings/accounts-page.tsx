import type { StaffAccount } from '../../../../db/repositories/staff-accounts-repository.js';
import { MIN_PASSWORD_LENGTH } from '../../auth/passwords.js';
import { instantJa } from '../../views/format.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { accountState, ROLE_LABEL, type AccountState, type FieldErrors } from './account-rules.js';
import { BackToSettings, Field, NewPasswordFields } from './settings-views.js';
import { ConfirmAction } from '../../views/confirm-action.js';
import { TableScroll } from '../../views/table-scroll.js';

/** What a redirect after a change asks the page to say (?done=...). */
export const ACCOUNT_NOTICES: Record<string, string> = {
  added: 'アカウントを追加しました。',
  disabled: 'アカウントを無効にしました。このアカウントのログインはすべて終了しました。',
  enabled: 'アカウントを有効に戻しました。',
  role: '権限を変更しました。',
  password: 'パスワードを再設定しました。このアカウントのログインはすべて終了しました。',
  unlocked: 'ロックを解除しました。',
};

export function StateBadge({ state }: { state: AccountState }) {
  switch (state.kind) {
    case 'active':
      return <span class="badge ok">有効</span>;
    case 'disabled':
      return <span class="badge bad">無効</span>;
    case 'locked':
      return <span class="badge warn">{`ロック中（${instantJa(state.until)}まで）`}</span>;
  }
}

const PASSWORD_HINT = `${MIN_PASSWORD_LENGTH}文字以上。本人に安全な方法で伝え、最初のログイン後に「パスワードの変更」で変えてもらってください。`;

/** The typed values kept when the add form comes back with errors (never the passwords). */
export interface AddFormValues {
  login_id: string;
  name: string;
  role: string;
}

export function AccountsPage(props: {
  frame: PageFrame;
  accounts: readonly StaffAccount[];
  now: string;
  notice: string | null;
  form: AddFormValues;
  errors: FieldErrors;
  /** Why the page was shown instead of the one asked for (an account that does not exist). */
  problem?: string;
}) {
  const { form, errors } = props;
  return (
    <Page frame={props.frame} section="settings" title="職員アカウント" notice={props.notice}>
      {props.problem ? (
        <p class="warning" role="alert">
          {props.problem}
        </p>
      ) : null}
      <BackToSettings />
      <h2 id="list-heading">アカウント一覧</h2>
      <TableScroll label="アカウント一覧">
        <table aria-labelledby="list-heading">
          <thead>
            <tr>
              <th scope="col">ログインID</th>
              <th scope="col">氏名</th>
              <th scope="col">権限</th>
              <th scope="col">状態</th>
              <th scope="col">
                <span class="visually-hidden">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {props.accounts.map((a) => (
              <tr key={a.id}>
                <th scope="row" class="wrap-anywhere">
                  <code>{a.loginId}</code>
                </th>
                <td class="wrap-anywhere">{a.name}</td>
                <td>{ROLE_LABEL[a.role]}</td>
                <td>
                  <StateBadge state={accountState(a, props.now)} />
                </td>
                <td>
                  <a href={`/staff/settings/accounts/${encodeURIComponent(a.loginId)}`}>
                    変更<span class="visually-hidden">（{a.name}）</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>

      <h2>アカウントを追加</h2>
      <form method="post" action="/staff/settings/accounts" class="stack settings-form" novalidate>
        <CsrfField token={props.frame.csrfToken} />
        <Field
          name="login_id"
          label="ログインID"
          errors={errors}
          hint="半角の英小文字・数字・「.」「_」「-」で3〜32文字"
        >
          {(d, invalid) => (
            <input
              id="login_id"
              name="login_id"
              value={form.login_id}
              autocomplete="off"
              required
              maxLength={32}
              aria-describedby={d}
              aria-invalid={invalid ? 'true' : undefined}
            />
          )}
        </Field>
        <Field name="name" label="氏名" errors={errors}>
          {(d, invalid) => (
            <input
              id="name"
              name="name"
              value={form.name}
              autocomplete="off"
              required
              maxLength={40}
              aria-describedby={d}
              aria-invalid={invalid ? 'true' : undefined}
            />
          )}
        </Field>
        <Field name="role" label="権限" errors={errors}>
          {(d, invalid) => (
            <select id="role" name="role" aria-describedby={d} aria-invalid={invalid ? 'true' : undefined}>
              <option value="staff" selected={form.role !== 'admin'}>
                職員
              </option>
              <option value="admin" selected={form.role === 'admin'}>
                管理者（設定も使える）
              </option>
            </select>
          )}
        </Field>
        <NewPasswordFields label="最初のパスワード" errors={errors} hint={PASSWORD_HINT} />
        <div>
          <button type="submit">追加する</button>
        </div>
      </form>
    </Page>
  );
}

/** Which form on the account page an error belongs to. */
export type AccountFormError = { form: 'unlock' | 'disabled' | 'role' | 'password'; message: string } | null;

export function AccountPage(props: {
  frame: PageFrame;
  account: StaffAccount;
  isSelf: boolean;
  now: string;
  notice: string | null;
  error: AccountFormError;
}) {
  const { account: a, error } = props;
  const state = accountState(a, props.now);
  const base = `/staff/settings/accounts/${encodeURIComponent(a.loginId)}`;
  const errorOf = (form: NonNullable<AccountFormError>['form']) => (error?.form === form ? error.message : undefined);
  return (
    <Page frame={props.frame} section="settings" title={`アカウント: ${a.name}`} notice={props.notice}>
      <p class="settings-back">
        <a href="/staff/settings/accounts">アカウント一覧へ戻る</a>
      </p>
      <dl class="facts card">
        <dt>ログインID</dt>
        <dd>
          <code>{a.loginId}</code>
        </dd>
        <dt>氏名</dt>
        <dd>{a.name}</dd>
        <dt>権限</dt>
        <dd>{ROLE_LABEL[a.role]}</dd>
        <dt>状態</dt>
        <dd>
          <StateBadge state={state} />
          {a.failedLogins > 0 && state.kind !== 'disabled' ? (
            <span class="muted">{` 続けて${a.failedLogins}回ログインに失敗`}</span>
          ) : null}
        </dd>
        <dt>作成</dt>
        <dd>{instantJa(a.createdAt)}</dd>
      </dl>

      {state.kind === 'locked' || errorOf('unlock') ? (
        <section aria-labelledby="unlock-heading">
          <h2 id="unlock-heading">ロックの解除</h2>
          <p>
            ログインに続けて失敗したため、ロックされています。本人からの依頼であることを確かめてから解除してください。
          </p>
          <form method="post" action={`${base}/unlock`} class="inline">
            <CsrfField token={props.frame.csrfToken} />
            <button type="submit">ロックを解除する</button>
          </form>
          <FieldError id="unlock-error" message={errorOf('unlock')} />
        </section>
      ) : null}

      <section aria-labelledby="disabled-heading">
        <h2 id="disabled-heading">有効・無効</h2>
        {a.disabledAt === null ? (
          <>
            <p>無効にすると、このアカウントは直ちにログアウトされ、ログインできなくなります。記録は残ります。</p>
            {props.isSelf ? (
              <p class="muted">自分のアカウントは無効にできません。</p>
            ) : (
              <ConfirmAction
                label="無効にする"
                consequence={`${a.name}さんのアカウントを無効にします。直ちにログアウトされます。`}
                confirmLabel="アカウントを無効にする"
                action={`${base}/disable`}
                csrfToken={props.frame.csrfToken}
                describedBy={errorOf('disabled') ? 'disabled-error' : undefined}
              />
            )}
          </>
        ) : (
          <>
            <p>{`${instantJa(a.disabledAt)}から無効です。`}</p>
            <form method="post" action={`${base}/enable`} class="inline">
              <CsrfField token={props.frame.csrfToken} />
              <button type="submit">有効に戻す</button>
            </form>
          </>
        )}
        <FieldError id="disabled-error" message={errorOf('disabled')} />
      </section>

      <section aria-labelledby="role-heading">
        <h2 id="role-heading">権限</h2>
        <form method="post" action={`${base}/role`} class="inline">
          <CsrfField token={props.frame.csrfToken} />
          <div class="field">
            <label for="role">権限</label>
            <select id="role" name="role" aria-describedby={errorOf('role') ? 'role-error' : undefined}>
              <option value="staff" selected={a.role === 'staff'}>
                職員
              </option>
              <option value="admin" selected={a.role === 'admin'}>
                管理者（設定も使える）
              </option>
            </select>
          </div>
          <button type="submit" class="secondary">
            権限を変更する
          </button>
        </form>
        <FieldError id="role-error" message={errorOf('role')} />
      </section>

      <section aria-labelledby="password-heading">
        <h2 id="password-heading">パスワードの再設定</h2>
        <p>本人がパスワードを忘れたときに使います。再設定すると、このアカウントのログインはすべて終了します。</p>
        <form method="post" action={`${base}/password`} class="stack settings-form" novalidate>
          <CsrfField token={props.frame.csrfToken} />
          <NewPasswordFields label="新しいパスワード" errors={{ password: errorOf('password') }} hint={PASSWORD_HINT} />
          <div>
            <button type="submit">パスワードを再設定する</button>
          </div>
        </form>
      </section>
    </Page>
  );
}
