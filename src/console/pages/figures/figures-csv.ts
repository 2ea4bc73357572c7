import { FIGURE_COLUMNS, FIGURE_COUNTS, type Median, type MonthFigures } from './month-figures.js';
import { monthJa, type Month } from './month.js';

/** Excel reads a CSV as UTF-8 (and so shows Japanese) only when it starts with the byte-order mark. */
const BOM = '\uFEFF';

/** Labels of the median rows, with their units (the page writes the unit beside each value). */
const LEAD_LABEL = '申込みから相談日時まで 中央値（日）';
const REPLY_LABEL = '申込みから最初の回答まで 中央値（時間）';

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const line = (cells: readonly (string | number | null)[]) => cells.map(cell).join(',');
const medianCells = (f: MonthFigures, pick: (c: MonthFigures['all']) => Median) =>
  FIGURE_COLUMNS.map((c) => pick(f[c.id]).value);
const countOfCells = (f: MonthFigures, pick: (c: MonthFigures['all']) => Median) =>
  FIGURE_COLUMNS.map((c) => pick(f[c.id]).n);

/**
 * The month's figures as the CSV an office hands in: one row per count, one column per kind and
 * app, Japanese headers, CRLF line ends, UTF-8 with a byte-order mark. Counts only, nobody's details.
 */
export function figuresCsv(month: Month, f: MonthFigures): string {
  const rows = [
    line([`項目（${monthJa(month)}・相談日で集計）`, ...FIGURE_COLUMNS.map((c) => c.label)]),
    ...FIGURE_COUNTS.map((k) => line([k.label, ...FIGURE_COLUMNS.map((c) => f[c.id].counts[k.id])])),
    line([LEAD_LABEL, ...medianCells(f, (c) => c.leadDays)]),
    line(['（対象件数）', ...countOfCells(f, (c) => c.leadDays)]),
    line([REPLY_LABEL, ...medianCells(f, (c) => c.replyHours)]),
    line(['（対象件数）', ...countOfCells(f, (c) => c.replyHours)]),
  ];
  return `${BOM}${rows.join('\r\n')}\r\n`;
}

/** The file name: the month in it, so a folder of them sorts by month. */
export function figuresCsvDisposition(month: Month): string {
  const ascii = `online-consultations-${month}.csv`;
  const ja = encodeURIComponent(`オンライン相談実績_${month}.csv`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${ja}`;
}
