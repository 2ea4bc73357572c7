/**
 * How many events per second the assistant must absorb if it served a thousand offices: the
 * capacity target the benchmark judges (see bench/README.md, "The capacity target").
 *
 * Demand is bounded by what an office can hold, not by how many people follow its LINE account:
 * every session needs a counsellor's slot, so the slots in the office settings cap the bookings,
 * and every booking costs a bounded number of conversations. The model is deliberately generous
 * (every slot filled every week, three whole conversations per session) so the target errs high.
 */
import { gridStarts } from '../src/calendar/session-windows.js';
import type { OfficeSettings } from '../src/office/settings.js';

export interface DemandAssumptions {
  /** Offices served by one process: issue 6 plans for a thousandfold growth. */
  offices: number;
  /**
   * Whole conversations per session held: the booking itself, plus a check and a change or a
   * cancel. Requests that never become a session are covered by counting every slot as filled.
   */
  conversationsPerSession: number;
  /** Webhook events in one whole conversation: the benchmark's own booking script. */
  eventsPerConversation: number;
  /** Weekdays the office is open. */
  openDaysPerWeek: number;
  /** How far the busiest moments rise above the average over office hours. */
  peakFactor: number;
}

export const DEFAULT_DEMAND: DemandAssumptions = Object.freeze({
  offices: 1000,
  conversationsPerSession: 3,
  eventsPerConversation: 19,
  openDaysPerWeek: 5,
  peakFactor: 10,
});

export interface Demand {
  /** Sessions one office can hold in a week: regular starts on open days plus the Mothers' Corner's, times capacity. */
  sessionsPerOfficePerWeek: number;
  /** Events per second across all offices, averaged over office hours. */
  averageEventsPerSecond: number;
  /** The capacity target: the average times the peak factor. */
  peakEventsPerSecond: number;
}

export function modeledDemand(settings: OfficeSettings, a: DemandAssumptions = DEFAULT_DEMAND): Demand {
  const regular = gridStarts('regular', settings).length * a.openDaysPerWeek;
  const mothers =
    gridStarts('mothers', settings).length *
    settings.mothersWeekdays.filter((d) => d >= 1 && d <= a.openDaysPerWeek).length;
  const sessionsPerOfficePerWeek = (regular + mothers) * settings.capacity;
  const eventsPerWeek = a.offices * sessionsPerOfficePerWeek * a.conversationsPerSession * a.eventsPerConversation;
  const officeSecondsPerWeek = a.openDaysPerWeek * (settings.closingMinutes - settings.openingMinutes) * 60;
  const averageEventsPerSecond = eventsPerWeek / officeSecondsPerWeek;
  return {
    sessionsPerOfficePerWeek,
    averageEventsPerSecond,
    peakEventsPerSecond: averageEventsPerSecond * a.peakFactor,
  };
}
