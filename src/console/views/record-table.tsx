import type { ComponentChildren } from 'preact';

/**
 * A plain table of records, one row a record, under a row of column names (`scope="col"` so
 * screen readers name each cell's column). Pages with richer rows (row headers, forms in cells)
 * write their own.
 */
export function RecordTable<T>(props: {
  columns: readonly string[];
  rows: readonly T[];
  rowKey: (row: T) => string | number;
  cells: (row: T) => readonly ComponentChildren[];
}) {
  return (
    <table>
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
  );
}
