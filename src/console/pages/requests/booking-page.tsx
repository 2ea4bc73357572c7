import type { Booking, PreferredChoices } from '../../../../db/repositories/bookings-repository.js';
import type { PersonStanding } from '../../../../db/repositories/console-requests-repository.js';
import type { RecordedAction } from '../../../../db/repositories/staff-actions-repository.js';
import { toLocal, type Instant } from '../../../calendar/index.js';
import { receiptNumber } from '../../../messages/booking-cards.js';
import { whoJa } from '../../../messages/companion-ja.js';
import { bookingViewOf } from '../../../bookings/booking-view.js';
import { phoneForDisplay } from '../../../validation/phone.js';
import { instantJa, maybeInstantJa, timeJa } from '../../views/format.js';
import { CsrfField, FieldError, Page, type PageFrame } from '../../views/page.js';
import { REASON_MAX, SEEN_FIELD, type FormName, type FormProblem } from './booking-forms.js';
import { TimeStateBadge } from './requests-list.js';
import { TableScroll } from '../../views/table-scroll.js';
import {
  ACTION_JA,
  actionDetailJa,
  actorJa,
  APP_NAME,
  cancelReasonJa,
  KIND_SHORT,
  STATUS_JA,
  waitingOf,
  type TimeState,
} from './request-view.js';

/** Everything the booking page shows, as the route read it. */
export interface BookingPageData {
  booking: Booking;
  now: Instant;
  /** The first choice's, and the second's when the person gave one (docs/office-rules.md §9). */
  choices: PreferredChoices<TimeState>;
  proposal: TimeState | null;
  standing: PersonStanding | undefined;
  /** The person's other bookings, newest first. */
  others: readonly Booking[];
  actions: readonly RecordedAction[];
  /** Console login id -> account name, for who did what. */
  names: ReadonlyMap<string, string>;
  /** For a confirmed booking: the person's open request to move it. */
  pendingChange: Booking | undefined;
}

/** A form sent back with a problem: which form, what was typed, and what is wrong where. */
export interface FormFailure {
  form: FormName;
  values: Readonly<Record<string, string>>;
  problem: FormProblem;
}

/** What was done, with the time it was done for, so a wrong time is seen at once. */
const DONE_NOTICE = {
  confirmed: (b: Booking) =>
    `${b.confirmedStart ? `${instantJa(b.confirmedStart)} で` : ''}確定しました。ご本人にLINEでお知らせしました。`,
  proposed: (b: Booking) =>
    `${b.proposedStart ? `${instantJa(b.proposedStart)} を` : '別の日時を'}提案しました。ご本人にLINEでお知らせしました。`,
  cancelled: () => 'キャンセルしました。ご本人にLINEでお知らせしました。',
} as const;

export type DoneKey = keyof typeof DONE_NOTICE;

/** What a done action's notice says (?done=...) about `booking` as it is now; nothing for any other value. */
export function doneNotice(done: unknown, booking: Booking): string | null {
  return typeof done === 'string' && Object.hasOwn(DONE_NOTICE, done) ? DONE_NOTICE[done as DoneKey](booking) : null;
}

const FORM_TITLE: Record<FormName, string> = { confirm: '確定', propose: '提案', cancel: 'キャンセル' };

/** The element a field's error points at: a radio group's first option for the choice. */
const fieldAnchor = (field: string): string => (field === 'choice' ? 'choice-1' : field);

const bookingHref = (id: string) => `/staff/bookings/${encodeURIComponent(id)}`;

/** '12月3日(木) 10:00〜10:40' from two instants (a session's start and end). */
function spanJa(start: Instant, end: Instant | null): string {
  return end ? `${instantJa(start)}〜${timeJa(toLocal(end).minutes)}` : instantJa(start);
}

/** The id, error and aria attributes of one field of one form. */
function fieldProps(form: FormName, field: string, failure: FormFailure | undefined) {
  const id = `${form}-${field}`;
  const wrong = failure?.form === form && failure.problem.field === field;
  return {
    id,
    errorId: `${id}-error`,
    error: wrong ? failure.problem.message : undefined,
    aria: wrong ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {},
  };
}

function valueOf(form: FormName, name: string, failure: FormFailure | undefined): string {
  return failure?.form === form ? (failure.values[name] ?? '') : '';
}

function TextField(props: {
  form: FormName;
  name: string;
  label: string;
  type?: 'text' | 'date' | 'time';
  failure: FormFailure | undefined;
  hint?: string;
  autocomplete?: string;
}) {
  const f = fieldProps(props.form, props.name, props.failure);
  const hintId = `${f.id}-hint`;
  const common = {
    id: f.id,
    name: props.name,
    value: valueOf(props.form, props.name, props.failure),
    autocomplete: 'off',
    ...(props.hint && !f.error ? { 'aria-describedby': hintId } : {}),
    ...f.aria,
  };
  return (
    <div class="field">
      <label for={f.id}>{props.label}</label>
      {props.hint ? (
        <span class="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {props.type === 'date' ? (
        <input type="date" {...common} />
      ) : props.type === 'time' ? (
        <input type="time" {...common} />
      ) : (
        <input type="text" {...common} />
      )}
      <FieldError id={f.errorId} message={f.error} />
    </div>
  );
}

/** Date and start time (Japan time) of a session staff choose themselves. */
function StartFields({ form, failure }: { form: FormName; failure: FormFailure | undefined }) {
  return (
    <div class="field-row">
      <TextField form={form} name="date" label="日付" type="date" failure={failure} />
      <TextField form={form} name="time" label="開始時刻（日本時間）" type="time" failure={failure} />
    </div>
  );
}

function MeetingFields(props: { form: FormName; failure: FormFailure | undefined; hint: string }) {
  return (
    <fieldset class="meeting">
      <legend>Zoom のミーティング</legend>
      <p class="hint">{props.hint}</p>
      <div class="field-row">
        <TextField form={props.form} name="meeting_id" label="ミーティングID" failure={props.failure} />
        <TextField form={props.form} name="passcode" label="パスコード" failure={props.failure} />
      </div>
      <TextField
        form={props.form}
        name="join_url"
        label="参加用リンク（任意）"
        hint="https:// で始まる Zoom の参加用リンク。ID とパスコードの代わりにも使えます。ご本人には「Zoom で参加」ボタンで届きます。"
        failure={props.failure}
      />
    </fieldset>
  );
}

function Hidden({ frame, booking }: { frame: PageFrame; booking: Booking }) {
  return (
    <>
      <CsrfField token={frame.csrfToken} />
      <input type="hidden" name={SEEN_FIELD} value={booking.updatedAt} />
    </>
  );
}

function ConfirmForm({ frame, data, failure }: { frame: PageFrame; data: BookingPageData; failure?: FormFailure }) {
  const b = data.booking;
  const [first, second] = data.choices;
  const firstFree = first.free ? '1' : second?.free ? '2' : 'other';
  const checked = (failure?.form === 'confirm' ? failure.values.choice : undefined) ?? firstFree;
  const choice = fieldProps('confirm', 'choice', failure);
  const option = (value: '1' | '2', label: string, start: Instant, end: Instant, state: TimeState) => (
    <div class="choice">
      <input
        type="radio"
        name="choice"
        id={`confirm-choice-${value}`}
        value={value}
        checked={checked === value}
        {...choice.aria}
      />
      <label for={`confirm-choice-${value}`}>
        {label} {spanJa(start, end)}
      </label>{' '}
      <TimeStateBadge state={state} />
    </div>
  );
  return (
    <form method="post" action={`${bookingHref(b.id)}/confirm`} class="stack action-form" aria-labelledby="confirm-h">
      <h3 id="confirm-h">確定する</h3>
      <Hidden frame={frame} booking={b} />
      <fieldset>
        <legend>確定する日時</legend>
        {option('1', '第1希望', b.choice1Start, b.choice1End, data.choices[0])}
        {/* A request with one choice offers no second (docs/office-rules.md §9). */}
        {b.choice2Start !== null && b.choice2End !== null && second
          ? option('2', '第2希望', b.choice2Start, b.choice2End, second)
          : null}
        <div class="choice">
          <input
            type="radio"
            name="choice"
            id="confirm-choice-other"
            value="other"
            checked={checked === 'other'}
            {...choice.aria}
          />
          <label for="confirm-choice-other">ほかの日時（ご本人と電話などで合意した時刻）</label>
        </div>
        <FieldError id={choice.errorId} message={choice.error} />
        <StartFields form="confirm" failure={failure} />
      </fieldset>
      {b.app === 'zoom' ? (
        <MeetingFields
          form="confirm"
          failure={failure}
          hint="Zoom の相談は、確定のお知らせにミーティングIDとパスコードを載せます（必須）。"
        />
      ) : (
        <p class="hint">
          TeleOffice の相談です。ミーティングの情報は不要です（招待メールは TeleOffice から届きます）。
        </p>
      )}
      <div>
        <button type="submit">確定してご本人に知らせる</button>
      </div>
    </form>
  );
}

function ProposeForm({ frame, data, failure }: { frame: PageFrame; data: BookingPageData; failure?: FormFailure }) {
  const b = data.booking;
  const moving = b.status === 'confirmed';
  return (
    <form method="post" action={`${bookingHref(b.id)}/propose`} class="stack action-form" aria-labelledby="propose-h">
      <h3 id="propose-h">{moving ? '日時の変更を提案する' : '別の日時を提案する'}</h3>
      <p class="hint">
        {moving
          ? 'ご本人が承諾するまで、今の日時のままです。'
          : 'ご本人が LINE で承諾すると確定します。それまで枠は押さえません。'}
      </p>
      <Hidden frame={frame} booking={b} />
      <StartFields form="propose" failure={failure} />
      {b.app === 'zoom' ? (
        <MeetingFields
          form="propose"
          failure={failure}
          hint={
            b.meetingId || b.meetingUrl
              ? '空欄なら、今のミーティングのままです。'
              : '提案する日時のミーティングIDとパスコード、または参加用リンクを入力してください（必須）。'
          }
        />
      ) : null}
      <div>
        <button type="submit" class="secondary">
          提案してご本人に知らせる
        </button>
      </div>
    </form>
  );
}

function CancelForm({ frame, data, failure }: { frame: PageFrame; data: BookingPageData; failure?: FormFailure }) {
  const b = data.booking;
  const f = fieldProps('cancel', 'reason', failure);
  return (
    <form method="post" action={`${bookingHref(b.id)}/cancel`} class="stack action-form" aria-labelledby="cancel-h">
      <h3 id="cancel-h">キャンセルする</h3>
      <Hidden frame={frame} booking={b} />
      <label for={f.id}>理由（ご本人にもこのままお伝えします。{REASON_MAX}文字まで）</label>
      <textarea id={f.id} name="reason" rows={3} maxLength={REASON_MAX} required {...f.aria}>
        {valueOf('cancel', 'reason', failure)}
      </textarea>
      <FieldError id={f.errorId} message={f.error} />
      <div>
        <button type="submit" class="danger">
          キャンセルしてご本人に知らせる
        </button>
      </div>
    </form>
  );
}

function StatusBadge({ booking, now }: { booking: Booking; now: Instant }) {
  const cls =
    booking.status === 'confirmed' || booking.status === 'attended'
      ? 'ok'
      : booking.status === 'requested'
        ? 'warn'
        : 'bad';
  const w = booking.status === 'requested' || booking.proposedStart ? waitingOf(booking, now) : null;
  return (
    <>
      <span class={`badge ${cls}`}>{STATUS_JA[booking.status]}</span>
      {w?.on === 'person' ? (
        <>
          {' '}
          <span class="badge warn">提案へのご本人の回答待ち</span>
        </>
      ) : null}
    </>
  );
}

function BookingFacts({ data }: { data: BookingPageData }) {
  const b = data.booking;
  const personId = b.lineUserId;
  const w = waitingOf(b, data.now);
  return (
    <dl class="facts">
      <dt>受付番号</dt>
      <dd>{receiptNumber(b.id)}</dd>
      <dt>状況</dt>
      <dd>
        <StatusBadge booking={b} now={data.now} />
      </dd>
      <dt>種類・アプリ</dt>
      <dd>
        {KIND_SHORT[b.kind]}・{APP_NAME[b.app]}
        {b.interpreter ? `（${whoJa(bookingViewOf(b))}が同席）` : ''}
      </dd>
      <dt>受付日時</dt>
      <dd>{instantJa(b.createdAt)}</dd>
      <dt>回答期限</dt>
      <dd>
        {instantJa(b.replyDue)}
        {b.status === 'requested' && w.on === 'staff' && w.overdue ? (
          <>
            {' '}
            <span class="badge bad">期限超過</span> 回答期限を過ぎています
          </>
        ) : null}
      </dd>
      <dt>第1希望</dt>
      <dd>
        {spanJa(b.choice1Start, b.choice1End)}
        {b.status === 'requested' ? (
          <>
            {' '}
            <TimeStateBadge state={data.choices[0]} />
          </>
        ) : null}
      </dd>
      <dt>第2希望</dt>
      <dd>
        {b.choice2Start === null || b.choice2End === null ? 'なし' : spanJa(b.choice2Start, b.choice2End)}
        {b.status === 'requested' && data.choices[1] ? (
          <>
            {' '}
            <TimeStateBadge state={data.choices[1]} />
          </>
        ) : null}
      </dd>
      {b.confirmedStart ? (
        <>
          <dt>確定日時</dt>
          <dd>
            {spanJa(b.confirmedStart, b.confirmedEnd)}
            {b.confirmedBy ? (
              <>
                <br />
                <span class="muted">
                  {actorJa(b.confirmedBy, personId, data.names)}が{maybeInstantJa(b.confirmedAt)}に確定
                </span>
              </>
            ) : null}
          </dd>
        </>
      ) : null}
      {b.app === 'zoom' ? (
        <>
          <dt>ミーティングID</dt>
          <dd>{b.meetingId ?? '—'}</dd>
          <dt>パスコード</dt>
          <dd>{b.meetingPasscode ?? '—'}</dd>
          {b.meetingUrl ? (
            <>
              <dt>参加用リンク</dt>
              <dd>
                <a href={b.meetingUrl}>{b.meetingUrl}</a>
              </dd>
            </>
          ) : null}
        </>
      ) : null}
      {b.proposedStart ? (
        <>
          <dt>提案中の日時</dt>
          <dd>
            {spanJa(b.proposedStart, b.proposedEnd)}
            {data.proposal ? (
              <>
                {' '}
                <TimeStateBadge state={data.proposal} />
              </>
            ) : null}
            {b.proposedBy ? (
              <>
                <br />
                <span class="muted">{actorJa(b.proposedBy, personId, data.names)}が提案</span>
              </>
            ) : null}
            {b.proposedMeetingId ? (
              <>
                <br />
                ミーティングID {b.proposedMeetingId}・パスコード {b.proposedMeetingPasscode}
              </>
            ) : null}
          </dd>
        </>
      ) : null}
      {b.replacesBookingId ? (
        <>
          <dt>日時変更の元</dt>
          <dd>
            <a href={bookingHref(b.replacesBookingId)}>受付番号 {receiptNumber(b.replacesBookingId)}</a>
            （この申込みは、その予約の日時変更の申込みです）
          </dd>
        </>
      ) : null}
      {data.pendingChange ? (
        <>
          <dt>日時変更の申込み</dt>
          <dd>
            <a href={bookingHref(data.pendingChange.id)}>受付番号 {receiptNumber(data.pendingChange.id)}</a>
            （ご本人がこの予約の日時変更を申し込んでいます）
          </dd>
        </>
      ) : null}
      {b.cancelledAt ? (
        <>
          <dt>{b.status === 'no_show' ? '欠席の記録' : 'キャンセル'}</dt>
          <dd>
            {instantJa(b.cancelledAt)}
            {b.cancelledBy ? `・${actorJa(b.cancelledBy, personId, data.names)}` : ''}
            {b.cancelReason ? (
              <>
                <br />
                理由: {cancelReasonJa(b.cancelReason)}
              </>
            ) : null}
          </dd>
        </>
      ) : null}
      {b.attendedAt ? (
        <>
          <dt>出席の記録</dt>
          <dd>{instantJa(b.attendedAt)}</dd>
        </>
      ) : null}
    </dl>
  );
}

function PersonFacts({ data }: { data: BookingPageData }) {
  const b = data.booking;
  const s = data.standing;
  return (
    <dl class="facts">
      <dt>お名前</dt>
      <dd>{b.name}</dd>
      <dt>求職番号</dt>
      <dd>{b.jobSeekerNumber}</dd>
      <dt>メール</dt>
      <dd>{b.email}</dd>
      <dt>電話</dt>
      <dd>{phoneForDisplay(b.phone)}</dd>
      <dt>欠席</dt>
      <dd>{s?.noShowCount ?? 0}回</dd>
      <dt>ご本人のキャンセル</dt>
      <dd>{s?.cancelCount ?? 0}回</dd>
      {s?.blockedAt ? (
        <>
          <dt>利用停止</dt>
          <dd>
            <span class="badge bad">利用停止中</span> {instantJa(s.blockedAt)}から
          </dd>
        </>
      ) : null}
      {s?.flaggedAt ? (
        <>
          <dt>欠席の通知</dt>
          <dd>
            <span class="badge warn">欠席が多い</span> {instantJa(s.flaggedAt)}に職員へ通知
          </dd>
        </>
      ) : null}
    </dl>
  );
}

function OtherBookings({ data }: { data: BookingPageData }) {
  if (data.others.length === 0) return <p>ほかの申込みはありません。</p>;
  return (
    <table class="listing">
      <caption class="visually-hidden">この方のほかの申込み（新しい順）</caption>
      <thead>
        <tr>
          <th scope="col">受付番号</th>
          <th scope="col">日時</th>
          <th scope="col">種類</th>
          <th scope="col">状況</th>
        </tr>
      </thead>
      <tbody>
        {data.others.map((o) => (
          <tr key={o.id}>
            <th scope="row">
              <a href={bookingHref(o.id)}>{receiptNumber(o.id)}</a>
            </th>
            <td>{instantJa(o.confirmedStart ?? o.choice1Start)}</td>
            <td>
              {KIND_SHORT[o.kind]}・{APP_NAME[o.app]}
            </td>
            <td>{STATUS_JA[o.status]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ActionsTable({ data }: { data: BookingPageData }) {
  if (data.actions.length === 0) return <p>まだ職員の操作はありません。</p>;
  return (
    <TableScroll label="この申込みへの操作の記録">
      <table>
        <caption class="visually-hidden">この申込みへの操作の記録（古い順）</caption>
        <thead>
          <tr>
            <th scope="col">日時</th>
            <th scope="col">操作</th>
            <th scope="col">内容</th>
            <th scope="col">操作した人</th>
          </tr>
        </thead>
        <tbody>
          {data.actions.map((a) => (
            <tr key={a.id}>
              <td class="nowrap">{instantJa(a.at)}</td>
              <td class="nowrap">{ACTION_JA[a.action] ?? a.action}</td>
              <td class="wrap-anywhere">{actionDetailJa(a, instantJa)}</td>
              <td class="wrap-anywhere">{actorJa(a.staffId, data.booking.lineUserId, data.names)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/**
 * One booking: its facts, the person, what staff can do now (forms that each go through the
 * booking functions), and who did what so far. Once the personal details were erased, nothing
 * personal is shown and nothing can be done.
 */
export function BookingPage(props: {
  frame: PageFrame;
  data: BookingPageData;
  notice?: string | null;
  /** The booking changed since the form was opened: what happened, shown above everything. */
  stale?: string;
  failure?: FormFailure;
}) {
  const { frame, data, failure } = props;
  const b = data.booking;
  const erased = b.personalDataErasedAt !== null;
  const open = !erased && (b.status === 'requested' || b.status === 'confirmed');
  return (
    <Page
      frame={frame}
      section="requests"
      title={`申込み 受付番号 ${receiptNumber(b.id)}`}
      notice={props.notice ?? null}
    >
      <p class="toolbar no-print">
        <a href="/staff/requests">← 受付の一覧へ</a>
      </p>
      {props.stale ? (
        <p class="warning" role="alert">
          {props.stale}
        </p>
      ) : null}
      {failure && failure.problem.field === SEEN_FIELD ? (
        <p class="warning" role="alert">
          {failure.problem.message}
        </p>
      ) : null}
      {failure && failure.problem.field !== SEEN_FIELD ? (
        // The form may be below the fold: say so at the top, with a link to the field.
        <p class="warning">
          「{FORM_TITLE[failure.form]}」は行っていません。
          <a href={`#${failure.form}-${fieldAnchor(failure.problem.field)}`}>{failure.problem.message}</a>
        </p>
      ) : null}
      <div class="booking-grid">
        <section class="card" aria-labelledby="facts-h">
          <h2 id="facts-h">申込みの内容</h2>
          <BookingFacts data={data} />
        </section>
        <section class="card" aria-labelledby="person-h">
          <h2 id="person-h">ご本人</h2>
          {erased ? (
            <p>
              <span class="badge bad">削除済み</span> 保存期間の経過またはご本人の申出により、お名前・求職番号・連絡先は
              {maybeInstantJa(b.personalDataErasedAt)}に削除しました。この申込みはもう操作できません。
            </p>
          ) : (
            <PersonFacts data={data} />
          )}
        </section>
      </div>
      {open ? (
        <section aria-labelledby="actions-h" class="no-print">
          <h2 id="actions-h">操作</h2>
          <div class="action-forms">
            {b.status === 'requested' ? (
              <ConfirmForm frame={frame} data={data} {...(failure ? { failure } : {})} />
            ) : null}
            <ProposeForm frame={frame} data={data} {...(failure ? { failure } : {})} />
            <CancelForm frame={frame} data={data} {...(failure ? { failure } : {})} />
          </div>
        </section>
      ) : (
        <p class="muted">{erased ? '' : 'この申込みは終わっているため、ここから操作できることはありません。'}</p>
      )}
      {erased ? null : (
        <section aria-labelledby="others-h">
          <h2 id="others-h">この方のほかの申込み</h2>
          <OtherBookings data={data} />
        </section>
      )}
      <section aria-labelledby="history-h">
        <h2 id="history-h">操作の記録</h2>
        <ActionsTable data={data} />
      </section>
    </Page>
  );
}

/** An unknown booking id. */
export function BookingNotFoundPage({ frame }: { frame: PageFrame }) {
  return (
    <Page frame={frame} section="requests" title="申込みが見つかりません">
      <p>この受付番号の申込みはありません。URL をお確かめください。</p>
      <p>
        <a href="/staff/requests">受付の一覧へ</a>
      </p>
    </Page>
  );
}
