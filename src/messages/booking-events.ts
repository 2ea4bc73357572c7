import { encodeBookingAction } from '../../machines/booking/postback.js';
import { calendarLinkUrl, type CalendarLinkSettings } from '../bookings/calendar-link.js';
import type { BookingEvent, BookingSubject } from '../bookings/booking-outcome.js';
import type { Dispatch } from '../bookings/dispatch.js';
import { formatSlotJa } from './format-ja.js';
import type { LineAction } from '../line/message-types.js';
import type { OfficeSettings } from '../office/settings.js';
import { postback, text } from './building-blocks.js';
import {
  attendanceCorrectedMessages,
  cancelledByOfficeMessages,
  cancelledByUserMessages,
  changeRequestEndedMessages,
  confirmationCard,
  noShowRecordedMessages,
  proposalCard,
  requestWithdrawnMessages,
} from './lifecycle-messages.js';
import { proposalActions } from './booking-cards.js';
import { bookingRef, noteWithButtons } from './staff-messages.js';

/** Where messages about bookings go, and the settings their wording needs. */
export interface RenderContext {
  settings: OfficeSettings;
  /** The staff group; '' when none is configured. */
  staffGroupId: string;
  /**
   * Who made the change, when the staff group cannot tell by itself: a change made in the staff
   * console names its staff member (a button pressed in the group is seen there already).
   */
  by?: string;
  /** Signs 「カレンダーに追加」 links on confirmation cards; no button without it. */
  calendarLink?: CalendarLinkSettings;
}

function staffNote(ctx: RenderContext, body: string, actions: readonly LineAction[] = []): Dispatch {
  const signed = ctx.by ? `${body}\n（操作: ${ctx.by}）` : body;
  return {
    audience: 'staff',
    recipient: ctx.staffGroupId,
    messages: [actions.length > 0 ? noteWithButtons(signed, actions) : text(signed)],
  };
}

const attendedButton = (s: BookingSubject) =>
  postback('出席に訂正', encodeBookingAction({ action: 'attended', bookingId: s.bookingId }));

/** What the person and the staff group read about one thing that happened to a booking, person first. */
export function bookingEventDispatches(event: BookingEvent, ctx: RenderContext): Dispatch[] {
  const s = ctx.settings;
  const slot = (at: Parameters<typeof formatSlotJa>[0]) => formatSlotJa(at, s.sessionMinutes);
  const toPerson = (messages: Dispatch['messages']): Dispatch => ({
    audience: 'user',
    recipient: event.subject.lineUserId,
    messages,
  });
  const ref = bookingRef(event.subject);
  const calendar = (at: Parameters<typeof formatSlotJa>[0]) =>
    ctx.calendarLink ? calendarLinkUrl(ctx.calendarLink, at, s.sessionMinutes) : null;
  switch (event.type) {
    case 'confirmed': {
      // A change: say plainly that the earlier session is gone, so nobody turns up for both.
      const replacedLine = event.replaced ? `変更前のご予約（${slot(event.replaced)}）は取り消しました。` : null;
      // Booked by staff for the person (terms 6(2)); inside the lead time only by the office's decision.
      const head = event.forPerson
        ? `次回の相談を代理で予約し、確定しました${event.forPerson.insideLeadTime ? '（通常の受付期限＝前々開庁日を過ぎた予約）' : ''}`
        : '確定しました';
      return [
        toPerson([
          ...confirmationCard(event.booking, event.at, event.meeting, s, calendar(event.at)),
          ...(replacedLine ? [text(replacedLine)] : []),
        ]),
        staffNote(
          ctx,
          `${head}: ${ref} ${slot(event.at)}${replacedLine ? `\n${replacedLine}` : ''}\n相談が終わったら出席を記録してください（開始10分を過ぎても記録がなく、ご本人からの連絡もない場合は、接続したかどうかをおたずねします）。`,
          [
            postback('出席を記録', encodeBookingAction({ action: 'attended', bookingId: event.subject.bookingId })),
            postback('日時を変更', encodeBookingAction({ action: 'move', bookingId: event.subject.bookingId })),
          ],
        ),
      ];
    }
    case 'moveAccepted':
      return [
        toPerson(confirmationCard(event.booking, event.at, event.meeting, s, calendar(event.at))),
        staffNote(ctx, `ご本人が変更後の日時を承諾しました: ${ref} ${slot(event.at)}`),
      ];
    case 'cancelled': {
      const toUser = event.keptSession
        ? changeRequestEndedMessages(event.keptSession, 'office', event.reason, s)
        : event.byPerson
          ? event.request
            ? requestWithdrawnMessages(event.request.choices, event.request.change, s)
            : cancelledByUserMessages(event.at, s)
          : cancelledByOfficeMessages(event.at, event.reason, s, event.endedChange !== null);
      const changeLine = event.endedChange
        ? `\n日時変更の申込み ${bookingRef(event.endedChange)} も取り消しました。`
        : '';
      return [
        toPerson(toUser),
        staffNote(
          ctx,
          `${event.byPerson ? 'ご本人がキャンセルしました' : 'キャンセルしました'}: ${ref} ${slot(event.at)}${changeLine}`,
        ),
      ];
    }
    case 'proposed':
      return [
        toPerson(
          proposalCard(event.at, event.moving, proposalActions(event.subject.bookingId, event.proposedStart), s),
        ),
        staffNote(ctx, `日時を提案しました: ${ref} ${slot(event.at)}（ご本人の回答待ち）`),
      ];
    case 'proposalDeclined':
      return [staffNote(ctx, `ご本人が提案の日時を辞退し、別の日時を希望しています: ${ref}`)];
    case 'closedAfterContact':
      return [
        staffNote(
          ctx,
          `【当日連絡ありの欠席】${ref}（${slot(event.at)}）は、開始から10分を過ぎても出席の記録がありません。本日ご本人から連絡があったため、連絡ありのキャンセルとして記録しました（欠席回数には数えません）。出席していた場合は「出席に訂正」を押してください。`,
          [attendedButton(event.subject)],
        ),
      ];
    case 'attendanceAsked':
      return [
        staffNote(
          ctx,
          `${event.reminder ? '【出席の確認・再送】' : '【出席の確認】'}${ref}（${slot(event.at)}）は、開始から10分を過ぎても出席の記録がありません。ご本人は接続しましたか？\n「接続なし」を押すと、連絡のないキャンセル（欠席）として記録し、ご本人にお知らせします。お答えがあるまで、ご本人には何も伝えません。`,
          [
            postback('参加あり', encodeBookingAction({ action: 'attended', bookingId: event.subject.bookingId })),
            postback('接続なし', encodeBookingAction({ action: 'noshow', bookingId: event.subject.bookingId })),
          ],
        ),
      ];
    case 'attendanceCorrected':
      return event.personWasTold
        ? [staffNote(ctx, `出席に訂正しました: ${ref}`), toPerson(attendanceCorrectedMessages(event.at, s))]
        : [staffNote(ctx, `出席に訂正しました: ${ref}`)];
    case 'noShowRecorded':
      return [
        toPerson(noShowRecordedMessages(event.at, s)),
        staffNote(
          ctx,
          `欠席（連絡なし）として記録しました: ${ref} ${slot(event.at)}\n出席していた場合や連絡があった場合は訂正してください。`,
          [attendedButton(event.subject)],
        ),
        ...(event.flaggedAfter !== null
          ? [
              staffNote(
                ctx,
                `【要確認】${event.subject.name} 様の連絡のないキャンセル（欠席）が${event.flaggedAfter}回になりました。今後のオンライン相談の扱いをご判断ください。`,
              ),
            ]
          : []),
      ];
  }
}

/** Every event's messages, in order. */
export function bookingEventsDispatches(events: readonly BookingEvent[], ctx: RenderContext): Dispatch[] {
  return events.flatMap((e) => bookingEventDispatches(e, ctx));
}
