/**
 * Postback data of buttons about one booking (the user's answer to a proposal, staff actions).
 * Carries the booking id only, never personal data; at most LINE's 300 characters.
 */
export type BookingAction =
  /** `proposed`: the start the card showed, so an older proposal's card cannot accept a newer time. */
  | { action: 'accept' | 'decline'; bookingId: string; proposed?: string }
  | { action: 'confirm1' | 'confirm2' | 'propose' | 'takeover' | 'handback' | 'attended' | 'noshow' | 'immediate'; bookingId: string };

const ACTIONS = ['accept', 'decline', 'confirm1', 'confirm2', 'propose', 'takeover', 'handback', 'attended', 'noshow', 'immediate'] as const;

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
  if (!action || !bookingId || !(ACTIONS as readonly string[]).includes(action) || !/^[0-9a-f-]{36}$/.test(bookingId)) return undefined;
  const proposed = p.get('p');
  return { action: action as BookingAction['action'], bookingId, ...(proposed ? { proposed } : {}) } as BookingAction;
}
