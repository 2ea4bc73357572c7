import type { Question } from './types.js';
import { QUESTIONS } from './types.js';

/*
 * Postback data carried by every button the bot sends, in one place so the formats cannot be
 * mistaken for one another: each is told by the key it must carry (`c`, `q` or `b` with `t` for
 * the conversation; `ba` for a booking; `ca` for a chat). All are short (LINE allows 300
 * characters) and free of personal data.
 */

/**
 * The conversation's buttons: a command; or the question, the turn it was asked in and the
 * option value; or the question and turn of a 「ひとつ前に戻る」 button (on an older card it is
 * stale, like an old answer).
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

/**
 * Postback data of buttons about one booking (the user's answer to a proposal, staff actions).
 * Carries the booking id only, never personal data; at most LINE's 300 characters.
 * `propose` offers a request another time; `move` asks to move a confirmed session.
 */
export type BookingAction =
  /** `proposed`: the start the card showed, so an older proposal's card cannot accept a newer time. */
  | { action: 'accept' | 'decline'; bookingId: string; proposed?: string }
  | {
      action:
        'confirm1' | 'confirm2' | 'propose' | 'move' | 'takeover' | 'handback' | 'attended' | 'noshow' | 'immediate';
      bookingId: string;
    };

const ACTIONS = [
  'accept',
  'decline',
  'confirm1',
  'confirm2',
  'propose',
  'move',
  'takeover',
  'handback',
  'attended',
  'noshow',
  'immediate',
] as const;

export function encodeBookingAction(a: BookingAction): string {
  const params = new URLSearchParams({ ba: a.action, b: a.bookingId });
  if ('proposed' in a && a.proposed) params.set('p', a.proposed);
  return params.toString();
}

export function decodeBookingAction(raw: string): BookingAction | undefined {
  if (raw.length > 300) return undefined;
  const p = new URLSearchParams(raw);
  const action = p.get('ba');
  const bookingId = p.get('b');
  if (!action || !bookingId || !(ACTIONS as readonly string[]).includes(action) || !/^[0-9a-f-]{36}$/.test(bookingId))
    return undefined;
  const proposed = p.get('p');
  return { action: action as BookingAction['action'], bookingId, ...(proposed ? { proposed } : {}) };
}

/**
 * Postback data of staff buttons about a person's chat rather than a booking (a person may ask
 * for staff without having booked). Carries LINE's id for the person in this channel: an opaque
 * identifier the staff API uses too, never their name or contact details.
 */
export type ChatAction = { action: 'handback'; lineUserId: string };

export function encodeChatAction(a: ChatAction): string {
  return new URLSearchParams({ ca: a.action, u: a.lineUserId }).toString();
}

export function decodeChatAction(raw: string): ChatAction | undefined {
  if (raw.length > 300) return undefined;
  const p = new URLSearchParams(raw);
  const lineUserId = p.get('u');
  if (p.get('ca') !== 'handback' || !lineUserId || !/^[A-Za-z0-9]{1,64}$/.test(lineUserId)) return undefined;
  return { action: 'handback', lineUserId };
}
