import type { ComponentChildren } from 'preact';
import { TableScroll } from './table-scroll.js';

/**
 * A plain table of records, one row a record, under a row of column names (`scope="col"` so
 * screen readers name each cell's column), in a box that scrolls sideways on a phone. Pages with
 * richer rows (row headers, forms in cells) write their own.
 */
export function RecordTable<T>(props: {
  /** What the table lists, in Japanese: screen readers name its scrolling box so. */
  label: string;
  columns: readonly string[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  cells: (row: T) => readonly ComponentChildren[];
}) {
  return (
    <TableScroll label={props.label}>
      <table class="records">
        <thead>
          <tr>
            {props.columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={props.rowKey(row)}>
              {props.cells(row).map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
