import type { Booking } from '../../../../db/repositories/bookings-repository.js';
import { APP_LABEL, KIND_LABEL } from '../../../messages/booking-cards.js';
import { CsrfField, FieldError, type PageFrame } from '../../views/page.js';

/** A refused 「次回の相談を代理で予約」: the problem (beside its field, or above the form) and what was typed. */
export interface BookNextFailure {
  field?: string;
  message: string;
  values: Record<string, string>;
}

/**
 * Why nobody books for a person whose details were erased (retention or their own request,
 * docs/office-rules.md §16): the booking takes the name, number, e-mail and phone of their latest
 * request, and there are none. In the chat they are a new person, asked everything again.
 */
export const ERASED_PERSON_NO_BOOKING =
  'この方の個人情報（氏名・求職番号・メール・電話番号）は消去済みのため、代理では予約できません。';

/**
 * In place of the form, for a person nobody can book for: why, and what to do instead. `erased`:
 * their details are gone; `blocked`: the bot is stopped for them, so the confirmation could not
 * reach them (src/bookings/book-for-person.ts). `refused`: a form was sent anyway.
 */
export function BookNextUnavailable(props: { why: 'erased' | 'blocked'; refused: boolean }) {
  return (
    <>
      <h2 id="book-h">次回の相談を代理で予約</h2>
      <p id="book-error" class={props.refused ? 'field-error' : undefined} role={props.refused ? 'alert' : undefined}>
        {props.why === 'erased'
          ? `${ERASED_PERSON_NO_BOOKING}代理予約には最新の申込みの氏名・連絡先を使います。ご本人にLINEから改めてお申し込みいただいてください（初めての方と同じく、すべての項目を伺います）。`
          : 'この方への自動応答を停止しているため、代理では予約できません（確定のお知らせを送れません）。予約する場合は、先に下の「自動応答の停止を解除する」で停止を解除してください。'}
      </p>
    </>
  );
}

const KINDS = ['regular', 'mothers'] as const;
const APPS = ['zoom', 'teleoffice'] as const;

/**
 * Staff book the person's next session, e.g. during their consultation (terms 6(2),
 * docs/office-rules.md §7): confirmed at once, and the person receives the confirmation card.
 */
export function BookNextForm(props: {
  frame: PageFrame;
  lineUserId: string;
  latest: Booking;
  failure: BookNextFailure | null;
}) {
  const { failure, latest } = props;
  const value = (name: string, fallback = '') => failure?.values[name] ?? fallback;
  const errorOf = (field: string) => (failure?.field === field ? failure.message : undefined);
  const aria = (field: string) =>
    errorOf(field) ? { 'aria-invalid': true as const, 'aria-describedby': `book-${field}-error` } : {};
  const text = (name: string, label: string, type: 'text' | 'date' | 'time' = 'text') => {
    const common = { id: `book-${name}`, name, value: value(name), autocomplete: 'off', ...aria(name) };
    return (
      <div class="field">
        <label for={`book-${name}`}>{label}</label>
        {type === 'date' ? (
          <input type="date" {...common} />
        ) : type === 'time' ? (
          <input type="time" {...common} />
        ) : (
          <input type="text" {...common} />
        )}
        <FieldError id={`book-${name}-error`} message={errorOf(name)} />
      </div>
    );
  };
  const radios = <T extends string>(
    name: string,
    legend: string,
    options: readonly T[],
    labels: Record<T, string>,
    checked: string,
  ) => (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((o) => (
        <div class="choice" key={o}>
          <input type="radio" name={name} id={`book-${name}-${o}`} value={o} checked={checked === o} {...aria(name)} />
          <label for={`book-${name}-${o}`}>{labels[o]}</label>
        </div>
      ))}
      <FieldError id={`book-${name}-error`} message={errorOf(name)} />
    </fieldset>
  );
  return (
    <>
      <h2 id="book-h">次回の相談を代理で予約</h2>
      <form
        method="post"
        action={`/staff/people/${encodeURIComponent(props.lineUserId)}/book`}
        class="stack action-form"
        aria-labelledby="book-h"
      >
        <p class="hint">
          相談の中でご本人と決めた次回の日時を、ご本人に代わって予約します。その場で確定し、ご本人にはLINEで確定のお知らせが届きます。氏名・連絡先は最新の申込みのものを使います。通常の受付期限（前々開庁日）を過ぎた日時も予約でき、その旨が記録されます。
        </p>
        <CsrfField token={props.frame.csrfToken} />
        {failure && failure.field === undefined ? <FieldError id="book-error" message={failure.message} /> : null}
        {radios('kind', '相談の種類', KINDS, KIND_LABEL, value('kind', latest.kind))}
        {radios('app', '使うアプリ', APPS, APP_LABEL, value('app', latest.app))}
        <div class="field-row">
          {text('date', '日付', 'date')}
          {text('time', '開始時刻（日本時間）', 'time')}
        </div>
        <fieldset class="meeting">
          <legend>Zoom のミーティング</legend>
          <p class="hint">
            Zoom の相談は、確定のお知らせにミーティングIDとパスコードを載せます（必須）。TeleOffice
            なら空欄のままにしてください。
          </p>
          <div class="field-row">
            {text('meeting_id', 'ミーティングID')}
            {text('passcode', 'パスコード')}
          </div>
          {text('join_url', '参加用リンク（任意）')}
        </fieldset>
        <div>
          <button type="submit">予約してご本人に知らせる</button>
        </div>
      </form>
    </>
  );
}
