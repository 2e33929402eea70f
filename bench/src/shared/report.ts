/** A table as printed to the terminal and written to latest.md. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** One target of the project, checked against what the run measured. */
export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
  /** How far inside or outside the target the measurement is. */
  readonly margin: string;
}

export interface BenchmarkResult {
  readonly id: string;
  readonly title: string;
  readonly tables: readonly Table[];
  readonly targets: readonly TargetCheck[];
  readonly notes: readonly string[];
  /** The raw numbers behind the tables, for latest.json. */
  readonly data: unknown;
}

export interface BenchmarkOptions {
  /** A small, fast run that checks the harness, not the speed. */
  readonly smoke: boolean;
  /** Where a benchmark may write scratch files (a temp dir). */
  readonly scratchDir: string;
  readonly log: (line: string) => void;
}

/** A target "measured ≤ limit". */
export function atMost(
  target: string,
  measured: number,
  limit: number,
  format: (value: number) => string,
): TargetCheck {
  const met = measured <= limit;
  const percent = Math.abs((measured - limit) / limit) * 100;
  return {
    target,
    measured: format(measured),
    met,
    margin: met
      ? `met with ${percent.toFixed(0)}% to spare`
      : `missed: ${format(measured)} is ${percent.toFixed(0)}% over ${format(limit)}`,
  };
}

/** A target "measured ≥ limit". */
export function atLeast(
  target: string,
  measured: number,
  limit: number,
  format: (value: number) => string,
): TargetCheck {
  const met = measured >= limit;
  const percent = Math.abs((measured - limit) / limit) * 100;
  return {
    target,
    measured: format(measured),
    met,
    margin: met
      ? `met with ${percent.toFixed(0)}% to spare`
      : `missed: ${format(measured)} is ${percent.toFixed(0)}% under ${format(limit)}`,
  };
}

export const ratio = (value: number): string =>
  Number.isFinite(value) ? `${value.toFixed(2)}×` : "n/a";
export const plain2 = (value: number): string =>
  Number.isFinite(value) ? value.toFixed(2) : "n/a";
export const plain3 = (value: number): string =>
  Number.isFinite(value) ? value.toFixed(3) : "n/a";

export function milliseconds(value: number): string {
  if (!Number.isFinite(value)) return "n/a";
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 10) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(3)} ms`;
}

export function microseconds(valueMs: number): string {
  return Number.isFinite(valueMs) ? `${(valueMs * 1000).toFixed(2)} µs` : "n/a";
}

/** A fixed-width text table for the terminal. */
export function formatTable(table: Table): string {
  const widths = table.columns.map((column, index) =>
    Math.max(column.length, ...table.rows.map((row) => (row[index] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, index) =>
        index === 0 ? cell.padEnd(widths[index]!) : cell.padStart(widths[index]!),
      )
      .join("  ");
  return [
    table.title,
    line(table.columns),
    widths.map((width) => "-".repeat(width)).join("  "),
    ...table.rows.map(line),
  ].join("\n");
}

/** The same table in Markdown. */
export function markdownTable(table: Table): string {
  const escapeCell = (cell: string) => cell.replaceAll("|", "\\|");
  return [
    `**${table.title}**`,
    "",
    `| ${table.columns.map(escapeCell).join(" | ")} |`,
    `|${table.columns.map((_, index) => (index === 0 ? "---" : "---:")).join("|")}|`,
    ...table.rows.map((row) => `| ${row.map(escapeCell).join(" | ")} |`),
  ].join("\n");
}
