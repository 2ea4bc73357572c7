import type { Question } from './types.js';
import { QUESTIONS } from './types.js';

/**
 * Postback data carried by buttons. Short (LINE allows 300 characters) and free of personal
 * data: a command; or the question, the turn it was asked in and the option value; or the
 * question and turn of a 「ひとつ前に戻る」 button (on an older card it is stale, like an old answer).
 */
export type PostbackData =
  | { kind: 'command'; command: Command }
  | { kind: 'answer'; question: Question; turn: number; value: string }
  | { kind: 'back'; question: Question; turn: number };

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
  else if (data.kind === 'back') {
    params.set('b', data.question);
    params.set('t', String(data.turn));
  } else {
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
  const back = params.get('b');
  const question = back ?? params.get('q');
  const turn = Number(params.get('t'));
  const value = params.get('v');
  if (question === null || params.get('t') === null || !Number.isSafeInteger(turn)) return undefined;
  if (!(QUESTIONS as readonly string[]).includes(question)) return undefined;
  if (back !== null) return { kind: 'back', question: question as Question, turn };
  if (value === null) return undefined;
  return { kind: 'answer', question: question as Question, turn, value };
}
