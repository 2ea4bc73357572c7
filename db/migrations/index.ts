import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial.js';
import * as m0002 from './0002-booking-lifecycle.js';
import * as m0003 from './0003-covering-indexes.js';
import * as m0004 from './0004-bookings-by-user-recent.js';
import * as m0005 from './0005-outbox-reply-maybe-used.js';
import * as m0006 from './0006-personal-data-erased.js';
import * as m0007 from './0007-proposal-details.js';
import * as m0008 from './0008-staff-console.js';
import * as m0009 from './0009-optional-second-choice.js';
import * as m0010 from './0010-terms-summaries.js';
import * as m0011 from './0011-idempotency-keys.js';
import * as m0012 from './0012-immediate-eligibility.js';
import * as m0013 from './0013-shared-database.js';
import * as m0014 from './0014-job-outcome-reason.js';
import * as m0015 from './0015-personal-data-encrypted.js';
import * as m0016 from './0016-api-tokens.js';
import * as m0018 from './0018-companion.js';
import * as m0019 from './0019-meeting-join-url.js';
import * as m0020 from './0020-immediate-companion.js';

/**
 * A static provider: each migration is imported by name, so bundling or a changed working
 * directory can never make a migration go missing at start-up. Add new files here in order.
 */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '0001-initial': m0001,
      '0002-booking-lifecycle': m0002,
      '0003-covering-indexes': m0003,
      '0004-bookings-by-user-recent': m0004,
      '0005-outbox-reply-maybe-used': m0005,
      '0006-personal-data-erased': m0006,
      '0007-proposal-details': m0007,
      '0008-staff-console': m0008,
      '0009-optional-second-choice': m0009,
      '0010-terms-summaries': m0010,
      '0011-idempotency-keys': m0011,
      '0012-immediate-eligibility': m0012,
      '0013-shared-database': m0013,
      '0014-job-outcome-reason': m0014,
      '0015-personal-data-encrypted': m0015,
      '0016-api-tokens': m0016,
      '0018-companion': m0018,
      '0019-meeting-join-url': m0019,
      '0020-immediate-companion': m0020,
    };
  },
};
