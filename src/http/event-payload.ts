/**
 * What the inbox keeps of an event: its JSON as received. An event whose JSON cannot be written
 * back (nesting deep enough to overflow the stack in JSON.stringify, which a signed body may
 * carry in a field we never read) is cut down to the fields the product reads; if even those
 * cannot be written, null, and that event alone is left out (the others of its body are stored
 * and answered).
 */
export function storablePayload(raw: unknown): string | null {
  try {
    return JSON.stringify(raw);
  } catch {
    try {
      return JSON.stringify(readFields(raw));
    } catch {
      return null;
    }
  }
}

/** The fields src/conversation/chat-input.ts reads, and nothing else. */
function readFields(raw: unknown): Record<string, unknown> {
  const e = (raw ?? {}) as Record<string, unknown>;
  const pick = (o: unknown, keys: readonly string[]) =>
    o && typeof o === 'object'
      ? Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, (o as Record<string, unknown>)[k]]))
      : undefined;
  return {
    type: e.type,
    mode: e.mode,
    timestamp: e.timestamp,
    webhookEventId: e.webhookEventId,
    replyToken: e.replyToken,
    source: pick(e.source, ['type', 'userId', 'groupId', 'roomId']),
    deliveryContext: pick(e.deliveryContext, ['isRedelivery']),
    message: pick(e.message, ['type', 'id', 'text']),
    postback:
      e.postback && typeof e.postback === 'object'
        ? {
            data: (e.postback as Record<string, unknown>).data,
            params: pick((e.postback as Record<string, unknown>).params, ['date', 'time', 'datetime']),
          }
        : undefined,
  };
}
