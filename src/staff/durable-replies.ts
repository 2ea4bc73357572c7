import type { RequestHandler } from 'express';

/**
 * Holds each JSON answer until everything committed before it is on the disk. Shared commits
 * (db/group-commit.ts) become visible a moment before their log is synced, so a read here may
 * return a request filed by a conversation a millisecond ago; answering only once that sync is
 * done means staff never see, or act on, anything a power cut could take back. Usually nothing
 * is waiting and the answer goes at once. If the disk can no longer sync, the answer is 503.
 */
export function durableReplies(durable: () => Promise<void>): RequestHandler {
  return (_req, res, next) => {
    const json = res.json.bind(res);
    res.json = ((body: unknown) => {
      durable().then(
        () => json(body),
        () => {
          res.status(503).set('Retry-After', '1');
          json({ code: 'unavailable', message: 'try again later' });
        },
      );
      return res;
    }) as typeof res.json;
    next();
  };
}
