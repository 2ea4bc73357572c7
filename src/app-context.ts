import type { Db } from '../db/database.js';
import type { GroupCommitter } from '../db/group-commit.js';
import type { OfficeFactsCache } from './bookings/office-facts-cache.js';
import type { Clock } from './infra/clock.js';
import type { Logger } from './infra/logger.js';
import type { OfficeContext } from './office/office-context.js';

export type { OfficeContext } from './office/office-context.js';

/**
 * Everything the parts of the server share, built once by the composition root (src/app.ts) and
 * handed to each part whole: the webhook's event processor, the staff API, the timed jobs.
 */
export interface AppContext extends OfficeContext {
  db: Db;
  /** Shared durable commits for events, jobs and the sender (db/group-commit.ts). */
  committer: GroupCommitter;
  clock: Clock;
  logger: Logger;
  /** Keeps what every event reads about the office (calendar, terms, switch) while none of it changes. */
  officeFacts: OfficeFactsCache;
  /** Called after a commit that queued messages, with the chats they go to (all chats when absent). */
  onOutgoing: (recipients?: readonly string[]) => void;
  /** Resolves once every commit so far is on the disk; staff API answers wait for it. */
  durable: () => Promise<void>;
}
