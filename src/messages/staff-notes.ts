/**
 * Short Japanese notes to the staff group about changes made through the API, so that staff
 * working in LINE see them.
 */
import type { Dispatch } from '../bookings/dispatch.js';
import { text } from './building-blocks.js';
import { shortName } from './booking-cards.js';

/**
 * How staff recognise a person: the short form of the name of their last request (notes stay on
 * LINE's servers and staff phones, so never the full name), else the end of the LINE id.
 */
export function personLabel(name: string | null, lineUserId: string): string {
  // Empty once the details were erased after the retention period.
  return name ? `${shortName(name)} 様` : `LINE利用者（…${lineUserId.slice(-6)}）`;
}

function note(staffGroupId: string, body: string): Dispatch {
  return { audience: 'staff', recipient: staffGroupId, messages: [text(body)] };
}

export function blockedNote(staffGroupId: string, who: string, by: string): Dispatch {
  return note(
    staffGroupId,
    `${who} への自動応答を停止しました（${by}）。ご本人にはお電話でお問い合わせいただくようご案内しました。`,
  );
}

export function unblockedNote(staffGroupId: string, who: string, by: string): Dispatch {
  return note(staffGroupId, `${who} への自動応答の停止を解除しました（${by}）。`);
}

export function handbackNote(staffGroupId: string, who: string, by: string): Dispatch {
  return note(staffGroupId, `${who} とのトークを自動応答に戻しました（${by}）。`);
}

export function immediateNote(staffGroupId: string, enabled: boolean, by: string): Dispatch {
  return note(
    staffGroupId,
    enabled ? `今すぐ相談の受付を開始しました（${by}）。` : `今すぐ相談の受付を停止しました（${by}）。`,
  );
}
