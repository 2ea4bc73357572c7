import { toLocal, type Instant, type IsoDate } from '../../calendar/index.js';
import { formatDateJa, formatSlotJa, formatTimeJa } from '../../messages/format-ja.js';

/**
 * Times as the console shows them: Japan time, '12月8日(火) 10:30', whatever the server's zone
 * (the conversions go through src/calendar/jst.ts, which never reads the local zone).
 */
export const instantJa = (at: Instant): string => formatSlotJa(toLocal(at));
export const dateJa = (date: IsoDate): string => formatDateJa(date);
export const timeJa = (minutes: number): string => formatTimeJa(minutes);
/** '12月8日(火) 10:30' or null's stand-in. */
export const maybeInstantJa = (at: Instant | null | undefined): string => (at ? instantJa(at) : '—');
