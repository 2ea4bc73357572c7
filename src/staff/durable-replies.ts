import type { RequestHandler, Response } from 'express';

function unavailable(res: Response, json: Response['json']): void {
  res.status(503).set('Retry-After', '1');
  json({ code: 'unavailable', message: 'try again later' });
}

/**
 * Holds each JSON answer until everything committed before it is on the disk. Shared commits
 * (db/group-commit.ts) become visible a moment before their log is synced, so a read here may
 * return a request filed by a conversation a millisecond ago; answering only once that sync is
 * done means staff never see, or act on, anything a power cut could take back. Usually nothing
 * is waiting and the answer goes at once.
 *
 * Once the disk has failed a sync, every answer is 503, and a change is refused before it runs,
 * so that "503: nothing was changed" (docs/staff-api.md) stays true.
 */
export function durableReplies(durable: () => Promise<void>): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      durable().then(
        () => json(body),
        () => unavailable(res, json),
      );
      return res;
    }) as typeof res.json;
    if (req.method === 'GET' || req.method === 'HEAD') {
      next();
      return;
    }
    durable().then(
      () => next(),
      () => unavailable(res, json),
    );
  };
}
