import type { PhaseComparison } from "@milo/core";
import { formatDuration } from "../../lib/formatDuration";
import { shortRunId } from "../../lib/shortRunId";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";
import { comparisonMark, ratioText, statusChangeText } from "./comparisonOverlay";
import { type InsightColumn, InsightTable } from "./InsightTable";
import { PhaseButton } from "./PhaseButton";

export interface RunComparisonProps {
  /** The other run. */
  readonly againstId: string;
  /** Phase by phase, as `compareRuns(graph, other, this)` orders them. */
  readonly phases: readonly PhaseComparison[];
  readonly loading: boolean;
  /** Why there is nothing to compare, in words that follow "Against run X: ". */
  readonly error: Error | null;
  readonly onSelect: (phase: string) => void;
}

/** This run against another: the phases whose status or time changed, biggest first. */
export function RunComparison({ againstId, phases, loading, error, onSelect }: RunComparisonProps) {
  const changed = phases.filter((phase) => comparisonMark(phase) !== null);
  const time = (ms: number | null) => (ms === null ? "—" : formatDuration(ms));
  const columns: InsightColumn<PhaseComparison>[] = [
    { label: "Phase", cell: (row) => <PhaseButton name={row.name} onSelect={onSelect} /> },
    { label: "That run", cell: (row) => time(row.before.durationMs) },
    { label: "This run", cell: (row) => time(row.after.durationMs) },
    {
      label: "Change",
      cell: (row) =>
        row.deltaMs === null
          ? "—"
          : `${row.deltaMs >= 0 ? "+" : "−"}${formatDuration(Math.abs(row.deltaMs))}${
              ratioText(row) ? ` · ${ratioText(row)}` : ""
            }`,
    },
    { label: "Status", cell: (row) => (row.statusChanged ? statusChangeText(row) : "same") },
  ];
  return (
    <section
      data-testid="run-comparison"
      aria-label="Comparison with another run"
      className="rounded-xl border border-slate-200 bg-white px-2 py-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="mb-1 px-3 font-semibold text-sm">
        Against run{" "}
        <Link
          to={paths.run(againstId)}
          className="font-mono text-sky-700 hover:underline dark:text-sky-400"
        >
          {shortRunId(againstId)}
        </Link>
        {": "}
        <span className="font-normal text-slate-500 dark:text-slate-400">
          {loading
            ? "loading…"
            : error
              ? error.message
              : changed.length === 0
                ? "no phase changed its status or took notably longer or shorter"
                : `${changed.length} ${changed.length === 1 ? "phase" : "phases"} changed`}
        </span>
      </h2>
      {changed.length > 0 ? (
        <InsightTable
          label="Biggest changes against the other run"
          testId="run-comparison-changes"
          columns={columns}
          rows={changed}
          rowKey={(row) => row.name}
        />
      ) : null}
    </section>
  );
}
