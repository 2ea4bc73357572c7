import type { Question } from './types.js';
import { QUESTIONS } from './types.js';

/**
 * Postback data carried by buttons. Short (LINE allows 300 characters) and free of personal
 * data: a command, or the question, the turn it was asked in and the option value.
 */
export type PostbackData =
  { kind: 'command'; command: Command } | { kind: 'answer'; question: Question; turn: number; value: string };

export const COMMANDS = [
  'start',
  'help',
  'cancel',
  'restart',
  'check',
  'manage',
  'change',
  'cancelBooking',
  'handoff',
  'immediate',
] as const;
export type Command = (typeof COMMANDS)[number];

export function encodePostback(data: PostbackData): string {
  const params = new URLSearchParams();
  if (data.kind === 'command') params.set('c', data.command);
  else {
    params.set('q', data.question);
    params.set('t', String(data.turn));
    params.set('v', data.value);
  }
  return params.toString();
}

/** Reads postback data; anything forged, truncated or from an older format yields undefined. */
export function decodePostback(raw: string): PostbackData | undefined {
  if (raw.length > 300) return undefined;
  const params = new URLSearchParams(raw);
  const command = params.get('c');
  if (command !== null)
    return (COMMANDS as readonly string[]).includes(command)
      ? { kind: 'command', command: command as Command }
      : undefined;
  const question = params.get('q');
  const turn = Number(params.get('t'));
  const value = params.get('v');
  if (question === null || value === null || !Number.isSafeInteger(turn)) return undefined;
  if (!(QUESTIONS as readonly string[]).includes(question)) return undefined;
  return { kind: 'answer', question: question as Question, turn, value };
}
