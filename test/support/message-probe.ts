import {
  decodeBookingAction,
  decodeChatAction,
  type BookingAction,
  type ChatAction,
} from '../../machines/booking/postback.js';
import type { Dispatch } from '../../src/bookings/dispatch.js';
import type { LineMessage } from '../../src/line/message-types.js';

/** Every postback's data anywhere in `messages` (card footers, bubbles, quick replies), in order. */
export function postbackDataIn(messages: readonly LineMessage[]): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const o = node as Record<string, unknown>;
      if (o.type === 'postback' && typeof o.data === 'string') found.push(o.data);
      Object.values(o).forEach(walk);
    }
  };
  walk(messages);
  return found;
}

/** The buttons in `messages` as the bot reads them back; a button it could not read fails the test. */
export function buttonsIn(messages: readonly LineMessage[]): (BookingAction | ChatAction)[] {
  return postbackDataIn(messages).map((data) => {
    const action = decodeBookingAction(data) ?? decodeChatAction(data);
    if (!action) throw new Error(`a button the bot cannot read back: ${data}`);
    return action;
  });
}

/** Who each dispatch goes to, in order: `user:<id>` or `staff:<group>`. */
export function audiences(dispatches: readonly Dispatch[]): string[] {
  return dispatches.map((d) => `${d.audience}:${d.recipient}`);
}

/** All text a dispatch carries (bodies, alt texts, labels), for checking one fact without the wording. */
export function textOf(dispatch: Dispatch | undefined): string {
  return JSON.stringify(dispatch?.messages ?? []);
}
