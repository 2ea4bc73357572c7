import { commandOf, type ChatInput } from '../../machines/booking/input.js';

/**
 * What the bot still answers while a staff member has the chat: 予約確認 (the person checks their
 * booking while waiting) and ヘルプ, typed or from the rich menu. Everything else is for staff, and
 * the bot stays silent so it never talks over them.
 */
export function handoffCommand(input: ChatInput): 'check' | 'help' | null {
  const command = commandOf(input);
  return command === 'check' || command === 'help' ? command : null;
}
