import type { AuditAction, AuditViewPage } from '../../../../db/repositories/audit-log-repository.js';
import { IMMEDIATE_SWITCH } from '../../../../db/repositories/office-state-repository.js';
import { parseSlotKey, type LocalDateTime } from '../../../calendar/index.js';
import { receiptNumber, shortName } from '../../../messages/booking-cards.js';
import { formatDateWithYearJa, formatSlotJa, formatTimeJa } from '../../../messages/format-ja.js';
import { personLabel } from '../../../messages/staff-notes.js';
import { APP_NAME, KIND_SHORT } from '../requests/request-view.js';
import { ROLE_LABEL } from './account-rules.js';

/**
 * The audit log as its page words it (docs/staff-console.md, 操作記録): each kind of action in
 * Japanese, its subject as staff recognise it (never a stored id or key), and its details. Every
 * kind the code records is listed in AUDIT_ACTIONS (db/repositories/audit-log-repository.ts), so
 * the compiler holds these tables complete; a line of a kind since retired shows as stored.
 */
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = {
  login: 'ログイン',
  login_failed: 'ログイン失敗',
  login_refused_locked: 'ロック中のログイン',
  locked: 'ロック',
  unlocked: 'ロック解除',
  view_person: '個人情報の閲覧',
  disclose_person: '保有個人データの開示',
  erase_person: '個人情報の消去（本人の申出）',
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
  api_token_add: 'APIトークンの発行',
  api_token_revoke: 'APIトークンの無効化',
  confirm: '予約の確定',
  propose: '別の日時の提案',
  cancel: '予約・申込みのキャンセル',
  attendance: '出席・欠席の記録',
  book_for_person: '次回の相談の代理予約',
  block: '自動応答の停止',
  unblock: '自動応答の停止の解除',
  handback: 'トークを自動応答に戻す',
  closure_set: '閉庁日の追加',
  closure_removed: '閉庁日の解除',
  capacity_set: '枠の定員の変更',
};

export const auditActionLabel = (action: string): string =>
  Object.hasOwn(AUDIT_ACTION_LABELS, action) ? AUDIT_ACTION_LABELS[action as AuditAction] : action;

/** What an action's subject is, so the page can say it in words. */
export type AuditSubjectKind = 'account' | 'person' | 'booking' | 'closure' | 'capacity' | 'switch' | 'terms' | 'token';

export const AUDIT_SUBJECT_KINDS: Readonly<Record<AuditAction, AuditSubjectKind>> = {
  login: 'account',
  login_failed: 'account',
  login_refused_locked: 'account',
  locked: 'account',
  unlocked: 'account',
  view_person: 'person',
  disclose_person: 'person',
  erase_person: 'person',
  account_add: 'account',
  account_disable: 'account',
  account_enable: 'account',
  account_role: 'account',
  password_reset: 'account',
  password_change: 'account',
  password_change_failed: 'account',
  terms_add: 'terms',
  immediate_on: 'switch',
  immediate_off: 'switch',
  api_token_add: 'token',
  api_token_revoke: 'token',
  confirm: 'booking',
  propose: 'booking',
  cancel: 'booking',
  attendance: 'booking',
  book_for_person: 'person',
  block: 'person',
  unblock: 'person',
  handback: 'person',
  closure_set: 'closure',
  closure_removed: 'closure',
  capacity_set: 'capacity',
};

export const auditSubjectKind = (action: string): AuditSubjectKind | undefined =>
  Object.hasOwn(AUDIT_SUBJECT_KINDS, action) ? AUDIT_SUBJECT_KINDS[action as AuditAction] : undefined;

/**
 * What the page knows to put words to subjects: staff names by login id, and for people and
 * bookings the name on their (latest) request, null once erased. A person is named as the staff
 * group's notes name them, by the short form only: the log lists many people at once.
 */
export interface AuditNames {
  staff: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, string | null>;
  bookings: ReadonlyMap<string, string | null>;
}

/** A console account: 「山田 太郎（yamada）」; a login id nobody has, as typed. */
function accountJa(loginId: string, names: AuditNames): string {
  const name = names.staff.get(loginId);
  return name !== undefined ? `${name}（${loginId}）` : `${loginId}（該当するアカウントなし）`;
}

/** Who did it: a console account, the API under its token's (or caller's) name, or the command line. */
export function auditActorText(loginId: string, names: AuditNames): string {
  if (loginId === 'cli') return 'コマンドライン（npm run staff）';
  if (loginId.startsWith('api:')) return `API（${loginId.slice('api:'.length)}）`;
  return accountJa(loginId, names);
}

/** The subject in words ('受付番号 5bf44d0a（青森 様）'); an unexpected one as stored. */
export function auditSubjectText(action: string, subject: string | null, names: AuditNames): string {
  if (subject === null) return '';
  switch (auditSubjectKind(action)) {
    case 'account':
      return accountJa(subject, names);
    case 'person':
      return personLabel(names.people.get(subject) ?? null, subject);
    case 'booking': {
      const name = names.bookings.get(subject) ?? null;
      return `受付番号 ${receiptNumber(subject)}${name ? `（${shortName(name)} 様）` : ''}`;
    }
    case 'closure': {
      const date = subject.replace(/^closure:/, '');
      return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `閉庁日 ${formatDateWithYearJa(date)}` : subject;
    }
    case 'capacity': {
      const slot = parseSlotKey(subject.replace(/^capacity:/, ''));
      return slot
        ? `定員 ${formatDateWithYearJa(slot.date)} ${formatTimeJa(slot.start)}（${KIND_SHORT[slot.kind]}）`
        : subject;
    }
    case 'switch':
      return subject === IMMEDIATE_SWITCH ? '今すぐ相談の受付' : subject;
    case 'terms':
      return `利用規約の版 ${subject}`;
    case 'token':
      return `APIトークン「${subject}」`;
    default:
      return subject;
  }
}

/** Where a person's details were shown (a view's `page`). */
export const AUDIT_VIEW_PAGE_LABELS: Readonly<Record<AuditViewPage, string>> = {
  requests: '受付の一覧',
  booking: '申込みのページ',
  person: '利用者',
  people_search: '利用者の検索',
  calendar: '予約カレンダー',
  today: '本日の相談',
  today_print: '本日の相談（印刷）',
  terms_people: '利用規約に同意した人',
  api_bookings: 'API（予約の一覧）',
  api_booking: 'API（予約）',
  api_user: 'API（利用者）',
};

const FORMAT_JA: Readonly<Record<string, string>> = { page: '画面', json: 'JSONファイル' };

/** Why a sign-in failed or a lock ended, as stored in the detail of those actions. */
const SIGN_IN_REASONS: Readonly<Record<string, string>> = {
  unknown_login: '存在しないログインID',
  wrong_password: 'パスワード違い',
  disabled: '無効なアカウント',
  lock_expired: '時間切れ',
  admin: '管理者による',
};

/** The detail keys the code records, in words; one not here is shown as stored. */
const DETAIL_KEYS: Readonly<Record<string, string>> = {
  reason: '理由',
  failures: '失敗回数',
  until: '期限',
  page: '画面',
  format: '形式',
  name: '氏名',
  role: '権限',
  effectiveFrom: '適用開始日',
  url: 'URL',
  summary: '変更点',
  wasLockedUntil: 'ロック期限',
  note: 'メモ',
  capacity: '定員',
  choice: '確定した希望',
  start: '日時',
  kind: '種類',
  app: 'アプリ',
  attended: '記録',
  // What an erasure removed, counted.
  bookings: '予約',
  immediateRequests: '今すぐ相談',
  conversations: '会話',
  messages: 'メッセージ',
};
const COUNTED: ReadonlySet<string> = new Set(['bookings', 'immediateRequests', 'conversations', 'messages']);

const isLocalDateTime = (v: unknown): v is LocalDateTime =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as LocalDateTime).date === 'string' &&
  typeof (v as LocalDateTime).minutes === 'number';

/** One detail's value in words, by its key; `instant` words ISO instants in Japan time. */
function detailValueJa(action: string, key: string, v: unknown, instant: (iso: string) => string): string {
  const from = (table: Readonly<Record<string, string>>) => (typeof v === 'string' ? (table[v] ?? v) : String(v));
  // A block's reason is what staff typed; the sign-in actions store codes.
  if (key === 'reason' && action !== 'block') return from(SIGN_IN_REASONS);
  if (key === 'role') return from(ROLE_LABEL);
  if (key === 'page') return from(AUDIT_VIEW_PAGE_LABELS);
  if (key === 'format') return from(FORMAT_JA);
  if (key === 'kind') return from(KIND_SHORT);
  if (key === 'app') return from(APP_NAME);
  if (key === 'choice' && typeof v === 'number') return `第${v}希望`;
  if (key === 'attended' && typeof v === 'boolean') return v ? '出席' : '欠席（接続なし）';
  if (COUNTED.has(key) && typeof v === 'number') return `${v}件`;
  if (isLocalDateTime(v)) return formatSlotJa(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) return instant(v);
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDateWithYearJa(v);
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** A line's detail as one line of text ('理由: パスワード違い / 失敗回数: 2'). */
export function auditDetailText(
  action: string,
  detail: Record<string, unknown> | null,
  instant: (iso: string) => string,
): string {
  if (!detail) return '';
  return Object.entries(detail)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${DETAIL_KEYS[k] ?? k}: ${detailValueJa(action, k, v, instant)}`)
    .join(' / ');
}
