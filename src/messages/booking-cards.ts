import { companionJa } from './companion-ja.js';
import { toLocal, type LocalDateTime } from '../calendar/index.js';
import { formatInstantJa, formatSlotJa, formatTimeJa } from './format-ja.js';
import { encodeBookingAction } from '../../machines/booking/postback.js';
import type { OfficeSettings } from '../office/settings.js';
import type { BookingView } from '../bookings/booking-view.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import { phoneForDisplay } from '../validation/phone.js';
import { infoCard, meetingRows, paragraph, postback, row, text, uri, zoomJoinActions } from './building-blocks.js';

export const KIND_LABEL = { regular: '一般の職業相談', mothers: 'マザーズコーナー' } as const;
export const APP_LABEL = { zoom: 'Zoom', teleoffice: 'TeleOffice' } as const;
const STATUS_LABEL = {
  requested: '受付済み（日程調整中）',
  confirmed: '確定',
  cancelled: 'キャンセル済み',
  no_show: '欠席',
  attended: '相談済み',
} as const;

/** A preferred time as cards show it: 「なし」 for a second choice the person did not give (docs/office-rules.md §9). */
export function choiceJa(b: Pick<BookingView, 'choices'>, i: 0 | 1, s: OfficeSettings): string {
  const at = b.choices[i];
  return at ? formatSlotJa(at, s.sessionMinutes) : 'なし';
}

function detailRows(b: BookingView, s: OfficeSettings) {
  const slot = (i: 0 | 1) => choiceJa(b, i, s);
  return [
    row('相談の種類', KIND_LABEL[b.kind]),
    row('利用アプリ', APP_LABEL[b.app]),
    row('お名前', b.name),
    row('求職番号', b.jobSeekerNumber),
    row('第1希望', slot(0)),
    row('第2希望', slot(1)),
    row('メール', b.email),
    row('電話番号', phoneForDisplay(b.phone)),
    row('通訳・介助者', companionJa(b)),
  ];
}

/**
 * The short reference of a booking that the person and staff both see (受付番号): the start of its
 * id, enough to tell bookings apart on the phone, never personal data.
 */
export function receiptNumber(bookingId: string): string {
  return bookingId.slice(0, 8);
}

/** The card shown before submitting: everything entered, with submit and edit buttons. */
export function reviewCard(b: BookingView, s: OfficeSettings, actions: readonly LineAction[]): LineMessage {
  return infoCard(
    'お申し込み内容の確認',
    'お申し込み内容をご確認ください',
    [
      ...detailRows(b, s),
      paragraph('よろしければ「この内容で申し込む」を押してください。', { size: 'sm', margin: 'lg' }),
    ],
    actions,
  );
}

/**
 * What the user is told once the request is stored. `change`: it asks to move a booking; `keeps` is
 * the confirmed session that still holds until staff confirm the new time (null for a request
 * that replaces another request).
 */
export function submittedMessages(
  b: BookingView,
  s: OfficeSettings,
  change: { keeps: LocalDateTime | null } | null = null,
): LineMessage[] {
  const due = b.replyDue ? formatInstantJa(b.replyDue) : '1開庁日以内';
  const opening = change
    ? `日時変更のお申し込みを受け付けました。ありがとうございます。\n` +
      (change.keeps
        ? `新しい日時が確定するまでは、今のご予約（${formatSlotJa(change.keeps, s.sessionMinutes)}）がそのまま有効です。\n`
        : '')
    : `お申し込みを受け付けました。ありがとうございます。\n`;
  return [
    text(
      opening +
        (b.id ? `受付番号: ${receiptNumber(b.id)}（お問い合わせの際にお伝えください）\n` : '') +
        '\n' +
        `担当者が日程を調整し、${due}までに、このトークでご連絡します（確定した日時${b.app === 'zoom' ? '、Zoom のミーティングIDとパスコード' : '。TeleOffice の招待メールはその後 TeleOffice から届きます'}）。\n\n` +
        `${due}を過ぎても連絡がない場合は、お手数ですがお電話でご確認ください。\n${s.officeName} 電話 ${s.officePhone}（平日 ${formatTimeJa(s.openingMinutes)}〜${formatTimeJa(s.closingMinutes)}）\n\n` +
        `当日は、個室など周りに人のいない場所からご参加ください。相談の録画・録音はできません。`,
    ),
  ];
}

/**
 * The user's open booking(s): a confirmed one, and a change of it waiting for staff. `asked`: the
 * user asked to see them (予約確認); otherwise they are shown instead of starting a second booking.
 */
export function activeBookingMessages(
  bookings: readonly BookingView[],
  s: OfficeSettings,
  asked: boolean,
): LineMessage[] {
  const cards = bookings.map((b) => {
    const title =
      b.status === 'confirmed'
        ? '確定しているご予約'
        : bookings.length > 1
          ? '日時変更のお申し込み（調整中）'
          : 'お申し込み中の予約';
    const rows = [
      ...(b.id ? [row('受付番号', receiptNumber(b.id))] : []),
      row('状況', b.status ? STATUS_LABEL[b.status] : ''),
      ...(b.confirmed ? [row('確定日時', formatSlotJa(b.confirmed, s.sessionMinutes))] : []),
      // The meeting is what the person needs on the day; the confirmation may have scrolled away.
      ...(b.status === 'confirmed' && b.app === 'zoom' && b.meeting ? meetingRows(b.meeting) : []),
      ...(b.proposedStart ? [row('ご提案の日時', formatSlotJa(toLocal(b.proposedStart), s.sessionMinutes))] : []),
      ...detailRows(b, s),
      ...(b.proposedStart
        ? [
            paragraph('ハローワークから別の日時をご提案しています。下のボタンでお返事ください。', {
              size: 'sm',
              margin: 'lg',
            }),
          ]
        : []),
    ];
    // The proposal's own buttons again, so someone who lost the card can still answer it.
    const actions =
      b.proposedStart && b.id
        ? proposalActions(b.id, b.proposedStart)
        : b.status === 'confirmed' && b.app === 'zoom'
          ? zoomJoinActions(b.meeting)
          : [];
    return infoCard(title, title, rows, actions);
  });
  const lead = asked ? '現在のご予約の内容です。' : 'すでにお申し込み中の予約があります。内容は次のとおりです。';
  return [
    text(lead),
    ...cards,
    text(
      `日時の変更は「予約変更」、キャンセルは「予約キャンセル」と送ってください${s.officeEmail ? `（キャンセルはメール ${s.officeEmail} でも承ります）` : ''}。ご予約当日の変更・キャンセルはお電話でお願いします。\n` +
        `${s.officeName} 電話 ${s.officePhone}`,
    ),
  ];
}

/** The card posted to the staff group when a request arrives, with the staff's actions. */
export function staffRequestCard(
  b: BookingView,
  s: OfficeSettings,
  actions: readonly LineAction[] = [],
  title = '新しいオンライン相談の申込み',
  free: readonly boolean[] = [],
): LineMessage {
  // Whether staff could confirm the time now (src/bookings/choice-free.ts), when known.
  const state = (i: 0 | 1) =>
    b.choices[i] && free[i] !== undefined ? (free[i] ? '（空きあり）' : '（空きなし）') : '';
  const slot = (i: 0 | 1) => `${choiceJa(b, i, s)}${state(i)}`;
  // What staff need to decide, and no more: the card stays on LINE's servers and every staff
  // phone, beyond the office's retention period. The person's details are read in the console,
  // where reading them is recorded (docs/staff-console.md).
  const rows = [
    ...(b.id ? [row('受付番号', receiptNumber(b.id))] : []),
    row('お名前', `${shortName(b.name)} 様`),
    row('相談の種類', KIND_LABEL[b.kind]),
    row('利用アプリ', APP_LABEL[b.app]),
    row('第1希望', slot(0)),
    row('第2希望', slot(1)),
    row('通訳・介助者', companionJa(b)),
    ...(b.replyDue ? [row('返信期限', formatInstantJa(b.replyDue))] : []),
    paragraph(
      s.consoleUrl && b.id
        ? '氏名・求職番号・連絡先は管理画面でご確認ください。'
        : '氏名・求職番号・連絡先は、スタッフ画面の受付一覧からご確認ください。',
      { size: 'xs', margin: 'md' },
    ),
  ];
  const link = s.consoleUrl && b.id ? [uri('管理画面で開く', `${s.consoleUrl}/bookings/${b.id}`)] : [];
  return infoCard(`${title}（受付番号 ${b.id ? receiptNumber(b.id) : ''}）`, title, rows, [...actions, ...link]);
}

/**
 * The short form of a name a staff-group card shows: the family name when the name has a space
 * in it (「青森 花子」 → 「青森」), else its first two characters and an ellipsis, enough for staff
 * to recognise the person they are talking about without the card carrying the full name.
 */
export function shortName(name: string): string {
  const first = name.trim().split(/[\s\u3000]+/u)[0] ?? '';
  if (first !== name.trim()) return first;
  const chars = [...first];
  return chars.length <= 2 ? first : `${chars.slice(0, 2).join('')}…`;
}

/** The person's two answers to a proposal; `proposed` ties them to the time shown. */
export function proposalActions(bookingId: string, proposed: string): LineAction[] {
  return [
    postback('この日時で受ける', encodeBookingAction({ action: 'accept', bookingId, proposed })),
    postback('別の日時を希望する', encodeBookingAction({ action: 'decline', bookingId, proposed })),
  ];
}
