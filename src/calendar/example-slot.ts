import { availableSlots, bookableDates } from './slots.js';
import type { CalendarContext, Instant, LocalDateTime, SessionKind } from './types.js';

/**
 * The first slot of `kind` a person asking at `now` can book (not `exclude`, the first choice when
 * the second is asked): what examples of typing a date and time show, so that an example is never
 * a date already past or a time the office does not offer. Undefined when nothing is free.
 */
export function firstFreeSlot(
  ctx: CalendarContext,
  kind: SessionKind,
  now: Instant,
  exclude?: LocalDateTime,
): LocalDateTime | undefined {
  // Two dates are enough: the excluded slot can empty at most one of them.
  for (const date of bookableDates(ctx, kind, now, 2)) {
    const slot = availableSlots(ctx, kind, now, date, date).find(
      (s) => !(exclude && exclude.date === s.date && exclude.minutes === s.start),
    );
    if (slot) return { date: slot.date, minutes: slot.start };
  }
  return undefined;
}
