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
