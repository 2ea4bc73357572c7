import type { BookingStatus } from '../../db/schema.js';
import type { BookingRefusalCode } from '../bookings/booking-outcome.js';

/** How the staff chat says what happened to a booking while a question about it was open. */
const STATUS_CHANGE_TEXT: Partial<Record<BookingStatus, string>> = {
  confirmed: 'ほかの職員が確定した',
  requested: '確定が取り消された',
  cancelled: 'キャンセルされた',
  attended: '出席が記録された',
  no_show: '欠席が記録された',
};

/** 「例: 12/16 10:30」 with a free slot; the form alone when nothing is free. */
function whenExample(example: string | undefined, zoom: boolean): string {
  const meeting = zoom ? ' 123 4567 8901 abc123' : '';
  return example ? `例: ${example}${meeting}` : `形式: 月/日 時:分${meeting ? ' ミーティングID パスコード' : ''}`;
}

/** What the bot says in the staff group while staff act on requests (kept with the other texts). */
export const STAFF_TEXT = {
  immediateTaken: 'この今すぐ相談は、すでにほかの職員が対応しています。',
  immediateWithdrawn: 'この今すぐ相談は、ご本人が取り下げました。お電話は不要です。',
  immediateClosed:
    'この今すぐ相談は、対応できる職員がいなかったため締め切られています。ご本人には予約をご案内済みです。',
  immediateAccepted: '今すぐ相談の対応者が決まりました。求職登録の電話番号へ折り返してください。',
  askZoomDetails: (ref: string, when: string) =>
    `受付番号 ${ref} を ${when} で確定します。Zoom のミーティングIDとパスコード、または参加用リンク（https://…）を送ってください（両方でも構いません）。\n例: 123 4567 8901 abc123\n（取りやめる場合は「取消」）`,
  // Examples are a slot free when the prompt is written (`example`, 「12/16 10:30」), never a fixed date.
  askProposal: (ref: string, zoom: boolean, example?: string) =>
    `受付番号 ${ref} に提案する日時を送ってください${zoom ? '（Zoom の場合はミーティングIDとパスコード、または参加用リンクも）' : ''}。\n${whenExample(example, zoom)}\n（取りやめる場合は「取消」）`,
  askMove: (ref: string, when: string, zoom: boolean, example?: string) =>
    `受付番号 ${ref}（確定済み ${when}）の変更後の日時を送ってください${zoom ? '（Zoom のミーティングIDとパスコード、または参加用リンクを変える場合はそれも）' : ''}。ご本人が承諾するまでは今の日時のままです。\n${whenExample(example, zoom)}\n（取りやめる場合は「取消」）`,
  proposeConfirmed: (ref: string) =>
    `受付番号 ${ref} はすでに確定しています。確定した日時を変える場合は、確定のお知らせの「日時を変更」を押してください。`,
  moveRequested: (ref: string) =>
    `受付番号 ${ref} はまだ確定していません。別の日時をご案内する場合は、申込みの「別の日時を提案」を押してください。`,
  statusChanged: (status: BookingStatus) => STATUS_CHANGE_TEXT[status] ?? '状態が変わった',
  otherChange: 'ほかの操作があった',
  changedMeanwhile: (ref: string, now: string) =>
    `受付番号 ${ref} は、その間に${now}ため、この入力では操作しませんでした。必要なら、最新のお知らせのボタンからやり直してください。`,
  takeoverClosed: (ref: string) =>
    `受付番号 ${ref} の申込みはすでに終わっています（キャンセル済みなど）。ご本人とやりとりする場合は、LINE 公式アカウントのチャットから直接メッセージを送ってください。`,
  takenOver: (ref: string) =>
    `職員が対応します（受付番号 ${ref}）。ご本人には、このトークで職員からお返事すると伝えました。やりとりは LINE 公式アカウントのチャットで行い、終わったら下の「自動応答に戻す」を押してください。`,
  handedBack: '自動応答に戻しました。',
  alreadyTakenOver: (ref: string) =>
    `この方とは、すでに職員がやりとりしています（受付番号 ${ref}）。終わったら自動応答に戻してください。`,
  notInHandoff: 'この方には、すでに自動応答でお返事しています。',
  personUnknown: 'この方の記録が見つかりません。',
  attendanceTooEarly: '出席は、相談の開始後に記録してください。',
  promptCancelled: '操作を取りやめました。',
  // LINE on PC does not say who pressed a button, so two such members cannot be told apart.
  promptHeld: (ref: string) =>
    `受付番号 ${ref} の入力をお待ちしています（パソコン版LINEからの操作は、どの職員か区別できません）。先にその入力を送るか、「取消」と送ってから操作してください。`,
  zoomUnreadable:
    'ミーティングIDとパスコード、または参加用リンクを読み取れませんでした。例: 123 4567 8901 abc123 または https://zoom.us/j/12345678901?pwd=…',
  whenUnreadable: (example?: string) => `日時を読み取れませんでした。${whenExample(example, false)}`,
  restUnreadable: (example?: string) =>
    `日時のあとの部分を読み取れませんでした。日時だけ、または「日時 ミーティングID パスコード」か「日時 参加用リンク」の形で送ってください。${whenExample(example, true)}`,
} as const;

/** Why a staff action could not be done, by the booking refusal's code. */
export const STAFF_ERROR_TEXT: Record<BookingRefusalCode, string> = {
  slot_full:
    // The calendar shows 満席 also for a slot held by a request still waiting for an answer (its first
    // choice holds a place): say so, or staff look for a colleague's confirmation that never happened.
    'その枠はすでに埋まっています（確定した相談と、回答待ちの申込みの第1希望で定員に達しています）。別の日時を提案してください。',
  already_confirmed: 'この申込みはすでに確定しています。',
  invalid_status: 'この申込みは、キャンセル済みなどのため操作できません。',
  not_found: '該当する申込みが見つかりません。',
  past: 'その日時はすでに過ぎています。',
  closed_day: 'その日はこの種類の相談を行っていません（閉庁日・祝日など）。',
  outside_window: 'その時刻では相談時間内に収まりません。',
  meeting_required: 'Zoom のミーティングIDとパスコードが必要です（参加用リンクでも構いません）。',
  no_second_choice: 'この申込みには第2希望がありません。第1希望で確定するか、別の日時を提案してください。',
  // Erased after the retention period or on the person's request (docs/office-rules.md §16): either may be why.
  personal_data_erased:
    'この申込みは個人情報（氏名・連絡先など）を削除済みのため操作できません（保存期間の経過、またはご本人の申出による削除）。',
  // Booking the next session for a person (src/bookings/book-for-person.ts).
  beyond_horizon: 'その日は予約を受け付けている期間より先です。',
  person_unknown:
    'この方の以前の申込みが見つからないため、代理で予約できません（初めての方はご本人からお申込みください）。',
  person_blocked: 'この方への自動応答を停止しているため、代理で予約できません（確定のお知らせを送れません）。',
  open_request:
    'この方には職員の回答を待っている申込みがあります。先にその申込みを確定するか、キャンセルしてください。',
  session_ahead: 'この方にはこれから行う確定済みの相談があります。日時を変える場合は、その予約を変更してください。',
  // Refusals of the person's own actions; a staff member never meets them, but every code has words.
  same_day: '当日のキャンセルは、お電話でのみ承っています。',
  no_proposal: 'この申込みには、回答を待っている提案がありません。',
};
