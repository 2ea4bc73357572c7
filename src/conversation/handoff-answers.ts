import { commandOf, type ChatInput } from '../../machines/booking/input.js';
import { cancelPhrase, idleIntent } from '../../machines/booking/text-commands.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { bookingViewOf } from '../bookings/booking-view.js';
import type { LineMessage } from '../line/message-types.js';
import { activeBookingMessages } from '../messages/booking-cards.js';
import { noticeMessage } from '../messages/notice-messages.js';
import type { ConversationDeps } from './conversation-deps.js';

/**
 * What the bot still answers while a staff member has the chat: 予約確認 (the person checks their
 * booking while waiting) and ヘルプ, typed or from the rich menu. A command the bot would act on
 * at other times (予約キャンセル, 予約変更, 予約する, やめる...) is `held`: not carried out, since
 * staff have the conversation, but answered once so the person is not met with silence, and staff
 * are told. Everything else (what the person writes to staff) gets no answer from the bot, so it
 * never talks over them.
 */
export type HandoffCommand = 'check' | 'help' | 'held';

export function handoffCommand(input: ChatInput): HandoffCommand | null {
  const command = commandOf(input);
  if (command === 'check' || command === 'help') return command;
  if (command !== undefined) return 'held';
  if (input.type !== 'text') return null;
  if (cancelPhrase(input.text) !== undefined) return 'held';
  const intent = idleIntent(input.text);
  return intent === 'cancelBooking' || intent === 'change' ? 'held' : null;
}

/** The answer to a command while staff have the chat, with a line saying they still do. */
export function handoffAnswer(
  command: HandoffCommand,
  deps: ConversationDeps,
  active: Booking | undefined,
  replaced: Booking | undefined,
): LineMessage[] {
  if (command === 'held') return noticeMessage({ key: 'handoffHeld' }, deps.settings);
  const still = noticeMessage({ key: 'handoffContinues' }, deps.settings);
  if (command === 'help') return [...noticeMessage({ key: 'help' }, deps.settings), ...still];
  const views = [replaced, active].flatMap((b) => (b ? [bookingViewOf(b)] : []));
  return views.length > 0
    ? [...activeBookingMessages(views, deps.settings, true), ...still]
    : [...noticeMessage({ key: 'noActiveBooking' }, deps.settings), ...still];
}
