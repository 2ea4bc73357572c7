import type { Db } from '../../db/database.js';
import { createGroupCommitter } from '../../db/group-commit.js';
import type { AppContext } from '../../src/app-context.js';
import { createOfficeFactsCache } from '../../src/bookings/office-facts-cache.js';
import { systemClock } from '../../src/infra/clock.js';
import { createLogger } from '../../src/infra/logger.js';
import { testOffice } from './booking-seeds.js';

/**
 * The app's one context over `db`, with the office of testOffice(), for tests that mount one part (the
 * staff API, a staff change) without the whole server. Real parts throughout: a real committer
 * over the same database, a silent real logger.
 */
export function testAppContext(db: Db, overrides: Partial<AppContext> = {}): AppContext {
  const committer = overrides.committer ?? createGroupCommitter(db);
  return {
    // No staff group unless a test names one: staff notes are then dropped, as with none configured.
    ...testOffice({ staffGroupId: '' }),
    db,
    committer,
    clock: systemClock,
    logger: createLogger('silent'),
    officeFacts: createOfficeFactsCache(),
    onOutgoing: () => undefined,
    durable: () => committer.durable(),
    ...overrides,
  };
}
