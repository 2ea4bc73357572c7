/**
 * The cursor of a paged list (docs/staff-api.md): where the last page ended, opaque to callers.
 * It holds the last row's creation time and id, the list's order.
 */
export interface ListPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(p: ListPosition): string {
  return Buffer.from(JSON.stringify([p.createdAt, p.id])).toString('base64url');
}

/** The position a cursor stands for, or null when it is not one this server made. */
export function decodeCursor(cursor: string): ListPosition | null {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((v) => typeof v === 'string'))
      return { createdAt: parsed[0] as string, id: parsed[1] as string };
  } catch {
    // Not JSON: an invalid cursor, answered as such below.
  }
  return null;
}
