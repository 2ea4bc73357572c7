import type { OfficeSettings } from '../office/settings.js';
import { formatTimeJa } from './format-ja.js';

/**
 * Sentences that state one of the office's rules and appear in more than one message: written
 * once, so the terms summary, the confirmation card and the no-show notice cannot drift apart.
 * See docs/office-rules.md §10 and §11.
 */

/** A session missed without contact counts as a cancellation, and even one may end online use. */
export const NO_SHOW_RULE =
  'ご連絡のないまま開始から10分が過ぎるとキャンセルとみなされ、その場合は以後のオンライン相談をお断りすることがあります。';

/** The office may move a booked session (the person is asked to accept the new time). */
export const OFFICE_MAY_MOVE = 'ハローワークの都合により、ご予約の日時の変更をお願いする場合があります。';

/**
 * How a booking is cancelled: in this chat up to the day before, or by e-mail when the office gives
 * an address (terms 6(4) allow phone or e-mail); on the day, by phone only.
 */
export function cancelRule(s: OfficeSettings): string {
  const email = s.officeEmail ? `、メール（${s.officeEmail}）でご連絡ください` : 'てください';
  // The number is given right where the phone is named: on the day it is the only way.
  return `キャンセルは前日までこのトークで「予約キャンセル」と送${s.officeEmail ? 'るか' : 'っ'}${email}。当日はお電話のみです（電話 ${s.officePhone}、平日 ${formatTimeJa(s.openingMinutes)}〜${formatTimeJa(s.closingMinutes)}）。`;
}
