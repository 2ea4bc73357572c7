import { BarePage } from '../views/page.js';

/** The sign-in form. `problem` is shown above it; the login id typed is kept, the password never. */
export function LoginPage(props: {
  officeName: string;
  next: string;
  loginId?: string;
  problem?: string | null;
  info?: string | null;
}) {
  return (
    <BarePage title="ログイン" officeName={props.officeName}>
      {props.info ? (
        <p class="notice" role="status">
          {props.info}
        </p>
      ) : null}
      {props.problem ? (
        <p class="field-error" role="alert" id="login-problem">
          {props.problem}
        </p>
      ) : null}
      <form method="post" action="/staff/login" class="stack">
        <input type="hidden" name="next" value={props.next} />
        <label for="login_id">ログインID</label>
        <input
          id="login_id"
          name="login_id"
          autocomplete="username"
          required
          value={props.loginId ?? ''}
          aria-describedby={props.problem ? 'login-problem' : undefined}
        />
        <label for="password">パスワード</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">ログイン</button>
      </form>
    </BarePage>
  );
}
