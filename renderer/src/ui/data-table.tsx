import type { ReactNode } from 'react';

export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  /** Right-aligned action cells, numbers. */
  align?: 'end';
}

/** A plain table with large rows; each row is identified for tests by `rowKey`. */
export function DataTable<Row>({
  columns,
  rows,
  rowKey,
  rowTestId,
  empty,
  caption,
  rowClassName,
}: {
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowTestId?: string;
  empty: string;
  caption: string;
  rowClassName?: (row: Row) => string | undefined;
}) {
  if (rows.length === 0) return <p className="lead muted">{empty}</p>;
  return (
    <div className="table-frame">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                scope="col"
                key={column.header}
                className={column.align === 'end' ? 'table__end' : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              data-testid={rowTestId}
              data-key={rowKey(row)}
              className={rowClassName?.(row)}
            >
              {columns.map((column) => (
                <td key={column.header} className={column.align === 'end' ? 'table__end' : undefined}>
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
