import type { PersonRecord } from '../../../../db/repositories/person-record-repository.js';
import { formatSlotJa } from '../../../messages/format-ja.js';
import { APP_LABEL, KIND_LABEL, receiptNumber } from '../../../messages/booking-cards.js';
import { whoJa } from '../../../messages/companion-ja.js';
import { readableTextOf } from '../../../line/message-text.js';
import { phoneForDisplay } from '../../../validation/phone.js';
import { ACTION_JA, actorJa, STATUS_JA } from '../requests/request-view.js';
import { instantJa, maybeInstantJa } from '../../views/format.js';
import { Page, type PageFrame } from '../../views/page.js';
import { RecordTable } from '../../views/record-table.js';
import { auditActionLabel } from '../settings/audit-labels.js';
import { IMMEDIATE_STATUS_JA } from '../today/immediate-today.js';
import { PERSON_ACTION_JA } from './person-actions.js';

const MESSAGE_STATUS_JA: Readonly<Record<string, string>> = {
  pending: '送信待ち',
  sent: '送信済み',
  failed: '送信できず',
  uncertain: '送信済みか不明',
};

/** What the person had typed into a booking not yet sent, item by item, in the words of the cards. */
const DRAFT_LABELS: ReadonlyArray<[string, string]> = [
  ['kind', '相談の種類'],
  ['app', 'アプリ'],
  ['name', '氏名'],
  ['jobSeekerNumber', '求職番号'],
  ['choice1', '第1希望'],
  ['choice2', '第2希望'],
  ['email', 'メール'],
  ['phone', '電話番号'],
  ['companion', '同席'],
];

function draftValueJa(key: string, value: unknown, draft: Record<string, unknown>): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (key === 'kind' && typeof value === 'string') return KIND_LABEL[value as keyof typeof KIND_LABEL] ?? value;
  if (key === 'app' && typeof value === 'string') return APP_LABEL[value as keyof typeof APP_LABEL] ?? value;
  if ((key === 'choice1' || key === 'choice2') && typeof value === 'object') {
    const at = value as { date?: unknown; minutes?: unknown };
    return typeof at.date === 'string' && typeof at.minutes === 'number'
      ? formatSlotJa({ date: at.date, minutes: at.minutes })
      : null;
  }
  if (key === 'phone' && typeof value === 'string') return phoneForDisplay(value);
  if (key === 'companion')
    return whoJa({
      companion: value as 'interpreter' | 'helper',
      companionLanguage: typeof draft.companionLanguage === 'string' ? draft.companionLanguage : null,
    });
  return typeof value === 'string' ? value : null;
}

/** The conversation's answers so far (the machine's draft), as label and value; none when empty. */
function draftRows(snapshot: unknown): [string, string][] {
  const draft = (snapshot as { context?: { draft?: unknown } } | null)?.context?.draft;
  if (!draft || typeof draft !== 'object') return [];
  const d = draft as Record<string, unknown>;
  return DRAFT_LABELS.flatMap(([key, label]) => {
    const shown = draftValueJa(key, d[key], d);
    return shown === null ? [] : [[label, shown] as [string, string]];
  });
}

/** The queued messages' words, one block a message. */
function messageTexts(messages: unknown): string[] {
  return Array.isArray(messages) ? messages.map(readableTextOf).filter((t) => t !== '') : [];
}

/**
 * 開示 as a page staff can print or hand over (docs/office-rules.md §16): everything the office
 * holds about the person, section by section; the JSON download carries the same.
 */
export function PersonDisclosurePage(props: { frame: PageFrame; record: PersonRecord; at: string }) {
  const { record: r } = props;
  const u = r.user;
  const draft = r.conversation ? draftRows(r.conversation.snapshot) : [];
  const path = `/staff/people/${encodeURIComponent(u.lineUserId)}`;
  return (
    <Page frame={props.frame} section="people" title="保有個人データの開示">
      <p>
        <a href={path}>← 利用者のページに戻る</a>
      </p>
      <p>{`LINE利用者ID ${u.lineUserId} について、${instantJa(props.at)} 時点で当所が保有している情報です。`}</p>
      <p>
        <a href={`${path}/disclosure.json`} download>
          JSONファイルでダウンロード
        </a>
      </p>

      <h2>利用者の記録</h2>
      <dl class="facts">
        <dt>初めての利用</dt>
        <dd>{instantJa(u.createdAt)}</dd>
        <dt>最後の利用</dt>
        <dd>{instantJa(u.lastSeenAt)}</dd>
        <dt>予約・キャンセル・無断欠席</dt>
        <dd>{`${u.bookingCount}件・${u.cancelCount}件・${u.noShowCount}件`}</dd>
        <dt>自動応答の停止</dt>
        <dd>{maybeInstantJa(u.blockedAt)}</dd>
        <dt>同意した利用規約</dt>
        <dd>{u.termsVersion ? `${u.termsVersion}（${maybeInstantJa(u.termsAgreedAt)}）` : 'なし'}</dd>
      </dl>

      <h2>{`予約（${r.bookings.length}件）`}</h2>
      {r.bookings.length === 0 ? <p>ありません。</p> : null}
      {r.bookings.map((b) => (
        <section class="card" key={b.id} aria-label={`受付番号 ${receiptNumber(b.id)}`}>
          <h3>{`受付番号 ${receiptNumber(b.id)}（${STATUS_JA[b.status]}）`}</h3>
          <dl class="facts">
            <dt>申込み</dt>
            <dd>{instantJa(b.createdAt)}</dd>
            <dt>種類・アプリ</dt>
            <dd>{`${KIND_LABEL[b.kind]}・${APP_LABEL[b.app]}`}</dd>
            <dt>氏名</dt>
            <dd>{b.name || '（消去済み）'}</dd>
            <dt>求職番号</dt>
            <dd>{b.jobSeekerNumber || '（消去済み）'}</dd>
            <dt>メール</dt>
            <dd>{b.email || '（消去済み）'}</dd>
            <dt>電話番号</dt>
            <dd>{b.phone ? phoneForDisplay(b.phone) : '（消去済み）'}</dd>
            <dt>第1希望・第2希望</dt>
            <dd>{`${instantJa(b.choice1Start)}・${maybeInstantJa(b.choice2Start)}`}</dd>
            <dt>確定日時</dt>
            <dd>{maybeInstantJa(b.confirmedStart)}</dd>
            <dt>同意した利用規約</dt>
            <dd>{b.termsVersion}</dd>
            <dt>個人情報の消去</dt>
            <dd>{maybeInstantJa(b.personalDataErasedAt)}</dd>
          </dl>
        </section>
      ))}

      <h2>{`今すぐ相談の申込み（${r.immediateRequests.length}件）`}</h2>
      {r.immediateRequests.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          label="今すぐ相談の申込み"
          columns={['申込み', '氏名', '求職番号', '同席', '状態']}
          rows={r.immediateRequests}
          rowKey={(q) => q.id}
          cells={(q) => [
            instantJa(q.createdAt),
            q.name || '（消去済み）',
            q.jobSeekerNumber || '（消去済み）',
            q.interpreter ? `あり（${whoJa(q)}）` : q.interpreter === false ? 'なし' : '—',
            `${IMMEDIATE_STATUS_JA[q.status as keyof typeof IMMEDIATE_STATUS_JA]?.label ?? q.status}${q.acceptedAt ? `（${instantJa(q.acceptedAt)}）` : ''}`,
          ]}
        />
      )}

      <h2>{`職員の操作の記録（${r.staffActions.length}件）`}</h2>
      {r.staffActions.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          label="職員の操作の記録"
          columns={['日時', '操作', '対象', '操作した人']}
          rows={r.staffActions}
          rowKey={(a) => a.id}
          cells={(a) => [
            instantJa(a.at),
            ACTION_JA[a.action] ?? PERSON_ACTION_JA[a.action] ?? a.action,
            a.subjectId === u.lineUserId ? 'ご本人' : `受付番号 ${receiptNumber(a.subjectId)}`,
            actorJa(a.staffId, u.lineUserId, new Map()),
          ]}
        />
      )}

      <h2>会話の途中の入力</h2>
      {r.conversation && draft.length > 0 ? (
        <>
          <p>{`最終更新 ${instantJa(r.conversation.updatedAt)}（まだ申し込まれていない入力です）`}</p>
          <dl class="facts">
            {draft.map(([label, value]) => (
              <>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
        </>
      ) : (
        <p>ありません。</p>
      )}

      <h2>{`送信待ち・送信済みのメッセージ（${r.messages.length}件）`}</h2>
      {r.messages.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          label="送信待ち・送信済みのメッセージ"
          columns={['日時', '状態', '内容']}
          rows={r.messages}
          rowKey={(m) => m.id}
          cells={(m) => [
            instantJa(m.sentAt ?? m.createdAt),
            MESSAGE_STATUS_JA[m.status] ?? m.status,
            <div class="message-texts">
              {messageTexts(m.messages).map((t) => (
                <p class="pre-line">{t}</p>
              ))}
            </div>,
          ]}
        />
      )}

      <h2>{`閲覧・操作の記録（${r.audit.length}件）`}</h2>
      {r.audit.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          label="閲覧・操作の記録"
          columns={['日時', '職員', '操作']}
          rows={r.audit}
          rowKey={(e) => e.id}
          cells={(e) => [instantJa(e.at), e.loginId, auditActionLabel(e.action)]}
        />
      )}
    </Page>
  );
}
