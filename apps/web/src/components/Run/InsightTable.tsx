import { type ReactNode, useState } from "react";

export interface InsightColumn<Row> {
  readonly label: string;
  readonly cell: (row: Row) => ReactNode;
  /** Makes the column sortable by this value (numbers sort largest first on the first click). */
  readonly sortValue?: (row: Row) => number | string;
  readonly className?: string;
}

export interface InsightTableProps<Row> {
  readonly label: string;
  readonly testId: string;
  readonly columns: readonly InsightColumn<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** How many rows show before "Show all". */
  readonly limit?: number;
}

interface Sort {
  readonly column: number;
  readonly descending: boolean;
}

/** A compact table of a run's analysis: its own order by default, sortable by column, top N. */
export function InsightTable<Row>({
  label,
  testId,
  columns,
  rows,
  rowKey,
  limit = 10,
}: InsightTableProps<Row>) {
  const [sort, setSort] = useState<Sort | null>(null);
  const [showAll, setShowAll] = useState(false);
  const sorted = sortRows(rows, columns, sort);
  const shown = showAll ? sorted : sorted.slice(0, limit);
  return (
    <div className="overflow-x-auto">
      <table data-testid={testId} aria-label={label} className="w-full text-left text-sm">
        <thead className="text-slate-500 text-xs dark:text-slate-400">
          <tr className="border-slate-100 border-b dark:border-slate-800">
            {columns.map((column, index) => {
              const active = sort?.column === index;
              return (
                <th
                  key={column.label}
                  scope="col"
                  aria-sort={active ? (sort.descending ? "descending" : "ascending") : undefined}
                  className={`px-3 py-1.5 font-medium ${column.className ?? ""}`}
                >
                  {column.sortValue ? (
                    <button
                      type="button"
                      onClick={() =>
                        setSort(
                          active
                            ? { column: index, descending: !sort.descending }
                            : { column: index, descending: true },
                        )
                      }
                      className="hover:underline"
                    >
                      {column.label}
                      {active ? (sort.descending ? " ↓" : " ↑") : ""}
                    </button>
                  ) : (
                    column.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr
              key={rowKey(row)}
              data-testid={`${testId}-row`}
              data-phase={rowKey(row)}
              className="border-slate-100 border-b last:border-b-0 dark:border-slate-800"
            >
              {columns.map((column) => (
                <td
                  key={column.label}
                  className={`px-3 py-1.5 tabular-nums ${column.className ?? ""}`}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length > limit ? (
        <button
          type="button"
          onClick={() => setShowAll(!showAll)}
          className="mt-1 px-3 text-sky-700 text-xs hover:underline dark:text-sky-400"
        >
          {showAll ? `Show the top ${limit}` : `Show all ${rows.length}`}
        </button>
      ) : null}
    </div>
  );
}

function sortRows<Row>(
  rows: readonly Row[],
  columns: readonly InsightColumn<Row>[],
  sort: Sort | null,
): readonly Row[] {
  const value = sort === null ? undefined : columns[sort.column]?.sortValue;
  if (sort === null || value === undefined) return rows;
  const direction = sort.descending ? -1 : 1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    return (x < y ? -1 : x > y ? 1 : 0) * direction;
  });
}
