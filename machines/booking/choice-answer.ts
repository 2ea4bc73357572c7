import {
  findRefusal,
  firstFreeSlot,
  isValidIsoDate,
  parseDateTime,
  type IsoDate,
  type LocalDateTime,
  type SessionKind,
} from '../../src/calendar/index.js';
import { readNaturalChoice } from './natural-choice.js';
import {
  checkChoice,
  checkDate,
  firstChoiceOf,
  freeStartsOn,
  type ChoiceInput,
  type ChoiceReading,
} from './choice-checks.js';

/**
 * Words that may mean two dates a week apart ('来週火曜' typed on a Sunday, see read-date.ts):
 * the one that can be booked (at the time given, if one was), or, when both can, a question to
 * the person naming both. When neither can, the first goes on to be refused for its own reason.
 */
function oneOfTwoWeeks(
  input: ChoiceInput,
  kind: SessionKind,
  date: IsoDate,
  alsoMeans: IsoDate | undefined,
  minutes?: number,
): IsoDate | ChoiceReading {
  if (alsoMeans === undefined) return date;
  const firstChoice = firstChoiceOf(input.which, input.draft);
  const bookable = (d: IsoDate) =>
    minutes === undefined
      ? freeStartsOn(input.facts, kind, d, input.now, firstChoice).length > 0
      : findRefusal(input.facts.calendar, { kind, date: d, minutes }, input.now, firstChoice ? { firstChoice } : {}) ===
        null;
  const [a, b] = [bookable(date), bookable(alsoMeans)];
  if (a && b)
    return {
      type: 'refused',
      notice: {
        key: 'whichWeek',
        params: { first: date, second: alsoMeans, ...(minutes !== undefined ? { minutes } : {}) },
      },
    };
  return b ? alsoMeans : date;
}

/** `2026-12-16@630` (date and start in minutes), the value of a suggested-slot button; anything else is none. */
export function suggestedSlot(value: string): LocalDateTime | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})@(\d{1,4})$/.exec(value);
  if (!match || !isValidIsoDate(match[1]!)) return undefined;
  const minutes = Number(match[2]);
  return minutes < 24 * 60 ? { date: match[1]!, minutes } : undefined;
}

const OTHER_DAY = new Set(['別の日を選ぶ', '別の日', '別の日にする', '日付を変える', '他の日', 'ほかの日']);

/** A slot free now, for the refusal's example of typing (none when nothing is free). */
function exampleParams(input: ChoiceInput, kind: SessionKind): { exampleDate?: IsoDate; exampleMinutes?: number } {
  const at = firstFreeSlot(input.facts.calendar, kind, input.now, firstChoiceOf(input.which, input.draft));
  return at ? { exampleDate: at.date, exampleMinutes: at.minutes } : {};
}

/**
 * 「10.30」 alone is half past ten where a time is asked, though 「12.10」 is a date where a date is
 * (read-date.ts): at the time question it is read as 「10:30」.
 */
function atTimeQuestion(text: string, pendingDate: IsoDate | undefined): string {
  return pendingDate === undefined ? text : text.normalize('NFKC').replace(/^(\s*\d{1,2})\.(\d{2}\s*)$/u, '$1:$2');
}

/** Reads an answer to "which date?" or "what time on that date?" for choice 1 or 2. */
export function readChoiceAnswer(input: ChoiceInput): ChoiceReading {
  const kind = input.draft.kind ?? 'regular';
  const { answer } = input;
  if (answer.source === 'button') {
    if (answer.value === 'other_day') return { type: 'otherDay' };
    const [tag, rest] = answer.value.split(':', 2) as [string, string | undefined];
    // Button values are checked like typed text: old card formats or forged data must not throw.
    if (tag === 'd' && rest && isValidIsoDate(rest)) return checkDate(input, kind, rest);
    // A suggested slot (a button under a refusal): checked again as it is now, since the slot may
    // have been taken or passed since it was suggested.
    if (tag === 's' && rest) {
      const slot = suggestedSlot(rest);
      if (slot) return checkChoice(input, kind, slot);
    }
    if (tag === 't' && rest && input.pendingDate) {
      const minutes = Number(rest);
      if (Number.isInteger(minutes) && minutes >= 0 && minutes < 24 * 60)
        return checkChoice(input, kind, { date: input.pendingDate, minutes });
    }
    return { type: 'refused', notice: { key: 'invalidChoice' } };
  }
  if (answer.source === 'text' && OTHER_DAY.has(answer.text.normalize('NFKC').replace(/\s/g, '')))
    return { type: 'otherDay' };
  // 「12/16 午前中」, 「16日14時か17日10時」: read before the date parser, which takes neither.
  const natural = answer.source === 'text' ? readNaturalChoice(input, kind, answer.text) : undefined;
  if (natural) return natural;
  // Typed hours are read as people mean them (「2時半」 is 14:30); the picker's are 24-hour already.
  const parsed =
    answer.source === 'text'
      ? parseDateTime(atTimeQuestion(answer.text, input.pendingDate), input.now, {
          settings: input.facts.calendar.settings,
        })
      : parseDateTime(answer.datetime ?? [answer.date, answer.time].filter(Boolean).join(' '), input.now);
  switch (parsed.type) {
    case 'datetime': {
      const date = oneOfTwoWeeks(input, kind, parsed.date, parsed.alsoMeans, parsed.minutes);
      return typeof date === 'string' ? checkChoice(input, kind, { date, minutes: parsed.minutes }) : date;
    }
    case 'date': {
      const date = oneOfTwoWeeks(input, kind, parsed.date, parsed.alsoMeans);
      return typeof date === 'string' ? checkDate(input, kind, date) : date;
    }
    case 'time':
      if (input.pendingDate) return checkChoice(input, kind, { date: input.pendingDate, minutes: parsed.minutes });
      return { type: 'refused', notice: { key: 'needDate', params: exampleParams(input, kind) } };
    case 'invalid':
      return {
        type: 'refused',
        notice: {
          key: 'dateUnreadable',
          // Text that is no date at all gets an example of one that can be booked now.
          params: {
            reason: parsed.reason,
            ...(parsed.reason === 'unreadable' ? exampleParams(input, kind) : {}),
            // The date the digits named, whose weekday the person wrote otherwise.
            ...(parsed.date !== undefined ? { date: parsed.date } : {}),
          },
        },
      };
  }
}
