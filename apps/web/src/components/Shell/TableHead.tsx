export interface TableColumn {
  readonly label: string;
  readonly className?: string;
}

/** The header row every table of the dashboard shares. */
export function TableHead({ columns }: { readonly columns: readonly TableColumn[] }) {
  return (
    <thead className="text-slate-500 text-xs dark:text-slate-400">
      <tr className="border-slate-100 border-b dark:border-slate-800">
        {columns.map((column) => (
          <th
            key={column.label}
            scope="col"
            className={`px-4 py-2 font-medium ${column.className ?? ""}`}
          >
            {column.label}
          </th>
        ))}
      </tr>
    </thead>
  );
}
