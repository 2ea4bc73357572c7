import type { ComponentChildren } from 'preact';
import { FieldError } from '../../views/page.js';

/** The settings' own sub-pages, in the order the overview lists them. */
export const SETTINGS_PARTS = [
  {
    href: '/staff/settings/accounts',
    label: '職員アカウント',
    about: 'アカウントの追加、無効化、パスワードの再設定、ロックの解除',
  },
  { href: '/staff/settings/terms', label: '利用規約の版', about: '版の一覧と同意した人の数、新しい版の登録' },
  { href: '/staff/settings/immediate', label: '今すぐ相談', about: '「今すぐ相談」の受付の開始・停止' },
  {
    href: '/staff/settings/api-tokens',
    label: 'APIトークン',
    about: '事務所のツールがAPIを使うための鍵の発行・無効化',
  },
  { href: '/staff/settings/audit', label: '操作記録', about: 'ログイン、変更、個人情報の閲覧の記録' },
] as const;

/** The link back to the settings overview at the top of each sub-page. */
export function BackToSettings() {
  return (
    <p class="settings-back">
      <a href="/staff/settings">設定の一覧へ戻る</a>
    </p>
  );
}

/**
 * A labelled input with its error below it, tied to it for screen readers. `errors` holds the
 * problems of the form just sent, keyed by field name.
 */
export function Field(props: {
  name: string;
  label: string;
  errors: Partial<Record<string, string>>;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}) {
  const error = props.errors[props.name];
  const ids = [props.hint ? `${props.name}-hint` : null, error ? `${props.name}-error` : null].filter(Boolean);
  return (
    <div class="field">
      <label for={props.name}>{props.label}</label>
      {props.hint ? (
        <p class="muted hint" id={`${props.name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {props.children(ids.length > 0 ? ids.join(' ') : undefined, error !== undefined)}
      <FieldError id={`${props.name}-error`} message={error} />
    </div>
  );
}

/** A password input for a Field (never refilled: a password is not sent back in a page). */
export function passwordInput(id: string, autocomplete: 'current-password' | 'new-password') {
  return (describedBy: string | undefined, invalid: boolean) => (
    <input
      id={id}
      name={id}
      type="password"
      autocomplete={autocomplete}
      required
      aria-describedby={describedBy}
      aria-invalid={invalid ? 'true' : undefined}
    />
  );
}

/**
 * A new password and the same typed again, as every form that sets one asks for it (adding an
 * account, an admin's reset, one's own change); the fields are `password` and `password_again`.
 */
export function NewPasswordFields(props: { label: string; errors: Partial<Record<string, string>>; hint: string }) {
  return (
    <>
      <Field name="password" label={props.label} errors={props.errors} hint={props.hint}>
        {passwordInput('password', 'new-password')}
      </Field>
      <Field name="password_again" label={`${props.label}（確認のためもう一度）`} errors={props.errors}>
        {passwordInput('password_again', 'new-password')}
      </Field>
    </>
  );
}
