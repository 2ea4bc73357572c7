import { formatSlotJa } from '../calendar/index.js';
import { encodeBookingAction, encodeChatAction } from '../bookings/booking-actions.js';
import type { BookingView } from '../bookings/booking-view.js';
import type { LineAction, LineMessage } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { postback, text } from './building-blocks.js';
import { staffRequestCard } from './booking-cards.js';

/** How staff notes name a booking: the start of its id and the person's name (none once erased). */
export function bookingRef(b: { bookingId: string; name: string | null }): string {
  return b.name ? `受付番号 ${b.bookingId.slice(0, 8)}（${b.name} 様）` : `受付番号 ${b.bookingId.slice(0, 8)}`;
}

/** A new request (or a change request) for the staff group, with what staff can do about it. */
export function staffRequestMessages(b: BookingView, s: OfficeSettings, change: boolean): LineMessage[] {
  const id = b.id!;
  const actions = [
    postback('第1希望で確定', encodeBookingAction({ action: 'confirm1', bookingId: id })),
    postback('第2希望で確定', encodeBookingAction({ action: 'confirm2', bookingId: id })),
    postback('別の日時を提案', encodeBookingAction({ action: 'propose', bookingId: id })),
    postback('担当者が対応', encodeBookingAction({ action: 'takeover', bookingId: id })),
  ];
  return [staffRequestCard(b, s, actions, change ? '日時変更の申込み' : '新しいオンライン相談の申込み')];
}

/** The button that hands a chat staff took over back to the bot: keyed on the person, who may have no booking. */
export function handbackButton(lineUserId: string): LineAction {
  return postback('自動応答に戻す', encodeChatAction({ action: 'handback', lineUserId }));
}

export function staffHandoffMessages(name: string | null, summary: string, lineUserId: string): LineMessage[] {
  const lines = `【担当者対応の依頼】${name ? `${name} 様` : 'ご利用者'}が職員との会話を希望しています。\n${summary}\nLINE公式アカウントのチャットからお返事ください。終わったら「自動応答に戻す」を押してください。`;
  return [noteWithButtons(lines, [handbackButton(lineUserId)], '担当者対応の依頼')];
}

export function staffReplyOverdueMessages(b: BookingView, s: OfficeSettings): LineMessage[] {
  return [text(`【返信期限切れ】受付番号 ${b.id?.slice(0, 8)}（${b.name} 様）の申込みに、期限までに返信がありません。第1希望 ${formatSlotJa(b.choices[0], s.sessionMinutes)}。ご本人にはお電話での確認をお願いしました。`)];
}

export function staffImmediateMessages(name: string, jobSeekerNumber: string, requestId: string): LineMessage[] {
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
            { type: 'text', text: `${name} 様（求職番号 ${jobSeekerNumber}）\n求職登録の電話番号へ折り返し、アクセスコードをお伝えください。`, wrap: true, size: 'sm' },
          ],
        },
        footer: { type: 'box', layout: 'vertical', contents: [{ type: 'button', style: 'primary', height: 'sm', action: postback('対応する', encodeBookingAction({ action: 'immediate', bookingId: requestId })) }] },
      },
    },
  ];
}

/** A short note to the staff group with buttons (Flex, so LINE for PC shows them too). */
export function noteWithButtons(body: string, actions: readonly LineAction[], altText = body.slice(0, 400)): LineMessage {
  return {
    type: 'flex',
    altText,
    contents: {
      type: 'bubble',
      body: { type: 'box', layout: 'vertical', contents: [{ type: 'text', text: body, wrap: true, size: 'sm' }] },
      footer: { type: 'box', layout: 'vertical', spacing: 'sm', contents: actions.map((action) => ({ type: 'button' as const, style: 'secondary' as const, height: 'sm' as const, action })) },
    },
  };
}

