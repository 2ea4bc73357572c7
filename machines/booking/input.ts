import { normalizeText } from '../../src/calendar/index.js';
import { matchOption } from './options.js';
import { isBackWord } from './back.js';
import { decodePostback, type Command } from './postback.js';
import { writesOnSessionDay } from './evaluate-answer.js';
import { cancelPhrase, idleIntent, textCommand } from './text-commands.js';
import type { ConversationContext, ConversationEvent, ConversationFacts, ConversationState } from './types.js';

/** What arrived from LINE, reduced to what the conversation cares about. */
export type ChatInput =
  | { type: 'text'; text: string }
  | { type: 'postback'; data: string; params?: { date?: string; time?: string; datetime?: string } }
  | { type: 'follow' }
  /** A message we cannot read (sticker, image...). */
  | { type: 'other' }
  /** An event that needs no answer (unfollow, unsend...). */
  | { type: 'ignored' };

const COMMAND_EVENTS = {
  start: 'START',
  help: 'HELP',
  cancel: 'CANCEL',
  restart: 'RESTART',
  check: 'CHECK',
  manage: 'MANAGE',
  change: 'CHANGE',
  cancelBooking: 'CANCEL_BOOKING',
  handoff: 'HANDOFF',
  immediate: 'IMMEDIATE',
} as const;

/**
 * The command a message or a tap gives (予約確認 typed, or a menu button), the same however it
 * came; undefined for anything else. Words whose meaning depends on the question (a bare
 * 「キャンセル」) are read by toConversationEvent, which knows it.
 */
export function commandOf(input: ChatInput): Command | undefined {
  if (input.type === 'text') return textCommand(input.text);
  if (input.type !== 'postback') return undefined;
  const data = decodePostback(input.data);
  return data?.kind === 'command' ? data.command : undefined;
}

/** 「予約したいです」「予約お願いします」: a short message about booking starts one when nothing is in progress. */
function looksLikeBookingRequest(text: string): boolean {
  const t = normalizeText(text);
  return t.length <= 15 && t.includes('予約') && !/確認|変更|キャンセル|取消|取り消/.test(t);
}

/**
 * A bare 「キャンセル」 means stopping what is being filled in; while nothing is (idle) it can only
 * mean the booking. Where the question itself offers it (the manage menu's 「キャンセル」, the
 * confirmation's 「キャンセルする」) it is that answer. On the cancel confirmation anything else
 * (「キャンセル」 alone) is read as 「やめる」, which there keeps the booking: never destroy on a guess.
 */
function typedCancel(text: string, state: ConversationState): Command | undefined {
  const phrase = cancelPhrase(text);
  if (phrase === undefined) return undefined;
  if (state !== 'idle' && matchOption(state, { source: 'text', text }) !== undefined) return undefined;
  if (phrase === 'booking') return 'cancelBooking';
  return state === 'idle' ? 'cancelBooking' : 'cancel';
}

/**
 * Turns a LINE input into a machine event. A button answers only the question it was shown
 * with (same question, same turn); any other is stale. A new friend's first words start the
 * booking, as does following the account.
 */
export function toConversationEvent(
  input: ChatInput,
  state: ConversationState,
  context: ConversationContext,
  now: string,
  facts: ConversationFacts,
): ConversationEvent | undefined {
  const base = { now, facts };
  switch (input.type) {
    case 'follow':
      return { type: state === 'idle' ? 'START' : 'FOLLOW', ...base };
    case 'other':
      // A new friend's first message starts the booking, whatever it is.
      return state === 'idle' && !context.greeted ? { type: 'START', ...base } : undefined;
    case 'ignored':
      return undefined;
    case 'text': {
      const command = textCommand(input.text) ?? typedCancel(input.text, state);
      if (command) return { type: COMMAND_EVENTS[command], ...base };
      // On the day of a session, words are taken as they are (「予約の時間に遅れます」 is not a new
      // booking): the machine passes them to staff. Guessing comes after, on other days.
      if (state === 'idle' && writesOnSessionDay(facts, now))
        return { type: 'ANSWER', answer: { source: 'text', text: input.text }, ...base };
      // 「戻る」 at a question where it is not itself an answer (the edit menu's and manage's are).
      if (
        state !== 'idle' &&
        isBackWord(normalizeText(input.text)) &&
        matchOption(state, { source: 'text', text: input.text }) === undefined
      )
        return { type: 'BACK', ...base };
      const intent = state === 'idle' ? idleIntent(input.text) : undefined;
      if (intent) return { type: COMMAND_EVENTS[intent], ...base };
      if (state === 'idle' && (!context.greeted || looksLikeBookingRequest(input.text)))
        return { type: 'START', ...base };
      return { type: 'ANSWER', answer: { source: 'text', text: input.text }, ...base };
    }
    case 'postback': {
      const data = decodePostback(input.data);
      if (!data) return { type: 'STALE', ...base };
      if (data.kind === 'command') return { type: COMMAND_EVENTS[data.command], ...base };
      if (data.question !== state || data.turn !== context.turn) return { type: 'STALE', ...base };
      if (data.kind === 'back') return { type: 'BACK', ...base };
      if (input.params && (input.params.date || input.params.time || input.params.datetime)) {
        return { type: 'ANSWER', answer: { source: 'picker', ...input.params }, ...base };
      }
      return { type: 'ANSWER', answer: { source: 'button', value: data.value }, ...base };
    }
  }
}

/**
 * What the bot still answers while a staff member has the chat: 予約確認 (the person checks their
 * booking while waiting) and ヘルプ, typed or from the rich menu. A command the bot would act on
 * at other times (予約キャンセル, 予約変更, 予約する, やめる...) is `held`: not carried out, since
 * staff have the conversation, but answered once so the person is not met with silence, and staff
 * are told. Everything else (what the person writes to staff) gets no answer from the bot (null),
 * so it never talks over them.
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
