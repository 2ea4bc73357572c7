import type { ComponentChildren } from 'preact';
import type { StaffAccount } from '../../../db/repositories/staff-accounts-repository.js';
import { CSRF_FIELD } from '../auth/csrf.js';

/** The console's sections, in the order of the navigation bar. `admin`: shown to admins only. */
export const SECTIONS = [
  { id: 'requests', href: '/staff/requests', label: '受付' },
  { id: 'calendar', href: '/staff/calendar', label: '予約カレンダー' },
  { id: 'today', href: '/staff/today', label: '本日の相談' },
  { id: 'people', href: '/staff/people', label: '利用者' },
  { id: 'figures', href: '/staff/figures', label: '実績' },
  { id: 'settings', href: '/staff/settings', label: '設定', admin: true },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

/** What every signed-in page knows: who is looking, their form token, the office's name. */
export interface PageFrame {
  account: Pick<StaffAccount, 'name' | 'loginId' | 'role'>;
  csrfToken: string;
  officeName: string;
}

/** The hidden field that lets a form change something (see auth/csrf.ts). */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

/**
 * One console page: a skip link, the office's name, the sections (the current one marked for
 * screen readers), who is signed in with the sign-out button, then the page's own heading and content.
 */
export function Page(props: {
  frame: PageFrame;
  section: SectionId | null;
  title: string;
  /** A short line under the heading (e.g. "変更しました"), announced to screen readers. */
  notice?: string | null;
  children: ComponentChildren;
}) {
  const { frame, section, title } = props;
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} | ${frame.officeName} オンライン相談`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/staff/assets/console.css" />
      </head>
      <body>
        <a class="skip" href="#main">
          本文へ移動
        </a>
        <header class="top">
          <span class="brand">{frame.officeName} オンライン相談</span>
          <nav aria-label="メニュー">
            <ul>
              {SECTIONS.filter((s) => !('admin' in s) || frame.account.role === 'admin').map((s) => (
                <li key={s.id}>
                  <a href={s.href} aria-current={s.id === section ? 'page' : undefined}>
                    {s.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <form method="post" action="/staff/logout" class="signout">
            <CsrfField token={frame.csrfToken} />
            <a href="/staff/account">{frame.account.name}</a>
            <button type="submit">ログアウト</button>
          </form>
        </header>
        <main id="main">
          <h1>{title}</h1>
          {props.notice ? (
            <p class="notice" role="status">
              {props.notice}
            </p>
          ) : null}
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page without the navigation: sign-in, and pages shown before one is signed in. */
export function BarePage(props: { title: string; officeName: string; children: ComponentChildren }) {
  return (
    <html lang="ja">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} | ${props.officeName} オンライン相談`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/staff/assets/console.css" />
      </head>
      <body>
        <main id="main" class="narrow">
          <p class="brand">{props.officeName} オンライン相談</p>
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A form error shown next to its field, tied to it for screen readers by id. */
export function FieldError({ id, message }: { id: string; message: string | undefined }) {
  return message ? (
    <p class="field-error" id={id} role="alert">
      {message}
    </p>
  ) : null;
}
