import { type Instant, type LocalDateTime } from '../calendar/index.js';
import { formatInstantJa, formatSlotJa, formatTimeJa } from './format-ja.js';
import type { MeetingDetails } from '../bookings/booking-outcome.js';
import type { BookingView, PreferredChoices } from '../bookings/booking-view.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { APP_LABEL, KIND_LABEL, receiptNumber } from './booking-cards.js';
import { infoCard, meetingLines, meetingRows, paragraph, row, text, uri, zoomJoinActions } from './building-blocks.js';
import { cancelRule, NO_SHOW_RULE, OFFICE_MAY_MOVE } from './rule-sentences.js';

function office(s: OfficeSettings): string {
  return `${s.officeName} 電話 ${s.officePhone}（平日 ${formatTimeJa(s.openingMinutes)}〜${formatTimeJa(s.closingMinutes)}）`;
}

function rules(s: OfficeSettings): string {
  return (
    `・相談は${s.sessionMinutes}分以内です。開始時刻の少し前にアプリを起動し、通信の確認をお願いします。\n` +
    '・個室など、周りに人のいない場所からご参加ください。\n' +
    '・相談の録画・録音は、方法を問わずお断りしています。\n' +
    `・${cancelRule(s)}\n` +
    `・${NO_SHOW_RULE}\n` +
    `・${OFFICE_MAY_MOVE}`
  );
}

/**
 * Sent to the user when staff confirm a time: everything needed to join, and the rules.
 * `calendarUrl`: the signed .ics link of 「カレンダーに追加」 (src/bookings/calendar-link.ts).
 */
export function confirmationCard(
  b: BookingView,
  at: LocalDateTime,
  meeting: MeetingDetails | null,
  s: OfficeSettings,
  calendarUrl: string | null = null,
): LineMessage[] {
  const rows = [
    ...(b.id ? [row('受付番号', receiptNumber(b.id))] : []),
    row('日時', formatSlotJa(at, s.sessionMinutes)),
    row('相談の種類', KIND_LABEL[b.kind]),
    row('アプリ', APP_LABEL[b.app]),
    ...(b.app === 'zoom' && meeting ? meetingRows(meeting) : []),
    ...(b.app === 'teleoffice'
      ? [
          paragraph('TeleOffice の招待メールが、ご登録のメールアドレスに TeleOffice から届きます。', {
            size: 'sm',
            margin: 'md',
          }),
        ]
      : []),
    paragraph(rules(s), { size: 'sm', margin: 'lg' }),
  ];
  const actions = [
    ...(b.app === 'zoom' ? zoomJoinActions(meeting) : []),
    ...(calendarUrl ? [uri('カレンダーに追加', calendarUrl)] : []),
  ];
  return [infoCard('オンライン相談の日時が確定しました', 'オンライン相談の日時が確定しました', rows, actions)];
}

export function cancelledByUserMessages(at: LocalDateTime, s: OfficeSettings): LineMessage[] {
  return [
    text(`次のご予約をキャンセルしました。\n${formatSlotJa(at, s.sessionMinutes)}\nまたのご利用をお待ちしています。`),
  ];
}

/**
 * The person withdrew a request still awaiting staff: it had wishes, not a date, so each is named
 * (one or two: docs/office-rules.md §9); `change`: it was a request to move a confirmed session
 * (told apart from the session).
 */
export function requestWithdrawnMessages(
  choices: PreferredChoices<LocalDateTime>,
  change: boolean,
  s: OfficeSettings,
): LineMessage[] {
  const what = change ? '日時変更のお申し込み' : 'お申し込み';
  const wishes = choices.map((c, i) => `\n第${i + 1}希望 ${formatSlotJa(c, s.sessionMinutes)}`).join('');
  return [text(`次の${what}をキャンセルしました。${wishes}${change ? '' : '\nまたのご利用をお待ちしています。'}`)];
}

/** `withChange`: the person's pending request to move it was ended with it, and they are told so. */
export function cancelledByOfficeMessages(
  at: LocalDateTime,
  reason: string | null,
  s: OfficeSettings,
  withChange = false,
): LineMessage[] {
  return [
    text(
      `申し訳ありません。次のご予約は、ハローワークの都合によりキャンセルとなりました。\n${formatSlotJa(at, s.sessionMinutes)}` +
        (reason ? `\n理由: ${reason}` : '') +
        (withChange ? '\nお申し込み中だった日時変更のお申し込みも、あわせて取り消しました。' : '') +
        `\nあらためてご予約の際は「予約する」と送ってください。ご不明な点はお電話ください。\n${office(s)}`,
    ),
  ];
}

/** The office proposes (or moves to) another time; the user accepts or asks for another. */
export function proposalCard(
  at: LocalDateTime,
  changed: boolean,
  actions: readonly LineAction[],
  s: OfficeSettings,
): LineMessage[] {
  const lead = changed
    ? 'ハローワークの都合により、ご予約の日時の変更をお願いすることになりました。申し訳ありません。'
    : 'ご希望の日時でのご用意が難しいため、別の日時をご提案します。';
  return [
    infoCard(
      '日時のご提案',
      '日時のご提案',
      [
        paragraph(lead, { size: 'sm' }),
        row('ご提案の日時', formatSlotJa(at, s.sessionMinutes)),
        paragraph('この日時でよろしいですか？', { size: 'sm', margin: 'md' }),
      ],
      actions,
    ),
  ];
}

/**
 * A reminder, with what the person may want to do as buttons: see the booking, and the day before
 * cancel it in the chat; on the day, say they are late or cannot join (the words go to staff as if
 * typed: session-day-contact.ts). `phoneFrom`: when the office next opens if it is closed as the
 * reminder goes out (a Sunday before a Monday session), so it never says "call us" to a closed
 * office; null while it is open.
 */
export function reminderMessages(
  kind: 'day_before' | 'morning',
  at: LocalDateTime,
  b: BookingView,
  s: OfficeSettings,
  phoneFrom: LocalDateTime | null = null,
): LineMessage[] {
  const when = formatSlotJa(at, s.sessionMinutes);
  const title = kind === 'day_before' ? '明日はオンライン相談の日です' : '本日はオンライン相談の日です';
  // The meeting as rows (label above value), like the confirmation card, so a narrow phone never
  // breaks 「ミーティングID」 or the ID; a join link is the 「Zoom で参加」 button.
  const app =
    b.app === 'teleoffice'
      ? [paragraph('TeleOffice の招待メールをご確認ください。', { size: 'sm' })]
      : b.meeting
        ? meetingRows(b.meeting)
        : [paragraph('Zoom のミーティングIDとパスコードは、確定のご案内をご覧ください。', { size: 'sm' })];
  const email = s.officeEmail ? `（メール ${s.officeEmail} でも承ります）` : '';
  const phone = phoneFrom
    ? `お電話は${formatSlotJa(phoneFrom)}から受け付けています。\n${office(s)}`
    : `お電話でもご連絡いただけます。\n${office(s)}`;
  const ask =
    kind === 'day_before'
      ? `ご都合が悪くなった場合は、本日中に下の「予約キャンセル」を押すか、「予約キャンセル」と送ってください${email}。`
      : '遅れる場合や参加できなくなった場合は、下のボタンを押すか、このトークでお知らせください（職員に伝わります）。';
  const actions =
    kind === 'day_before'
      ? [message('予約確認'), message('予約キャンセル')]
      : [
          ...(b.app === 'zoom' ? zoomJoinActions(b.meeting) : []),
          message('予約確認'),
          message('遅れます'),
          message('参加できません'),
        ];
  return [
    infoCard(
      `${title}。${when}`,
      title,
      [
        row('日時', when),
        ...app,
        paragraph(ask, { size: 'sm', margin: 'lg' }),
        paragraph(phone, { size: 'sm', margin: 'md' }),
      ],
      actions,
    ),
  ];
}

/** A button that sends its words, exactly as if the person typed them (the conversation reads both alike). */
function message(label: string): LineAction {
  return { type: 'message', label, text: label };
}

/** A session was recorded as missed without notice (by the office, or the check 10 minutes after the start). */
export function noShowRecordedMessages(at: LocalDateTime, s: OfficeSettings): LineMessage[] {
  return [
    text(
      `次のオンライン相談は、ご参加が確認できなかったため、欠席として記録しました。\n${formatSlotJa(at, s.sessionMinutes)}\n${NO_SHOW_RULE}\nご参加されていた場合や、ご事情があった場合は、お電話でお知らせください。あらためてご予約の際は「予約する」と送ってください。\n${office(s)}`,
    ),
  ];
}

/** A no-show recorded by mistake was corrected: the person was told it counted as missed. */
export function attendanceCorrectedMessages(at: LocalDateTime, s: OfficeSettings): LineMessage[] {
  return [
    text(
      `次のオンライン相談の記録を「欠席」から「出席」に訂正しました。失礼いたしました。\n${formatSlotJa(at, s.sessionMinutes)}`,
    ),
  ];
}

/** Answer to a message on the session day that the bot cannot act on (see session-day-contact.ts). */
export function sessionDayContactMessages(
  when: string,
  meeting: MeetingDetails | null,
  s: OfficeSettings,
): LineMessage[] {
  const join = meeting ? `\n${meetingLines(meeting)}` : '';
  return [
    text(
      `本日のオンライン相談（${when}）についてのご連絡として、職員に伝えました。${join}\n遅れる場合や、つながらない場合は、お電話でもご連絡ください。\n${office(s)}`,
    ),
  ];
}

/**
 * The office's reply deadline passed. It falls at closing time, so the person is told which
 * request it is, that it still stands, and when the phone is answered, rather than only "call us".
 */
export function replyOverdueUserMessages(choices: PreferredChoices<LocalDateTime>, s: OfficeSettings): LineMessage[] {
  return [
    text(
      `お申し込み（第1希望 ${formatSlotJa(choices[0], s.sessionMinutes)}）へのご連絡が遅れており、申し訳ありません。お申し込みはそのまま有効で、担当者からこのトークでご連絡します。\n` +
        `お急ぎの場合は、お手数ですが開庁時間内にお電話でご確認ください。\n${office(s)}`,
    ),
  ];
}

export function blockedUserMessages(s: OfficeSettings): LineMessage[] {
  return [text(`このアカウントでのご案内は停止しています。ご用件は、お電話でお問い合わせください。\n${office(s)}`)];
}

export function immediateRequestedMessages(): LineMessage[] {
  return [
    text(
      '今すぐ相談のお申し込みを受け付けました。担当者の手が空きしだい、求職登録の電話番号にお電話します。しばらくお待ちください。',
    ),
  ];
}

/** 予約確認 while a 今すぐ相談 request waits for staff (`since`: when it was made). */
export function immediateWaitingMessages(since: Instant): LineMessage[] {
  return [
    text(
      `今すぐ相談をお申し込み中です（${formatInstantJa(since)} 受付）。担当者の手が空きしだい、求職登録の電話番号にお電話します。\n取りやめる場合は「予約キャンセル」と送ってください。`,
    ),
  ];
}

/** The person called off their 今すぐ相談 request before anyone took it. */
export function immediateWithdrawnMessages(): LineMessage[] {
  return [
    text(
      '今すぐ相談のお申し込みを取り下げました。お電話はいたしません。\nまたご相談を希望される場合は「今すぐ相談」か「予約する」と送ってください。',
    ),
  ];
}

export function immediateAcceptedMessages(s: OfficeSettings): LineMessage[] {
  return [
    text(
      `担当者がまもなく、求職登録の電話番号にお電話します（${s.officeName}）。アクセスコードをお伝えしますので、電話に出られるようにしてお待ちください。`,
    ),
  ];
}

export function immediateUnavailableMessages(s: OfficeSettings): LineMessage[] {
  return [
    text(
      `申し訳ありません。ただいま対応できる担当者がおらず、今すぐ相談をお受けできませんでした。「予約する」で日時を予約していただくか、お電話でご相談ください。\n${office(s)}`,
    ),
  ];
}

export function requestExpiredMessages(s: OfficeSettings): LineMessage[] {
  return [
    text(
      `申し訳ありません。お申し込みいただいた日時にご案内できないまま、希望日時が過ぎてしまいました。お手数ですが、「予約する」であらためてお申し込みいただくか、お電話でご相談ください。\n${office(s)}`,
    ),
  ];
}

/** A change request closed (unanswered in time, or withdrawn by the office): the confirmed session it would have replaced still holds. */
export function changeRequestEndedMessages(
  kept: LocalDateTime,
  why: 'expired' | 'office',
  reason: string | null,
  s: OfficeSettings,
): LineMessage[] {
  const ended =
    why === 'expired'
      ? '申し訳ありません。日時変更のお申し込みは、ご案内できないまま希望日時が過ぎたため終了しました。'
      : `申し訳ありません。日時変更のお申し込みは、ハローワークの都合により取り消しとなりました。${reason ? `\n理由: ${reason}` : ''}`;
  return [
    text(
      `${ended}\n現在のご予約はそのまま有効です。\n${formatSlotJa(kept, s.sessionMinutes)}\n別の日時への変更をご希望の場合は「予約変更」と送ってください。ご不明な点はお電話ください。\n${office(s)}`,
    ),
  ];
}

export function processingFailedMessages(): LineMessage[] {
  return [
    text(
      '申し訳ありません。ただいまお返事できない状態です。お手数ですが、しばらくしてからもう一度お送りいただくか、お電話でお問い合わせください。',
    ),
  ];
}
