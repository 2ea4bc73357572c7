/**
 * Preferred times said the way people say them (docs/office-rules.md §15): half a day with a date
 * (「12/16 午前中」: that half-day's free starts are offered) or alone at the time question, and two
 * wishes in one message (「16日14時か17日10時」: both choices filled, each checked on its own).
 */
import { inHalfDay, parseDateTime, readHalfDay, splitTwoWishes, type SessionKind } from '../../src/calendar/index.js';
import { checkChoice, checkDate, freeStartsOn, type ChoiceInput, type ChoiceReading } from './choice-checks.js';

/** Half a day named: the date's free starts in that half, or the whole day's when that half has none. */
function halfDayReading(input: ChoiceInput, kind: SessionKind, text: string): ChoiceReading | undefined {
  const said = readHalfDay(text);
  if (!said) return undefined;
  let date = input.pendingDate;
  if (said.rest !== '') {
    const parsed = parseDateTime(said.rest, input.now, { settings: input.facts.calendar.settings });
    if (parsed.type !== 'date') return undefined;
    date = parsed.date;
  }
  if (date === undefined) return { type: 'refused', notice: { key: 'needDate' } };
  const day = checkDate(input, kind, date);
  if (day.type !== 'date') return day;
  const exclude = input.which === 2 ? input.draft.choice1 : undefined;
  const starts = freeStartsOn(input.facts, kind, date, input.now, exclude);
  // That half is taken: the day's other times are offered, and the person is told why.
  if (!starts.some((m) => inHalfDay(said.half, m))) return { ...day, halfTaken: said.half };
  return { ...day, half: said.half };
}

/** Two wishes at the first choice: both filled when both hold; the second asked again when it alone does not. */
function twoWishesReading(input: ChoiceInput, kind: SessionKind, text: string): ChoiceReading | undefined {
  if (input.which !== 1) return undefined;
  const parts = splitTwoWishes(text);
  if (!parts) return undefined;
  const settings = input.facts.calendar.settings;
  const [a, b] = parts.map((p) => parseDateTime(p, input.now, { settings }));
  // What one part leaves out, the other says: 「12/10 10時か14時」 (one day, two times), 「12/10か
  // 12/11の10時」 (two days, one time).
  const one =
    a?.type === 'datetime' ? a : a?.type === 'date' && b?.type === 'datetime' ? { ...a, minutes: b.minutes } : null;
  const two = b?.type === 'datetime' ? b : b?.type === 'time' && a?.type === 'datetime' ? { ...b, date: a.date } : null;
  if (!one || !two) return undefined;
  const first = checkChoice(input, kind, { date: one.date, minutes: one.minutes });
  if (first.type !== 'chosen') return first;
  const second = checkChoice({ ...input, which: 2, draft: { ...input.draft, choice1: first.choice } }, kind, {
    date: two.date,
    minutes: two.minutes,
  });
  if (second.type === 'chosen') return { type: 'chosen', choice: first.choice, second: second.choice };
  // The first holds: it is kept, and the second is asked for with the reason it was refused.
  const notice = second.type === 'refused' ? second.notice : undefined;
  return {
    type: 'chosen',
    choice: first.choice,
    ...(notice ? { secondRefused: { ...notice, params: { ...notice.params, choice: 2 } } } : {}),
  };
}

export function readNaturalChoice(input: ChoiceInput, kind: SessionKind, text: string): ChoiceReading | undefined {
  return halfDayReading(input, kind, text) ?? twoWishesReading(input, kind, text);
}
