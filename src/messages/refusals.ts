/**
 * The polite Japanese explanations shown when a preferred time is refused: the calendar says why
 * as data (src/calendar/refusal.ts), these words say it to the person.
 */
import type { OfficeSettings } from '../office/settings.js';
import {
  formatDateJa,
  formatDateWithYearJa,
  formatInstantJa,
  formatSlotJa,
  formatTimeJa,
  weekdayJa,
} from './format-ja.js';
import { weekday, type DayRefusal, type IsoDate, type LocalDateTime, type Refusal } from '../calendar/index.js';

const CLOSED = 'オンライン相談を行っておりません。';

/** The holiday table calls a bridge holiday just '休日'; users know it as 国民の休日. */
function holidayLabel(name: string): string {
  return name === '休日' ? '国民の休日' : name;
}

function timesJa(starts: readonly number[]): string {
  return starts.map(formatTimeJa).join('、');
}

/** The sentence saying why the time cannot be booked. */
export function refusalReasonJa(r: Refusal): string {
  switch (r.code) {
    case 'past':
      return `ご希望の日時（${formatSlotJa(r.at)}）はすでに過ぎています。`;
    case 'closed_weekend':
      return `${formatDateJa(r.date)}は${weekdayJa(weekday(r.date))}曜日のため、${CLOSED}`;
    case 'closed_holiday':
      return `${formatDateJa(r.date)}は祝日（${holidayLabel(r.holidayName)}）のため、${CLOSED}`;
    case 'closed_year_end':
      return `${formatDateJa(r.date)}は年末年始の休業期間（12月29日〜1月3日）のため、${CLOSED}`;
    case 'closed_closure':
      return `${formatDateJa(r.date)}は閉庁日のため、${CLOSED}`;
    case 'not_mothers_day': {
      const days = r.weekdays.map((d) => `${weekdayJa(d)}曜日`).join('・');
      return `マザーズコーナーのオンライン相談は${days}に行っております。${formatDateJa(r.date)}はお選びいただけません。`;
    }
    case 'outside_window': {
      const windows = r.windows.map((w) => `${formatTimeJa(w.start)}〜${formatTimeJa(w.end)}`).join('または');
      const starts = r.starts === null ? '' : `開始時刻は${timesJa(r.starts)}からお選びいただけます。`;
      return `ご相談（${r.durationMinutes}分）は${windows}の時間内に収まる必要があります。${starts}`;
    }
    case 'off_grid':
      return r.kind === 'mothers'
        ? `マザーズコーナーの開始時刻は${timesJa(r.starts)}のいずれかです。`
        : `開始時刻は${timesJa(r.starts)}からお選びください。`;
    case 'too_soon':
      return (
        `${formatDateJa(r.date)}のご予約は${formatInstantJa(r.deadline)}までに完了する必要があります。` +
        `いまからですと${formatDateJa(r.earliest)}以降でお選びいただけます。`
      );
    case 'beyond_horizon':
      // The understood date with its year: 「11/30」 typed on 12/1 is next year's, and only the
      // year shows the person why it is out of reach.
      return `${formatDateWithYearJa(r.date)}はご予約の受付期間外です。ご予約は${r.horizonWeeks}週間先の${formatDateJa(r.lastDate)}まで承っております。`;
    case 'full':
      return `${formatSlotJa(r.at)}の枠はすでに埋まっております。`;
    case 'same_as_first':
      return `第1希望と同じ日時です。第2希望には別の日時をお選びください。`;
  }
}

/** Names the alternatives, or when there are none, points to the office's phone. */
export function alternativesJa(alternatives: readonly LocalDateTime[], settings: OfficeSettings): string {
  if (alternatives.length > 0) return `近い空き枠: ${alternatives.map((a) => formatSlotJa(a)).join('、')}`;
  const hours = `${formatTimeJa(settings.openingMinutes)}〜${formatTimeJa(settings.closingMinutes)}`;
  return (
    `現在お選びいただける空き枠がございません。お手数ですが${settings.officeName}` +
    `（${settings.officePhone}、平日${hours}）までお電話ください。`
  );
}

/** The full refusal message: reason, then alternatives on the next line. */
export function refusalMessage(r: Refusal, alternatives: readonly LocalDateTime[], settings: OfficeSettings): string {
  return `${refusalReasonJa(r)}\n${alternativesJa(alternatives, settings)}`;
}

/**
 * Why a date typed or picked without a time has no time left, said of the day, never of one
 * time the person did not give.
 */
export function dayRefusalMessage(
  reason: DayRefusal,
  date: IsoDate,
  alternatives: readonly LocalDateTime[],
  settings: OfficeSettings,
): string {
  const day = formatDateJa(date);
  const why =
    reason === 'past'
      ? `${day}はすでに過ぎています。`
      : reason === 'first_choice_only'
        ? `${day}で空いている時間は第1希望と同じ日時です。第2希望には別の日時をお選びください。`
        : `${day}は、すべての時間の枠がすでに埋まっております。`;
  return `${why}\n${alternativesJa(alternatives, settings)}`;
}
