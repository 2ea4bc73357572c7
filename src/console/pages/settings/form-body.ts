import type { Request } from 'express';

/** A text field of the posted form ('' when missing or not text). */
export function formText(req: Request, key: string): string {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const v = body[key];
  return typeof v === 'string' ? v : '';
}

/** The posted form as a plain record. */
export function formBody(req: Request): Record<string, unknown> {
  return (req.body ?? {}) as Record<string, unknown>;
}

/** A query-string parameter as text ('' when missing or repeated). */
export function queryText(req: Request, key: string): string {
  const v = req.query[key];
  return typeof v === 'string' ? v : '';
}
