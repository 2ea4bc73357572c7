/**
 * National holidays of Japan (including substitute and bridge holidays) from @holiday-jp/holiday_jp.
 * Only the static table is used: its isHoliday reads the process time zone and scans the table.
 */
import holidayJp from '@holiday-jp/holiday_jp';
import type { IsoDate } from './types.js';

const table: Readonly<Record<string, { readonly name: string }>> = holidayJp.holidays;

/** The holiday's Japanese name as listed (e.g. '天皇誕生日', '休日' for a bridge holiday), or null. */
export function holidayName(date: IsoDate): string | null {
  return Object.hasOwn(table, date) ? (table[date]?.name ?? null) : null;
}
