import { describe, expect, it } from 'vitest';
import { defaultOfficeSettings, officeSettingsFrom, type OfficeSettings } from '../../src/office/settings.js';

describe('office settings', () => {
  it('has the Hello Work Aomori defaults', () => {
    expect(defaultOfficeSettings).toMatchObject({
      officeName: 'ハローワーク青森（青森公共職業安定所）',
      officePhone: '017-776-1561',
      openingMinutes: 510,
      closingMinutes: 1035,
      regularWindows: [
        { start: 600, end: 720 },
        { start: 810, end: 930 },
      ],
      mothersWeekdays: [2, 4],
      mothersStarts: [660, 810, 870],
      gridStepMinutes: 30,
      sessionMinutes: 40,
      immediateSessionMinutes: 30,
      capacity: 1,
      horizonWeeks: 8,
    });
  });

  it('should return the defaults when nothing is overridden', () => {
    expect(officeSettingsFrom({})).toEqual(defaultOfficeSettings);
  });

  it('should keep defaults for overrides that are undefined', () => {
    expect(officeSettingsFrom({ capacity: undefined, horizonWeeks: 4 })).toMatchObject({
      capacity: 1,
      horizonWeeks: 4,
    });
  });

  it('should apply valid overrides', () => {
    const s = officeSettingsFrom({
      closingMinutes: 17 * 60,
      capacity: 3,
      gridStepMinutes: 20,
      officePhone: '017-000-0000',
    });
    expect(s).toMatchObject({ closingMinutes: 1020, capacity: 3, gridStepMinutes: 20, officePhone: '017-000-0000' });
  });

  it('should not share arrays with the caller or the defaults', () => {
    const windows = [{ start: 600, end: 720 }];
    const s = officeSettingsFrom({ regularWindows: windows, mothersStarts: [660] });
    windows[0]!.start = 0;
    expect(s.regularWindows[0]!.start).toBe(600);
    expect(() => defaultOfficeSettings.mothersStarts.push(1)).toThrow();
  });

  it.each([
    [{ regularWindows: [] }, 'regularWindows'],
    [
      {
        regularWindows: [
          { start: 810, end: 930 },
          { start: 600, end: 720 },
        ],
      },
      'regularWindows',
    ],
    [
      {
        regularWindows: [
          { start: 600, end: 720 },
          { start: 700, end: 930 },
        ],
      },
      'regularWindows',
    ],
    [{ regularWindows: [{ start: 720, end: 600 }] }, 'regularWindows'],
    [{ regularWindows: [{ start: 600, end: 630 }] }, 'regularWindows'],
    [{ capacity: 0 }, 'capacity'],
    [{ capacity: 1.5 }, 'capacity'],
    [{ horizonWeeks: -1 }, 'horizonWeeks'],
    [{ sessionMinutes: 0 }, 'sessionMinutes'],
    [{ gridStepMinutes: 0 }, 'gridStepMinutes'],
    [{ immediateSessionMinutes: -30 }, 'immediateSessionMinutes'],
    [{ closingMinutes: 500 }, 'closingMinutes'],
    [{ closingMinutes: 2000 }, 'closingMinutes'],
    [{ mothersWeekdays: [7] }, 'mothersWeekdays'],
    [{ mothersStarts: [870, 660] }, 'mothersStarts'],
    [{ mothersStarts: [700] }, 'mothersStarts'],
    [{ officeName: ' ' }, 'officeName'],
    [{ officePhone: '' }, 'officePhone'],
    [{ termsUrl: 'not a url' }, 'termsUrl'],
    [{ termsUrl: 'javascript:alert(1)' }, 'termsUrl'],
  ] as Array<[Partial<OfficeSettings>, keyof OfficeSettings]>)(
    'should reject %j naming the field',
    (overrides, field) => {
      expect(() => officeSettingsFrom(overrides)).toThrow(new RegExp(`"${field}"`));
    },
  );
});
