import type { PersonRecord } from '../../../../db/repositories/person-record-repository.js';
import { APP_LABEL, KIND_LABEL, receiptNumber } from '../../../messages/booking-cards.js';
import { STATUS_JA } from '../requests/request-view.js';
import { instantJa, maybeInstantJa } from '../../views/format.js';
import { Page, type PageFrame } from '../../views/page.js';
import { RecordTable } from '../../views/record-table.js';
import { auditActionLabel } from '../settings/audit-labels.js';

const Json = ({ value }: { value: unknown }) => <pre class="disclosure-json">{JSON.stringify(value, null, 2)}</pre>;

/** The conversation's answers so far: the machine's draft, when the snapshot holds one. */
function draftOf(snapshot: unknown): unknown {
  const context = (snapshot as { context?: { draft?: unknown } } | null)?.context;
  return context?.draft ?? snapshot;
}

/**
 * 開示 as a page staff can print or hand over (docs/office-rules.md §16): everything the office
 * holds about the person, section by section; the JSON download carries the same.
 */
export function PersonDisclosurePage(props: { frame: PageFrame; record: PersonRecord; at: string }) {
  const { record: r } = props;
  const u = r.user;
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
            <dd>{b.phone || '（消去済み）'}</dd>
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
      {r.immediateRequests.length === 0 ? <p>ありません。</p> : <Json value={r.immediateRequests} />}

      <h2>{`職員の操作の記録（${r.staffActions.length}件）`}</h2>
      {r.staffActions.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          columns={['日時', '操作', '対象', '職員']}
          rows={r.staffActions}
          rowKey={(a) => a.id}
          cells={(a) => [
            instantJa(a.at),
            a.action,
            a.subjectId === u.lineUserId ? '本人' : `受付番号 ${receiptNumber(a.subjectId)}`,
            a.staffId,
          ]}
        />
      )}

      <h2>会話の途中の入力</h2>
      {r.conversation ? (
        <>
          <p>{`最終更新 ${instantJa(r.conversation.updatedAt)}`}</p>
          <Json value={draftOf(r.conversation.snapshot)} />
        </>
      ) : (
        <p>ありません。</p>
      )}

      <h2>{`送信待ち・送信済みのメッセージ（${r.messages.length}件）`}</h2>
      {r.messages.length === 0 ? <p>ありません。</p> : <Json value={r.messages} />}

      <h2>{`閲覧・操作の記録（${r.audit.length}件）`}</h2>
      {r.audit.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <RecordTable
          columns={['日時', '職員', '操作']}
          rows={r.audit}
          rowKey={(e) => e.id}
          cells={(e) => [instantJa(e.at), e.loginId, auditActionLabel(e.action)]}
        />
      )}
    </Page>
  );
}
