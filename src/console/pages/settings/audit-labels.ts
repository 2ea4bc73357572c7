/**
 * The audit log's actions as the log page names them. Sections record their own actions; one not
 * listed here is shown as it is stored, so a new action is never hidden.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  login: 'ログイン',
  login_failed: 'ログイン失敗',
  login_refused_locked: 'ロック中のログイン',
  locked: 'ロック',
  unlocked: 'ロック解除',
  view_person: '個人情報の閲覧',
  account_add: 'アカウント追加',
  account_disable: 'アカウント無効化',
  account_enable: 'アカウント再有効化',
  account_role: '権限の変更',
  password_reset: 'パスワード再設定',
  password_change: 'パスワード変更（本人）',
  password_change_failed: 'パスワード変更の失敗（本人）',
  terms_add: '利用規約の版の登録',
  immediate_on: '今すぐ相談の受付開始',
  immediate_off: '今すぐ相談の受付停止',
  confirm: '予約の確定',
  propose: '別の時間の提案',
  cancel: '予約の取り消し',
  attendance: '出席・欠席の記録',
  closure_set: '閉庁日の追加',
  closure_removed: '閉庁日の解除',
  capacity_set: '枠の定員の変更',
  block: '利用者のブロック',
  unblock: 'ブロックの解除',
  handback: '自動応答に戻す',
  book_for_person: '次回の相談の代理予約',
  disclose_person: '保有個人データの開示',
  api_token_add: 'APIトークンの発行',
  api_token_revoke: 'APIトークンの無効化',
  erase_person: '個人情報の消去（本人の申出）',
};

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action;

/** Why a sign-in failed or a lock ended, as stored in the detail. */
const REASONS: Readonly<Record<string, string>> = {
  unknown_login: '存在しないログインID',
  wrong_password: 'パスワード違い',
  disabled: '無効なアカウント',
  lock_expired: '時間切れ',
  admin: '管理者による',
};

const DETAIL_KEYS: Readonly<Record<string, string>> = {
  reason: '理由',
  failures: '失敗回数',
  until: '期限',
  page: '画面',
  name: '氏名',
  role: '権限',
  effectiveFrom: '適用開始日',
  url: 'URL',
  summary: '変更点',
  wasLockedUntil: 'ロック期限',
};

/**
 * A detail as one line of text ('理由: パスワード違い / 失敗回数: 2'). `instant` words ISO
 * instants in Japan time; other values are shown as stored.
 */
export function auditDetailText(detail: Record<string, unknown> | null, instant: (iso: string) => string): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => {
      const key = DETAIL_KEYS[k] ?? k;
      if (k === 'reason' && typeof v === 'string') return `${key}: ${REASONS[v] ?? v}`;
      if (k === 'role' && (v === 'admin' || v === 'staff')) return `${key}: ${v === 'admin' ? '管理者' : '職員'}`;
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return `${key}: ${instant(v)}`;
      if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
        return `${key}: ${v.replace(/^(\d{4})-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}`;
      return `${key}: ${typeof v === 'string' ? v : JSON.stringify(v)}`;
    })
    .join(' / ');
}
