/**
 * The words a person read in a LINE message, as plain lines: a text message's text, a card's
 * texts in order, and its button labels. For pages that show staff or the person what was sent
 * (開示), where the message's JSON would mean nothing to them. Reads any value without throwing:
 * stored messages are data from the database, not trusted to have our shape.
 */
export function readableTextOf(message: unknown): string {
  const lines: string[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const node = value as Record<string, unknown>;
    // A button's label says what the person could do; its data is ours, not theirs.
    if (node.type === 'button' && node.action && typeof node.action === 'object') {
      const label = (node.action as Record<string, unknown>).label;
      if (typeof label === 'string') lines.push(`［${label}］`);
      return;
    }
    if (typeof node.text === 'string' && node.type !== 'message' && node.type !== 'postback') lines.push(node.text);
    for (const [key, child] of Object.entries(node)) {
      if (key === 'action' || key === 'quickReply' || key === 'altText') continue;
      walk(child);
    }
  };
  walk(message);
  if (lines.length === 0 && message && typeof message === 'object') {
    const alt = (message as Record<string, unknown>).altText;
    if (typeof alt === 'string') lines.push(alt);
  }
  return lines.join('\n');
}
