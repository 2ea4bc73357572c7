import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import { sessionStartOf } from '../../../../db/repositories/bookings-repository.js';
import type { RecordedAction } from '../../../../db/repositories/staff-actions-repository.js';
import { APP_LABEL, KIND_LABEL, receiptNumber } from '../../../messages/booking-cards.js';
import { phoneForDisplay } from '../../../validation/phone.js';
import { instantJa } from '../../views/format.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { RecordTable } from '../../views/record-table.js';
import { BookNextForm, BookNextUnavailable, type BookNextFailure } from './book-next-form.js';
import { PersonStateBadges } from './person-badges.js';
import type { PersonAction } from './person-changes.js';
import { acknowledgement, type OpenBooking } from './open-bookings.js';
import { OUTCOME_JA, outcomeOfBooking, type PersonSummary } from './person-summary.js';
import { PERSON_ACTION_JA } from './person-actions.js';
import { TableScroll } from '../../views/table-scroll.js';

export interface PersonPageProps {
  frame: PageFrame;
  person: PersonSummary;
  /** Newest first. */
  bookings: readonly Booking[];
  /** Those not over yet: stopping the bot leaves them as they are, and the block form says how. */
  open: readonly OpenBooking[];
  /** Block, unblock and hand-back records about the person (any door), oldest first. */
  actions: readonly RecordedAction[];
  notice: string | null;
  /** A refused change, shown next to its form. */
  error: { action: PersonAction; message: string } | null;
  /** The reason as typed, when the block form is shown again. */
  reason: string;
  /** Console login ids in `actions` → the staff member's name. */
  staffNames: ReadonlyMap<string, string>;
  /** A refused 「次回の相談を代理で予約」, shown again with what was typed. */
  bookFailure?: BookNextFailure | null;
}

/** 'console:yamada' → '山田 太郎（管理画面）'; 'api:所長' → '所長（API）'; a LINE id → 'LINEの職員グループ'. */
function actorJa(id: string, names: ReadonlyMap<string, string>): string {
  if (id.startsWith('console:')) {
    const login = id.slice('console:'.length);
    return `${names.get(login) ?? login}（管理画面）`;
  }
  if (id.startsWith('api:')) return `${id.slice('api:'.length)}（API）`;
  return id === 'system' ? '自動' : 'LINEの職員グループ';
}

function reasonOf(detail: string | null): string | null {
  if (!detail) return null;
  try {
    const parsed = JSON.parse(detail) as { reason?: unknown };
    return typeof parsed.reason === 'string' ? parsed.reason : null;
  } catch (e: unknown) {
    if (e instanceof SyntaxError) return null;
    throw e;
  }
}

function sessionCell(b: Booking) {
  if (b.confirmedStart) return instantJa(b.confirmedStart);
  return (
    <>
      {instantJa(sessionStartOf(b))}
      <span class="muted">（第1希望）</span>
    </>
  );
}

/** What becomes of one open booking when the bot is stopped for the person (as the code leaves it). */
function openBookingJa(o: OpenBooking): string {
  switch (o.kind) {
    case 'awaiting_staff':
      return `職員の回答待ちの申込み（第1希望 ${instantJa(o.booking.choice1Start)}）。第1希望の枠は押さえたままです。回答期限を過ぎると、いつもどおり職員グループに催促が届き、ご本人にも申込みは有効だと届きます。`;
    case 'awaiting_person':
      return `職員が提案した日時（${instantJa(o.proposedStart)}）へのご本人の回答待ち。ご本人はLINEで回答できません。回答のないまま希望の日時と提案した日時がすべて過ぎると、未回答で終了し、ご本人に知らせます。`;
    case 'move_proposed':
      return `確定済みの相談（${instantJa(o.confirmedStart)}）の日時変更の提案（${instantJa(o.proposedStart)}）へのご本人の回答待ち。ご本人はLINEで回答できないため、相談は ${instantJa(o.confirmedStart)} のまま残り、前日と当日のお知らせもご本人に届きます。`;
    case 'session':
      return `確定済みの相談（${instantJa(o.confirmedStart)}）。そのまま残り、前日と当日のお知らせもご本人に届きます。`;
  }
}

/**
 * Stopping the bot cancels nothing (src/staff/person-changes.ts): before it, what becomes of each
 * open booking, and a box to tick that it was read (its value names them, so the server can tell
 * a booking that came after the page was drawn).
 */
function OpenBookingsWarning({ open, error }: { open: readonly OpenBooking[]; error: string | undefined }) {
  return (
    <>
      <div class="warning" role="note" id="block-open">
        <p>この方には、まだ終わっていない予約・申込みがあります。自動応答を停止しても、これらは取り消されません。</p>
        <ul>
          {open.map((o) => (
            <li key={o.booking.id}>
              <a
                href={`/staff/bookings/${encodeURIComponent(o.booking.id)}`}
              >{`受付番号 ${receiptNumber(o.booking.id)}`}</a>
              {`: ${openBookingJa(o)}`}
            </li>
          ))}
        </ul>
        <p>
          停止すると、ご本人はLINEで変更・キャンセル・提案への回答ができなくなります（何を送っても、お電話での問い合わせを案内します）。職員が確定・提案・キャンセルすると、そのお知らせはLINEでご本人に届きます。必要のないものは、停止の前に予約のページからキャンセルしてください（理由がご本人に伝わります）。
        </p>
      </div>
      <div class="choice">
        <input
          type="checkbox"
          id="open_ack"
          name="open_ack"
          value={acknowledgement(open)}
          required
          aria-describedby={error ? 'block-open reason-error' : 'block-open'}
        />{' '}
        <label for="open_ack">上の予約・申込みがどうなるかを確認しました</label>
      </div>
    </>
  );
}

/** One person: details from their latest booking, counts, every booking, and the bot's state with its forms. */
export function PersonPage(props: PersonPageProps) {
  const { frame, person, bookings, actions, error } = props;
  const d = person.details;
  const title = d ? `${d.name} 様` : '利用者（個人情報は消去済み）';
  const shown: Record<PersonAction, boolean> = {
    block: person.blockedAt === null,
    unblock: person.blockedAt !== null,
    handback: person.handoffAt !== null,
  };
  const errorFor = (a: PersonAction) => (error?.action === a ? error.message : undefined);
  // A refusal whose form is no longer there (a colleague changed the state first) is shown above the forms.
  const stray = error && !shown[error.action] ? error.message : undefined;
  return (
    <Page frame={frame} section="people" title={title} notice={props.notice}>
      <p>
        <a href="/staff/people">← 利用者の検索に戻る</a>
      </p>
      <p>
        <PersonStateBadges person={person} />
      </p>
      <div class="cards person-cards">
        <section class="card" aria-labelledby="details-h">
          <h2 id="details-h">連絡先（最新の申込みから）</h2>
          {d ? (
            <dl class="facts">
              <dt>氏名</dt>
              <dd>{d.name}</dd>
              <dt>求職番号</dt>
              <dd>{d.jobSeekerNumber}</dd>
              <dt>メール</dt>
              <dd>{d.email}</dd>
              <dt>電話番号</dt>
              <dd>{phoneForDisplay(d.phone)}</dd>
            </dl>
          ) : (
            <p>個人情報（氏名・求職番号・メール・電話番号）は、保存期間の経過またはご本人の申出により消去済みです。</p>
          )}
          <p class="muted person-id">{`LINE利用者ID: ${person.lineUserId}`}</p>
        </section>
        <section class="card" aria-labelledby="counts-h">
          <h2 id="counts-h">件数</h2>
          <dl class="facts">
            <dt>予約（申込み）</dt>
            <dd>{`${person.counts.bookings}件`}</dd>
            <dt>参加</dt>
            <dd>{`${person.counts.attended}件`}</dd>
            <dt>本人キャンセル</dt>
            <dd>{`${person.counts.cancelledByPerson}件`}</dd>
            <dt>無断欠席</dt>
            <dd>{`${person.counts.noShows}件`}</dd>
            <dt>確認対象</dt>
            <dd>
              {person.flaggedAt ? `無断欠席が続いたため職員に通知済み（${instantJa(person.flaggedAt)}）` : 'なし'}
            </dd>
          </dl>
        </section>
      </div>

      <h2>予約</h2>
      {bookings.length === 0 ? (
        <p>予約はありません。</p>
      ) : (
        <TableScroll label="予約">
          <table class="person-bookings">
            <thead>
              <tr>
                <th scope="col">受付番号</th>
                <th scope="col">申込み</th>
                <th scope="col">相談日時</th>
                <th scope="col">種類</th>
                <th scope="col">アプリ</th>
                <th scope="col">状態</th>
              </tr>
            </thead>
            <tbody>
              {bookings.map((b) => (
                <tr key={b.id}>
                  <th scope="row">
                    <a href={`/staff/bookings/${encodeURIComponent(b.id)}`}>{receiptNumber(b.id)}</a>
                  </th>
                  <td>{instantJa(b.createdAt)}</td>
                  <td>{sessionCell(b)}</td>
                  <td>{KIND_LABEL[b.kind]}</td>
                  <td>{APP_LABEL[b.app]}</td>
                  <td>{OUTCOME_JA[outcomeOfBooking(b)]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}

      {bookings[0] && (d === null || person.blockedAt) ? (
        <BookNextUnavailable why={d === null ? 'erased' : 'blocked'} refused={Boolean(props.bookFailure)} />
      ) : null}
      {bookings[0] && d !== null && !person.blockedAt ? (
        <BookNextForm
          frame={frame}
          lineUserId={person.lineUserId}
          latest={bookings[0]}
          failure={props.bookFailure ?? null}
        />
      ) : null}

      <h2>自動応答</h2>
      <p>
        {person.blockedAt
          ? `この方への自動応答は停止しています（${instantJa(person.blockedAt)}から）。この方がLINEで送ると、お電話でのお問い合わせを案内します。`
          : 'この方には自動応答が答えています。'}
      </p>
      {person.handoffAt ? (
        <p>{`職員がこの方とトークしています（${instantJa(person.handoffAt)}から）。その間、自動応答は答えません。`}</p>
      ) : null}
      <FieldError id="person-error" message={stray} />
      <div class="person-forms">
        {person.blockedAt ? (
          <form method="post" action={`/staff/people/${encodeURIComponent(person.lineUserId)}/unblock`} class="stack">
            <CsrfField token={frame.csrfToken} />
            <FieldError id="unblock-error" message={errorFor('unblock')} />
            <button type="submit" class="secondary">
              自動応答の停止を解除する
            </button>
          </form>
        ) : (
          <form method="post" action={`/staff/people/${encodeURIComponent(person.lineUserId)}/block`} class="stack">
            <CsrfField token={frame.csrfToken} />
            <fieldset>
              <legend>自動応答を停止する</legend>
              <p class="muted">
                ご本人には「このアカウントでのご案内は停止しています。お電話でお問い合わせください」とだけ伝わります。理由は職員だけが見ます。
              </p>
              <label for="reason">理由（200文字まで）</label>
              <textarea
                id="reason"
                name="reason"
                rows={2}
                maxLength={200}
                aria-invalid={errorFor('block') ? 'true' : undefined}
                aria-describedby={errorFor('block') ? 'reason-error' : undefined}
              >
                {props.reason}
              </textarea>
              <FieldError id="reason-error" message={errorFor('block')} />
              {props.open.length > 0 ? <OpenBookingsWarning open={props.open} error={errorFor('block')} /> : null}
              <p>
                <button type="submit" class="danger">
                  自動応答を停止する
                </button>
              </p>
            </fieldset>
          </form>
        )}
        {person.handoffAt ? (
          <form method="post" action={`/staff/people/${encodeURIComponent(person.lineUserId)}/handback`} class="stack">
            <CsrfField token={frame.csrfToken} />
            <FieldError id="handback-error" message={errorFor('handback')} />
            <button type="submit">トークを自動応答に戻す</button>
          </form>
        ) : null}
      </div>

      <h2>個人情報の開示・消去</h2>
      <p>ご本人から求められたときに使います。どちらも、操作した職員の名前とともに記録されます。</p>
      <ul class="person-rights">
        <li>
          <a href={`/staff/people/${encodeURIComponent(person.lineUserId)}/disclosure`}>
            保有している情報を表示（開示）
          </a>
        </li>
        <li>
          <a href={`/staff/people/${encodeURIComponent(person.lineUserId)}/disclosure.json`} download>
            保有している情報をJSONファイルでダウンロード
          </a>
        </li>
        <li>
          <a href={`/staff/people/${encodeURIComponent(person.lineUserId)}/erase`}>個人情報を消去する（確認画面へ）</a>
        </li>
      </ul>

      {actions.length > 0 ? (
        <>
          <h2>自動応答の操作記録</h2>
          <RecordTable
            label="自動応答の操作記録"
            columns={['日時', '操作', '職員', '理由']}
            rows={actions}
            rowKey={(a) => a.id}
            cells={(a) => [
              instantJa(a.at),
              PERSON_ACTION_JA[a.action] ?? a.action,
              actorJa(a.staffId, props.staffNames),
              reasonOf(a.detail) ?? '—',
            ]}
          />
        </>
      ) : null}
    </Page>
  );
}
