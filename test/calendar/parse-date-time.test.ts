import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isValidIsoDate } from '../../src/calendar/jst.js';
import { parseDateTime, type ParsedDateTime } from '../../src/calendar/parse-date-time.js';
import { defaultOfficeSettings as settings } from '../../src/office/settings.js';
import { arbDate, jst } from './calendar-fixtures.js';

const now = jst('2026-12-01', '10:00'); // Tuesday
const dt = (date: string, minutes: number): ParsedDateTime => ({ type: 'datetime', date, minutes });
const d = (date: string): ParsedDateTime => ({ type: 'date', date });
const t = (minutes: number): ParsedDateTime => ({ type: 'time', minutes });
const no = (reason: 'impossible_date' | 'impossible_time' | 'unreadable'): ParsedDateTime => ({
  type: 'invalid',
  reason,
});
/** A weekday that is not the date's: the date the digits named goes with it, to say its weekday. */
const wrongWeekday = (date: string): ParsedDateTime => ({ type: 'invalid', reason: 'weekday_mismatch', date });

describe('parseDateTime', () => {
  it.each([
    ['12/8 10:30', dt('2026-12-08', 630)],
    ['12月8日(火) 10:00〜10:40', dt('2026-12-08', 600)],
    ['12/8 10:00-10:40', dt('2026-12-08', 600)],
    ['10:00〜10:40', t(600)],
    ['12/8', d('2026-12-08')],
    ['12/3', d('2026-12-03')],
    ['12月8日(火)10時半', dt('2026-12-08', 630)],
    ['12月8日（火）14:00', dt('2026-12-08', 840)],
    ['12月3日(木)14:00', dt('2026-12-03', 840)],
    ['１２月８日　午後２時', dt('2026-12-08', 840)],
    ['12月8日火曜日 10:00', dt('2026-12-08', 600)],
    ['12月8日の10時', dt('2026-12-08', 600)],
    ['午前10時', t(600)],
    ['午後2時', t(840)],
    ['午後2時30分', t(870)],
    ['午後2', t(840)],
    ['2pm', t(840)],
    ['10:30am', t(630)],
    ['正午', t(720)],
    ['午前12時', t(720)],
    ['午後0時', t(720)],
    ['10時', t(600)],
    ['10:30', t(630)],
    ['１０：３０', t(630)],
    ['14時30分', t(870)],
    ['14時30', t(870)],
    ['明日 14時', dt('2026-12-02', 840)],
    ['あした14時', dt('2026-12-02', 840)],
    ['明後日', d('2026-12-03')],
    ['今日', d('2026-12-01')],
    ['来週火曜 11:00', dt('2026-12-08', 660)],
    ['来週の火曜日', d('2026-12-08')],
    ['再来週の木曜', d('2026-12-17')],
    ['今週金曜', d('2026-12-04')],
    ['火曜', d('2026-12-08')], // the next Tuesday after today
    ['水曜日', d('2026-12-02')],
    ['2026-12-08T10:30', dt('2026-12-08', 630)],
    ['2026-12-08', d('2026-12-08')],
    ['2026/12/8 10:30', dt('2026-12-08', 630)],
    ['2026年12月8日 10時', dt('2026-12-08', 600)],
    ['令和8年12月8日', d('2026-12-08')],
    ['㋿8年12月8日', d('2026-12-08')],
    ['令和元年5月1日', d('2019-05-01')],
    // As forms and quick notes write dates: the era's letter, and dots.
    ['R8.12.8', d('2026-12-08')],
    ['r8/12/8 10:30', dt('2026-12-08', 630)],
    ['R0.12.8', no('impossible_date')],
    ['12.8', d('2026-12-08')],
    ['12.8 10.30', dt('2026-12-08', 630)],
    ['12.8(火) 14:00', dt('2026-12-08', 840)],
    // A hyphen is not read as between month and day: 「10-11」 is more likely a time range.
    ['10-11', no('unreadable')],
    ['1/5', d('2027-01-05')], // in December, next January
    ['12/1', d('2026-12-01')], // today counts
    ['11/30', d('2027-11-30')],
    ['14時 12/8', dt('2026-12-08', 840)],
    ['12/8 10時からでお願いします。', dt('2026-12-08', 600)],
    ['12/8の10:30希望です', dt('2026-12-08', 630)],
    ['2/30', no('impossible_date')],
    ['13/1', no('impossible_date')],
    ['2026-02-29', no('impossible_date')],
    ['2/29', d('2028-02-29')],
    ['25:00', no('impossible_time')],
    ['10:75', no('impossible_time')],
    ['12/8 24:00', no('impossible_time')],
    ['午後13時', no('impossible_time')],
    ['10時75分', no('impossible_time')],
    ['12月8日(水)', wrongWeekday('2026-12-08')],
    ['12/8(水) 10:00', wrongWeekday('2026-12-08')],
    ['', no('unreadable')],
    ['   ', no('unreadable')],
    ['よろしくお願いします', no('unreadable')],
    ['来週', no('unreadable')],
    ['12/8 と 12/9', no('unreadable')],
    ['1030', no('unreadable')],
    ['12/810:30', no('unreadable')],
    ['午後', no('unreadable')],
    // What people add around a date: emoji, よろしく, a day of the month alone.
    ['12月17日の10時半でお願いします🙏', dt('2026-12-17', 630)],
    ['12/8😊', d('2026-12-08')],
    ['🙏12/8 10:00〜10:40🙇‍♀️', dt('2026-12-08', 600)],
    ['12/8 10時でお願いします♪', dt('2026-12-08', 600)],
    ['12/8 10時でお願いします$$', dt('2026-12-08', 600)], // LINE emoji arrive as '$'
    ['12/18 10:30でよろしくお願いします', dt('2026-12-18', 630)],
    ['12/18 10:30でよろしくお願いいたします。', dt('2026-12-18', 630)],
    ['12/18 10:30、どうぞ宜しくお願い致します!', dt('2026-12-18', 630)],
    ['10:30でお願いします🙏', t(630)],
    ['18日の10時半', dt('2026-12-18', 630)],
    ['18日', d('2026-12-18')],
    ['１８日（金）', d('2026-12-18')],
    ['1日', d('2026-12-01')], // today counts, as for 12/1
    ['31日 14時', dt('2026-12-31', 840)],
    ['10時 18日', dt('2026-12-18', 600)],
    ['18日(木)', wrongWeekday('2026-12-18')],
    ['32日', no('impossible_date')],
    ['0日', no('impossible_date')],
    ['3日後', no('unreadable')],
    ['2日間', no('unreadable')],
    ['🙏', no('unreadable')],
  ])('reads %j', (text, expected) => {
    expect(parseDateTime(text, now)).toEqual(expected);
  });

  it('reads a day of the month alone as the next such day, skipping months without it', () => {
    expect(parseDateTime('15日', jst('2026-12-20', '10:00'))).toEqual(d('2027-01-15'));
    expect(parseDateTime('31日', jst('2027-02-01', '10:00'))).toEqual(d('2027-03-31'));
    expect(parseDateTime('30日', jst('2027-01-31', '10:00'))).toEqual(d('2027-03-30'));
    expect(parseDateTime('29日', jst('2028-02-01', '10:00'))).toEqual(d('2028-02-29'));
  });

  it('reads relative days from the Japan date, not the UTC one', () => {
    // 2026-12-01 23:30 in Japan is still 12/1 14:30 UTC; at 00:30 on 12/2 Japan it is 12/1 UTC.
    expect(parseDateTime('明日', jst('2026-12-01', '23:30'))).toEqual(d('2026-12-02'));
    expect(parseDateTime('明日', jst('2026-12-02', '00:30'))).toEqual(d('2026-12-03'));
  });

  it('reads 来週 with weeks starting on Monday', () => {
    expect(parseDateTime('来週火曜', jst('2026-12-07', '10:00'))).toEqual(d('2026-12-15')); // from a Monday
    expect(parseDateTime('来週火曜', jst('2026-12-12', '10:00'))).toEqual(d('2026-12-15')); // from a Saturday
  });

  it('on a Sunday, reads 来週 and 再来週 as either of two weeks, and 今週 as the days ahead', () => {
    const sunday = jst('2026-12-06', '10:00');
    // Counted from Monday, next week's Tuesday is the day after tomorrow; from Sunday, a week later.
    expect(parseDateTime('来週火曜', sunday)).toEqual({ type: 'date', date: '2026-12-08', alsoMeans: '2026-12-15' });
    expect(parseDateTime('来週の月曜 10:00', sunday)).toEqual({
      type: 'datetime',
      date: '2026-12-07',
      minutes: 600,
      alsoMeans: '2026-12-14',
    });
    expect(parseDateTime('10時 再来週金曜', sunday)).toEqual({
      type: 'datetime',
      date: '2026-12-18',
      minutes: 600,
      alsoMeans: '2026-12-25',
    });
    expect(parseDateTime('来週木曜(木)', sunday)).toEqual({
      type: 'date',
      date: '2026-12-10',
      alsoMeans: '2026-12-17',
    });
    // The Sunday itself is the same week either way.
    expect(parseDateTime('来週日曜', sunday)).toEqual(d('2026-12-13'));
    // Monday-based, this week's Friday would already be past: it is the coming one.
    expect(parseDateTime('今週金曜', sunday)).toEqual(d('2026-12-11'));
    expect(parseDateTime('今週日曜', sunday)).toEqual(d('2026-12-06'));
  });

  describe('an hour typed without 午前/午後 to book a session (with the office settings)', () => {
    const typed = (text: string) => parseDateTime(text, now, { settings });
    it.each([
      ['2時半', t(870)],
      ['２時半', t(870)],
      ['2:30', t(870)],
      ['３時', t(900)],
      ['1時30分', t(810)],
      ['12/8 2時半', dt('2026-12-08', 870)],
      ['12月8日(火) 2:00〜2:40', dt('2026-12-08', 840)],
      ['2時半 12/8', dt('2026-12-08', 870)],
      ['18日の2時', dt('2026-12-18', 840)],
      ['10時', t(600)],
      ['11:30', t(690)],
      ['9時', t(540)], // 21:00 is after closing: the morning, refused for its window
      ['7時', t(420)],
      ['14時', t(840)],
      ['午前2時', t(120)], // said outright: stays 2:00 and is refused
      ['2am', t(120)],
      ['午後2時', t(840)],
      ['2pm', t(840)],
      ['25:00', no('impossible_time')],
    ])('reads %j', (text, expected) => {
      expect(typed(text)).toEqual(expected);
    });

    it('reads hours as typed without the settings (the date-time picker, staff tools)', () => {
      expect(parseDateTime('2時半', now)).toEqual(t(150));
      expect(parseDateTime('2026-12-08T02:30', now)).toEqual(dt('2026-12-08', 150));
    });

    it('never changes an hour given with 午前 or 午後', () => {
      fc.assert(
        fc.property(
          fc.constantFrom('午前', '午後'),
          fc.integer({ min: 0, max: 12 }),
          fc.integer({ min: 0, max: 59 }),
          (meridiem, hour, minute) => {
            const text = `${meridiem}${hour}時${minute}分`;
            expect(typed(text)).toEqual(parseDateTime(text, now));
          },
        ),
      );
    });

    it('reads a bare hour either as typed or twelve hours on, never inside a window moved', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (hour, minute) => {
          const asTyped = hour * 60 + minute;
          const result = typed(`${hour}:${String(minute).padStart(2, '0')}`);
          expect(result.type).toBe('time');
          const minutes = (result as { minutes: number }).minutes;
          expect([asTyped, asTyped + 12 * 60]).toContain(minutes);
          if (settings.regularWindows.some((w) => w.start <= asTyped && asTyped < w.end)) expect(minutes).toBe(asTyped);
        }),
      );
    });
  });

  it('reads a day of the month as the first date on or after today with that day', () => {
    fc.assert(
      fc.property(arbDate, fc.integer({ min: 1, max: 31 }), (today, day) => {
        const result = parseDateTime(`${day}日`, jst(today, '10:00'));
        expect(result.type).toBe('date');
        const date = (result as { date: string }).date;
        expect(date >= today).toBe(true);
        expect(Number(date.slice(8))).toBe(day);
        for (let x = today; x < date; x = addDays(x, 1)) expect(Number(x.slice(8))).not.toBe(day);
      }),
      { numRuns: 500 },
    );
  });

  it('ignores emoji after what it reads', () => {
    const emoji = fc.constantFrom('🙏', '😊', '🙇‍♀️', '👍🏻', '❤️', '✨', '♪', '☆', '🇯🇵');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 1439 }), emoji, (ahead, minutes, e) => {
        const date = addDays('2026-12-01', ahead);
        const [, month, day] = date.split('-').map(Number);
        const text = `${month}/${day} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}でお願いします`;
        expect(parseDateTime(text + e, now)).toEqual(parseDateTime(text, now));
      }),
    );
  });

  const arbText = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc
      .array(
        fc.constantFrom(
          '1',
          '2',
          '12',
          '99',
          '/',
          '-',
          ':',
          '月',
          '日',
          '時',
          '分',
          '半',
          '年',
          '令和',
          '元',
          '午前',
          '午後',
          'pm',
          '(',
          ')',
          '火',
          '曜',
          '来週',
          '明日',
          'の',
          ' ',
          '　',
          '１',
          '：',
          'T',
          'から',
          'よろしく',
          '🙏',
          '\u200d',
          '\ufe0f',
          '後',
        ),
        { maxLength: 16 },
      )
      .map((parts) => parts.join('')),
  );

  it('never throws and returns only real dates and times', () => {
    fc.assert(
      fc.property(arbText, (text) => {
        for (const result of [parseDateTime(text, now), parseDateTime(text, now, { settings })]) {
          if ('date' in result && result.date !== undefined) expect(isValidIsoDate(result.date)).toBe(true);
          if ('minutes' in result) expect(result.minutes >= 0 && result.minutes < 1440).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('reads back any date and time written as m/d h:mm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 1439 }), (ahead, minutes) => {
        const date = addDays('2026-12-01', ahead);
        const [, month, day] = date.split('-').map(Number);
        const text = `${month}/${day} ${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
        expect(parseDateTime(text, now)).toEqual(dt(date, minutes));
      }),
    );
  });
});
