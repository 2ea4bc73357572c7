import type { LocalDateTime } from '../calendar/index.js';
import type { HandoffCommand } from '../../machines/booking/input.js';
import { encodeChatAction } from '../../machines/booking/postback.js';
import type { BookingView } from '../bookings/booking-view.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { activeBookingMessages, shortName } from './booking-cards.js';
import { postback, text } from './building-blocks.js';
import { formatSlotJa } from './format-ja.js';
import { noticeMessage } from './notice-messages.js';
import { noteWithButtons } from './staff-messages.js';

/*
 * The words of a takeover: a person asks for staff (or staff take the chat over), staff answer in
 * LINE's own chat, and hand the chat back to the bot; meanwhile the bot answers only what never
 * gets in their way.
 */

/**
 * The person asked for staff (or staff took the chat over). `nextOpening`: when the office next
 * opens, if it is closed now, so the person knows the answer will not come tonight; null while it
 * is open. 予約確認 and ヘルプ keep answering meanwhile (handoffAnswer below).
 */
export function handoffUserMessages(nextOpening: LocalDateTime | null): LineMessage[] {
  const when = nextOpening
    ? `ただいま閉庁時間のため、職員からのお返事は${formatSlotJa(nextOpening)}以降になります。`
    : '職員からこのトークでお返事しますので、しばらくお待ちください。';
  return [
    text(`担当者に引き継ぎました。${when}\nお待ちいただく間も、「予約確認」と送るとご予約の内容を確認できます。`),
  ];
}

/** `inProgress`: a booking was being filled in when the person asked for staff; it is still there. */
export function handbackUserMessages(inProgress = false): LineMessage[] {
  if (inProgress)
    return [
      text(
        '職員とのやりとりを終了し、自動応答に戻りました。お申し込みの入力は、前の質問の続きからお答えいただけます（やめる場合は「やめる」、やり直す場合は「最初から」と送ってください）。',
      ),
    ];
  return [
    text('職員とのやりとりを終了し、自動応答に戻りました。ご用件は「予約する」「予約確認」などと送ってください。'),
  ];
}

/**
 * The bot's answer while staff have the chat, with a line saying they still do: the booking for
 * 予約確認, the help for ヘルプ, and for a command it would otherwise act on (`held`), that it was
 * not carried out. `bookings`: the person's bookings, the one being replaced first.
 */
export function handoffAnswer(
  command: HandoffCommand,
  s: OfficeSettings,
  bookings: readonly BookingView[],
): LineMessage[] {
  if (command === 'held') return noticeMessage({ key: 'handoffHeld' }, s);
  const still = noticeMessage({ key: 'handoffContinues' }, s);
  if (command === 'help') return [...noticeMessage({ key: 'help' }, s), ...still];
  return bookings.length > 0
    ? [...activeBookingMessages(bookings, s, true), ...still]
    : [...noticeMessage({ key: 'noActiveBooking' }, s), ...still];
}

/** The button that hands a chat staff took over back to the bot: keyed on the person, who may have no booking. */
export function handbackButton(lineUserId: string): LineAction {
  return postback('自動応答に戻す', encodeChatAction({ action: 'handback', lineUserId }));
}

/** The staff group's note of a person asking for staff, with the button that hands the chat back. */
export function staffHandoffMessages(name: string | null, summary: string, lineUserId: string): LineMessage[] {
  const lines = `【担当者対応の依頼】${name ? `${shortName(name)} 様` : 'ご利用者'}が職員との会話を希望しています。\n${summary}\nLINE公式アカウントのチャットからお返事ください。終わったら「自動応答に戻す」を押してください。`;
  return [noteWithButtons(lines, [handbackButton(lineUserId)], '担当者対応の依頼')];
}

/** The line of a handoff request that says what the person has booked, if anything. */
export function handoffBookingSummary(
  booking: { at: LocalDateTime; confirmed: boolean } | null,
  s: OfficeSettings,
): string {
  return booking
    ? `予約: ${formatSlotJa(booking.at, s.sessionMinutes)}（${booking.confirmed ? '確定' : '調整中'}）`
    : '予約: なし';
}

/**
 * While staff have the chat, the person sent a command the bot would otherwise act on (予約キャンセル,
 * 予約変更...): it was not carried out, and staff are asked to see to it in the chat. `typed`: the
 * words, when typed rather than tapped.
 */
export function staffHandoffRequestMessages(ref: string | null, typed: string | null): LineMessage[] {
  const who = ref ?? '担当者対応中のご利用者';
  const what = typed ? `「${typed}」と送りました` : 'メニューから操作しました';
  return [
    text(
      `【担当者対応中のご依頼】${who}が${what}。担当者対応中のため自動応答では受け付けず、職員にお伝えいただくよう案内しました。LINE公式アカウントのチャットでご確認ください。`,
    ),
  ];
}
