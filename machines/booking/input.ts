import { normalizeText } from '../../src/calendar/index.js';
import { decodePostback, type Command } from './postback.js';
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

/** Typed words that act as commands anywhere in the conversation (after normalisation). */
const TEXT_COMMANDS: Record<string, Command> = {
  予約する: 'start',
  予約: 'start',
  予約したい: 'start',
  オンライン相談を予約: 'start',
  やめる: 'cancel',
  やめます: 'cancel',
  中止: 'cancel',
  中止する: 'cancel',
  最初から: 'restart',
  はじめから: 'restart',
  やり直す: 'restart',
  予約確認: 'check',
  予約の確認: 'check',
  予約変更・キャンセル: 'manage',
  予約変更キャンセル: 'manage',
  予約変更: 'change',
  予約の変更: 'change',
  日時変更: 'change',
  予約キャンセル: 'cancelBooking',
  予約のキャンセル: 'cancelBooking',
  担当者と話す: 'handoff',
  担当者と話したい: 'handoff',
  職員と話したい: 'handoff',
  今すぐ相談: 'immediate',
  今すぐ相談したい: 'immediate',
  ヘルプ: 'help',
  help: 'help',
  使い方: 'help',
};

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

/** 「予約したいです」「予約お願いします」: a short message about booking starts one when nothing is in progress. */
function looksLikeBookingRequest(text: string): boolean {
  const t = normalizeText(text);
  return t.length <= 15 && t.includes('予約') && !/確認|変更|キャンセル|取消|取り消/.test(t);
}

export function textCommand(text: string): Command | undefined {
  return TEXT_COMMANDS[normalizeText(text).toLowerCase()];
}

/**
 * Turns a LINE input into a machine event. A button answers only the question it was shown
 * with (same question, same turn); any other is stale. A new friend's first words start the
 * booking, as does following the account.
 */
export function toConversationEvent(input: ChatInput, state: ConversationState, context: ConversationContext, now: string, facts: ConversationFacts): ConversationEvent | undefined {
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
      const command = textCommand(input.text);
      if (command) return { type: COMMAND_EVENTS[command], ...base };
      if (state === 'idle' && (!context.greeted || looksLikeBookingRequest(input.text))) return { type: 'START', ...base };
      return { type: 'ANSWER', answer: { source: 'text', text: input.text }, ...base };
    }
    case 'postback': {
      const data = decodePostback(input.data);
      if (!data) return { type: 'STALE', ...base };
      if (data.kind === 'command') return { type: COMMAND_EVENTS[data.command], ...base };
      if (data.question !== state || data.turn !== context.turn) return { type: 'STALE', ...base };
      if (input.params && (input.params.date || input.params.time || input.params.datetime)) {
        return { type: 'ANSWER', answer: { source: 'picker', ...input.params }, ...base };
      }
      return { type: 'ANSWER', answer: { source: 'button', value: data.value }, ...base };
    }
  }
}
