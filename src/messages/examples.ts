import type { LocalDateTime } from '../calendar/index.js';
import { formatTimeJa } from './format-ja.js';

/**
 * 「12/16 10:30」: a date and time as people type them, for examples. Examples are always a slot
 * that is free when the message is written (src/calendar/example-slot.ts), never a fixed date.
 */
export function typedSlotExample(at: LocalDateTime): string {
  const [, month, day] = at.date.split('-').map(Number);
  return `${month}/${day} ${formatTimeJa(at.minutes)}`;
}

/** 「12/16」: the date part of the example. */
export function typedDateExample(at: LocalDateTime): string {
  return typedSlotExample(at).split(' ')[0]!;
}
