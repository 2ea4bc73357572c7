import { formatSlotJa } from './format-ja.js';
import { encodeBookingAction } from '../../machines/booking/postback.js';
import type { BookingView } from '../bookings/booking-view.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { postback, text, uri } from './building-blocks.js';
import { shortName, staffRequestCard, receiptNumber } from './booking-cards.js';

/**
 * How staff notes name a booking: the start of its id and the short form of the person's name
 * (none once erased); notes stay on LINE's servers and staff phones, so never the full name.
 */
export function bookingRef(b: { bookingId: string; name: string | null }): string {
  const number = receiptNumber(b.bookingId);
  return b.name ? `受付番号 ${number}（${shortName(b.name)} 様）` : `受付番号 ${number}`;
}

/**
 * A new request (or a change request) for the staff group, with what staff can do about it;
 * `free`: whether each preferred time could be confirmed now (src/bookings/choice-free.ts).
 */
export function staffRequestMessages(
  b: BookingView,
  s: OfficeSettings,
  change: boolean,
  free: readonly boolean[],
): LineMessage[] {
  const id = b.id!;
  const actions = [
    postback('第1希望で確定', encodeBookingAction({ action: 'confirm1', bookingId: id })),
    // A request may hold one choice (docs/office-rules.md §9): no second to confirm then.
    ...(b.choices[1] ? [postback('第2希望で確定', encodeBookingAction({ action: 'confirm2', bookingId: id }))] : []),
    postback('別の日時を提案', encodeBookingAction({ action: 'propose', bookingId: id })),
    postback('担当者が対応', encodeBookingAction({ action: 'takeover', bookingId: id })),
  ];
  return [staffRequestCard(b, s, actions, change ? '日時変更の申込み' : '新しいオンライン相談の申込み', free)];
}

/** The person turned down a proposed time, was asked for new ones, and stopped without giving any. */
export function staffDeclinedChangeStoppedMessages(ref: string): LineMessage[] {
  return [
    text(
      `ご本人は提案の日時を辞退したあと、新しい希望日時の入力をやめました: ${ref}。お申し込みは今の内容のままです。別の日時を提案するか、ご本人にご連絡ください。`,
    ),
  ];
}

export function staffReplyOverdueMessages(b: BookingView, s: OfficeSettings): LineMessage[] {
  return [
    text(
      `【返信期限切れ】受付番号 ${b.id ? receiptNumber(b.id) : ''}（${shortName(b.name)} 様）の申込みに、期限までに返信がありません。第1希望 ${formatSlotJa(b.choices[0], s.sessionMinutes)}。ご本人にはお電話での確認をお願いしました。`,
    ),
  ];
}

/**
 * An immediate-session request for the staff group: who (by family name), whether an interpreter or
 * helper attends, and who takes it. Like the request card, it leaves the job-seeker number out: the
 * card stays on LINE's servers and every staff phone, while the console's 本日の相談 shows the
 * details to the member who takes it and records that they read them (docs/staff-console.md).
 */
export function staffImmediateMessages(
  name: string,
  interpreter: boolean,
  requestId: string,
  s: Pick<OfficeSettings, 'consoleUrl'>,
  /** Who attends, as the person said (「通訳・英語」「介助者」), when someone does. */
  who?: string,
): LineMessage[] {
  const where = s.consoleUrl ? '管理画面の「本日の相談」' : 'スタッフ画面の「本日の相談」';
  const actions: LineAction[] = [
    postback('対応する', encodeBookingAction({ action: 'immediate', bookingId: requestId })),
  ];
  if (s.consoleUrl) actions.push(uri('管理画面で開く', `${s.consoleUrl}/today`));
  return [
    {
      type: 'flex',
      altText: '今すぐ相談の申込み',
      contents: {
        type: 'bubble',
        body: {
          type: 'box',
          layout: 'vertical',
          contents: [
            { type: 'text', text: '【今すぐ相談の申込み】', weight: 'bold', wrap: true },
            {
              type: 'text',
              text: `${name ? `${shortName(name)} 様` : 'ご利用者'}\n通訳・介助者の同席: ${interpreter ? `あり${who ? `（${who}）` : ''}` : 'なし'}\n対応する方は、氏名と求職番号を${where}で確かめ、求職登録の電話番号へ折り返してアクセスコードをお伝えください。`,
              wrap: true,
              size: 'sm',
            },
          ],
        },
        footer: {
          type: 'box',
          layout: 'vertical',
          spacing: 'sm',
          contents: actions.map((action, i) => ({
            type: 'button' as const,
            style: i === 0 ? ('primary' as const) : ('secondary' as const),
            height: 'sm' as const,
            action,
          })),
        },
      },
    },
  ];
}

/** A short note to the staff group with buttons (Flex, so LINE for PC shows them too). */
export function noteWithButtons(
  body: string,
  actions: readonly LineAction[],
  altText = body.slice(0, 400),
): LineMessage {
  return {
    type: 'flex',
    altText,
    contents: {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: body, wrap: true, size: 'sm' }] },
      footer: {
        type: 'box',
        layout: 'vertical',
        spacing: 'sm',
        contents: actions.map((action) => ({
          type: 'button' as const,
          style: 'secondary' as const,
          height: 'sm' as const,
          action,
        })),
      },
    },
  };
}

/** What a staff note quotes of a message: enough to act on, never a wall of text. */
const QUOTE_LIMIT = 200;

/** At most QUOTE_LIMIT characters, cut between characters (never inside an emoji's surrogate pair). */
function quote(message: string): string {
  const chars = Array.from(message);
  return chars.length > QUOTE_LIMIT ? `${chars.slice(0, QUOTE_LIMIT).join('')}…` : message;
}

/**
 * The person wrote on the day of their session (see src/conversation/session-day-contact.ts);
 * without `message`, they asked to change or cancel it and were given the phone number.
 */
export function staffSessionDayContactMessages(ref: string, when: string, message: string | undefined): LineMessage[] {
  const quoted =
    message === undefined
      ? '当日の変更・キャンセルを希望されています（お電話をご案内しました）。'
      : `「${quote(message)}」`;
  return [
    text(
      `【当日のご連絡】${ref}（${when}）から、本日メッセージがありました。\n${quoted}\nLINE 公式アカウントのチャットでご確認ください。開始から10分を過ぎても出席の記録がない場合は、連絡ありのキャンセルとして記録します（欠席回数には数えません）。`,
    ),
  ];
}

/** The person called off their immediate-session request before anyone took it. */
export function staffImmediateWithdrawnMessages(name: string): LineMessage[] {
  return [text(`今すぐ相談（${shortName(name)} 様）は、ご本人が取り下げました。お電話は不要です。`)];
}

/** Nobody took an immediate-session request in time; the person was offered a booking. */
export function staffImmediateClosedMessages(name: string): LineMessage[] {
  return [
    text(
      `今すぐ相談（${shortName(name)} 様）は、対応できる職員がいなかったため締め切りました。ご本人には予約をご案内しました。`,
    ),
  ];
}

/** A request whose times all passed unanswered was closed; `keptId`: a change request's confirmed session, which stays. */
export function staffRequestLapsedMessages(ref: string, keptId: string | null): LineMessage[] {
  return [
    text(
      keptId
        ? `【未回答のまま終了】${ref}の日時変更の申込みは、希望日時がすべて過ぎたため終了しました。元のご予約（受付番号 ${receiptNumber(keptId)}）はそのままです。`
        : `【未回答のまま終了】${ref}の申込みは、希望日時がすべて過ぎたため終了しました。`,
    ),
  ];
}
