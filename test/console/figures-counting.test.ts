import { describe, expect, it } from 'vitest';
import type { BookingFact } from '../../db/repositories/figures-repository.js';
import { figuresCsv, figuresCsvDisposition } from '../../src/console/pages/figures/figures-csv.js';
import { median, monthFigures } from '../../src/console/pages/figures/month-figures.js';
import { monthSpan, nextMonth, parseMonth, previousMonth } from '../../src/console/pages/figures/month.js';

const fact = (over: Partial<BookingFact>): BookingFact => ({
  status: 'requested',
  kind: 'regular',
  app: 'zoom',
  createdAt: '2026-11-02T00:00:00.000Z',
  sessionStart: '2026-11-10T01:00:00.000Z',
  confirmedStart: null,
  confirmedAt: null,
  systemCancelReason: null,
  cancelledByPerson: false,
  cancelledBySystem: false,
  firstStaffAnswerAt: null,
  ...over,
});

describe('monthFigures', () => {
  it('gives every booking exactly one outcome, leaves out those a change replaced, and splits by kind and app', () => {
    const f = monthFigures([
      fact({ status: 'requested' }),
      fact({ status: 'confirmed', confirmedStart: '2026-11-10T01:00:00.000Z', app: 'teleoffice' }),
      fact({ status: 'attended', confirmedStart: '2026-11-10T01:00:00.000Z', kind: 'mothers' }),
      fact({ status: 'no_show', confirmedStart: '2026-11-10T01:00:00.000Z' }),
      fact({ status: 'cancelled', cancelledByPerson: true }),
      fact({
        status: 'cancelled',
        systemCancelReason: 'contacted_on_day',
        cancelledBySystem: true,
        confirmedStart: '2026-11-10T01:00:00.000Z',
      }),
      fact({ status: 'cancelled' }),
      fact({ status: 'cancelled', systemCancelReason: 'expired', cancelledBySystem: true }),
      fact({ status: 'cancelled', systemCancelReason: 'changed', cancelledByPerson: true }),
      fact({ status: 'cancelled', systemCancelReason: 'rescheduled', confirmedStart: '2026-11-09T01:00:00.000Z' }),
    ]);
    expect(f.all.counts).toEqual({
      requests: 8,
      confirmed: 4,
      attended: 1,
      noShows: 1,
      cancelledByPerson: 2,
      cancelledByOffice: 1,
      expired: 1,
      awaiting: 1,
      unrecorded: 1,
    });
    expect(f.mothers.counts.requests).toBe(1);
    expect(f.mothers.counts.attended).toBe(1);
    expect(f.regular.counts.requests).toBe(7);
    expect(f.teleoffice.counts).toMatchObject({ requests: 1, confirmed: 1, unrecorded: 1 });
    expect(f.zoom.counts.requests).toBe(7);
  });

  it('takes medians of lead time in days and of reply time in hours, over the bookings that have them', () => {
    const f = monthFigures([
      fact({
        confirmedStart: '2026-11-05T00:00:00.000Z',
        status: 'confirmed',
        firstStaffAnswerAt: '2026-11-02T01:00:00.000Z',
      }),
      fact({
        confirmedStart: '2026-11-06T00:00:00.000Z',
        status: 'confirmed',
        firstStaffAnswerAt: '2026-11-02T04:00:00.000Z',
      }),
      fact({ status: 'requested' }),
    ]);
    expect(f.all.leadDays).toEqual({ value: 3.5, n: 2 });
    expect(f.all.replyHours).toEqual({ value: 2.5, n: 2 });
    expect(monthFigures([]).all.leadDays).toEqual({ value: null, n: 0 });
  });

  it('median: the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([5])).toBe(5);
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('months', () => {
  it('reads YYYY-MM only, and spans the Japan month', () => {
    expect(parseMonth('2026-11')).toBe('2026-11');
    for (const bad of ['2026-13', '2026-00', '2026-1', '26-11', 'november', '', undefined, ['2026-11'], '1999-12'])
      expect(parseMonth(bad)).toBeNull();
    expect(monthSpan('2026-11')).toEqual({ from: '2026-10-31T15:00:00.000Z', to: '2026-11-30T15:00:00.000Z' });
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
});

describe('figuresCsv', () => {
  it('starts with the BOM, ends lines with CRLF, and names the month in the file name', () => {
    const csv = figuresCsv(
      '2026-11',
      monthFigures([fact({ status: 'attended', confirmedStart: '2026-11-10T01:00:00.000Z' })]),
    );
    expect(
      csv.startsWith('\uFEFF項目（2026年11月・相談日で集計）,合計,一般,マザーズコーナー,Zoom,TeleOffice\r\n'),
    ).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv).toContain('\r\n参加,1,1,0,1,0\r\n');
    expect(figuresCsvDisposition('2026-11')).toMatch(
      /^attachment; filename="online-consultations-2026-11\.csv"; filename\*=UTF-8''/,
    );
  });
});
