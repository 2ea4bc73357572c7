import type { LifecycleSettings } from '../office/lifecycle-settings.js';
import type { OfficeSettings } from '../office/settings.js';
import type { OccupancyCache } from '../bookings/occupancy-cache.js';

export interface ConversationDeps {
  settings: OfficeSettings;
  lifecycle: LifecycleSettings;
  /** The terms version in force is read from the database; this is the fallback. */
  terms: { version: string; url: string };
  staffGroupId: string;
  /** Keeps slot occupancy between events while no booking changes; without it, every event counts. */
  occupancy?: OccupancyCache;
}
