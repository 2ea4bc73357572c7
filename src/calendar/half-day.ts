/**
 * 「12/16 午前中」「16日の午後」「午後がいいです」: half a day instead of a time (docs/office-rules.md §15).
 * The date, if any, is read as usual; the bot then offers that half-day's free starts.
 */
import { normalizeKeepingSpaces } from './normalize-text.js';

export type HalfDay = 'am' | 'pm';

/**
 * A half-day word at the end of the message, with polite endings after it. Anchored at the end, so
 * 「午後2時」 (a time) never matches: a digit would follow 午後.
 */
const HALF_DAY =
  /(?:の|、|\s)*(午前中?|ごぜん(?:ちゅう)?|朝|午後|ごご|昼から|昼以降|夕方)(?:の(?:時間)?)?(?:で|に|が|から|なら)?(?:お願いします|お願いしたいです|希望です|希望|がいいです|がいい|いいです|空いてますか|空いていますか)?[。.!！?？]*$/u;

const MEANING: Record<string, HalfDay> = {
  午前: 'am',
  午前中: 'am',
  ごぜん: 'am',
  ごぜんちゅう: 'am',
  朝: 'am',
  午後: 'pm',
  ごご: 'pm',
  昼から: 'pm',
  昼以降: 'pm',
  夕方: 'pm',
};

/** The half-day asked for and what precedes it (a date, or nothing); undefined when none is named. */
export function readHalfDay(text: string): { half: HalfDay; rest: string } | undefined {
  const t = normalizeKeepingSpaces(text);
  const match = HALF_DAY.exec(t);
  const half = match ? MEANING[match[1]!] : undefined;
  if (!match || half === undefined) return undefined;
  return { half, rest: t.slice(0, match.index).trim() };
}

/** Whether a start (minutes since midnight) lies in that half of the day: the morning ends at noon. */
export function inHalfDay(half: HalfDay, minutes: number): boolean {
  return half === 'am' ? minutes < 12 * 60 : minutes >= 12 * 60;
}
