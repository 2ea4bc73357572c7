import type { Db } from '../../db/database.js';
import type { LifecycleDeps } from '../bookings/lifecycle.js';
import { systemClock, type Clock } from '../infra/clock.js';
import { defaultLifecycleSettings, type LifecycleSettings } from '../office/lifecycle-settings.js';
import { defaultOfficeSettings, type OfficeSettings } from '../office/settings.js';

/**
 * What the staff API needs from the composition root. Only `db` and `staffApiToken` are
 * required, so a bare `staffApiRouter({ db, staffApiToken })` still works (with the office
 * defaults and the system clock); the server passes the rest.
 */
export interface StaffApiDeps {
  db: Db;
  staffApiToken: string | null;
  clock?: Clock;
  /** The office settings (config.office); default: defaultOfficeSettings. */
  settings?: OfficeSettings;
  /** Reminders, quiet hours, no-show rule; default: defaultLifecycleSettings. */
  lifecycle?: LifecycleSettings;
  /** Where staff notes go (config.staffGroupId). Without it staff notes are not queued at all. */
  staffGroupId?: string;
  /** Called after a commit that queued messages, so they go out now rather than on the next poll. */
  onOutgoing?: (recipients: readonly string[]) => void;
  /** Resolves once every commit so far is on the disk (the group committer's); answers wait for it. */
  durable?: () => Promise<void>;
}

/** The deps with every default filled in: what route handlers read. */
export interface StaffApiContext {
  db: Db;
  clock: Clock;
  settings: OfficeSettings;
  lifecycle: LifecycleSettings;
  /** '' when no staff group is configured (staff dispatches are then dropped). */
  staffGroupId: string;
  onOutgoing: (recipients: readonly string[]) => void;
  /** The same, shaped as src/bookings/lifecycle.ts wants it. */
  lifecycleDeps: LifecycleDeps;
}

export function contextOf(deps: StaffApiDeps): StaffApiContext {
  const settings = deps.settings ?? defaultOfficeSettings;
  const lifecycle = deps.lifecycle ?? defaultLifecycleSettings;
  const staffGroupId = deps.staffGroupId ?? '';
  return {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    settings,
    lifecycle,
    staffGroupId,
    onOutgoing: deps.onOutgoing ?? (() => undefined),
    lifecycleDeps: { settings, lifecycle },
  };
}
