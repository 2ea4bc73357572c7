import { commandOf, type ChatInput } from '../../machines/booking/input.js';
import type { Booking } from '../../db/repositories/bookings-repository.js';
import { bookingViewOf } from '../bookings/booking-view.js';
import type { LineMessage } from '../line/message-types.js';
import { activeBookingMessages } from '../messages/booking-cards.js';
import { noticeMessage } from '../messages/notice-messages.js';
import type { ConversationDeps } from './conversation-deps.js';

/**
 * What the bot still answers while a staff member has the chat: 予約確認 (the person checks their
 * booking while waiting) and ヘルプ, typed or from the rich menu. Everything else is for staff, and
 * the bot stays silent so it never talks over them.
 */
export function handoffCommand(input: ChatInput): 'check' | 'help' | null {
  const command = commandOf(input);
  return command === 'check' || command === 'help' ? command : null;
}

/** The answer to 予約確認 or ヘルプ while staff have the chat, with a line saying they still do. */
export function handoffAnswer(
  command: 'check' | 'help',
  deps: ConversationDeps,
  active: Booking | undefined,
  replaced: Booking | undefined,
): LineMessage[] {
  const still = noticeMessage({ key: 'handoffContinues' }, deps.settings);
  if (command === 'help') return [...noticeMessage({ key: 'help' }, deps.settings), ...still];
  const views = [replaced, active].flatMap((b) => (b ? [bookingViewOf(b)] : []));
  return views.length > 0
    ? [...activeBookingMessages(views, deps.settings, true), ...still]
    : [...noticeMessage({ key: 'noActiveBooking' }, deps.settings), ...still];
}
