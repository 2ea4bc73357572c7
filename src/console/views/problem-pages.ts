/**
 * The console's plain pages for requests that went wrong before any page could be drawn. Static
 * markup with no user input in it, so they need no escaping and no template.
 */
function plain(title: string, body: string): string {
  return `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"><link rel="stylesheet" href="/staff/assets/console.css"></head><body><main id="main" class="narrow"><h1>${title}</h1>${body}<p><a href="/staff/">管理画面のトップへ</a></p></main></body></html>`;
}

export const NOT_FOUND_PAGE = plain('ページが見つかりません', '<p>アドレスが違うか、このページはもうありません。</p>');
export const FORBIDDEN_PAGE = plain('権限がありません', '<p>この画面は管理者だけが使えます。</p>');
export const STALE_FORM_PAGE = plain(
  '送信できませんでした',
  '<p>画面が古くなっているか、別の画面から送信されました。何も変更していません。画面を開き直して、もう一度操作してください。</p>',
);
export const TOO_LARGE_PAGE = plain('送信できませんでした', '<p>入力が長すぎます。何も変更していません。</p>');
export const BAD_REQUEST_PAGE = plain(
  '送信できませんでした',
  '<p>送信内容を読み取れませんでした。何も変更していません。</p>',
);
export const UNAVAILABLE_PAGE = plain(
  '一時的に使えません',
  '<p>しばらくしてから、もう一度お試しください。何も変更していません。</p>',
);
