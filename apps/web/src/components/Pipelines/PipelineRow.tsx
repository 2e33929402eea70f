import { executionLevels, type PipelineGraph } from "@milo/core";
import { useMemo } from "react";
import { formatDuration } from "../../lib/formatDuration";
import { formatAgo } from "../../lib/formatTime";
import { useLatestRun } from "../../queries/useLatestRun";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";
import { ProgressMeter } from "../Status/ProgressMeter";
import { StatusBadge } from "../Status/StatusBadge";

/** One pipeline: its size, and how its latest run went (or goes). */
export function PipelineRow({
  graph,
  now,
}: {
  readonly graph: PipelineGraph;
  readonly now: number;
}) {
  const latest = useLatestRun(graph.name);
  const run = latest.data;
  const parallel = graph.phases.filter((phase) => phase.parallel).length;
  const levels = useMemo(() => executionLevels(graph), [graph]);
  const widest = levels.reduce((most, level) => Math.max(most, level.length), 0);
  const totalWeight = graph.phases.reduce((sum, phase) => sum + phase.weight, 0);
  return (
    <tr
      data-testid={`pipeline-row-${graph.name}`}
      className="border-slate-100 border-b last:border-b-0 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/40"
    >
      <td className="px-4 py-3">
        <Link
          to={paths.pipeline(graph.name)}
          data-testid={`pipeline-link-${graph.name}`}
          className="font-semibold text-sky-800 hover:underline dark:text-sky-300"
        >
          {graph.name}
        </Link>
      </td>
      <td className="hidden px-4 py-3 text-slate-600 tabular-nums sm:table-cell dark:text-slate-300">
        <span data-testid={`pipeline-phase-count-${graph.name}`}>
          {graph.phases.length.toLocaleString()}
        </span>
        <span className="ml-1.5 text-slate-500 dark:text-slate-400 text-xs">
          {parallel > 0 ? `${parallel.toLocaleString()} parallel` : "all serial"}
        </span>
      </td>
      <td className="hidden px-4 py-3 text-slate-600 tabular-nums sm:table-cell dark:text-slate-300">
        {levels.length}
        <span className="ml-1.5 text-slate-500 dark:text-slate-400 text-xs">widest {widest}</span>
      </td>
      <td className="hidden px-4 py-3 text-slate-600 tabular-nums sm:table-cell dark:text-slate-300">
        {totalWeight}
      </td>
      <td className="px-4 py-3">
        {latest.isPending ? (
          <span className="text-slate-500 dark:text-slate-400 text-xs">…</span>
        ) : latest.error ? (
          <span className="text-red-700 text-xs dark:text-red-300" title={latest.error.message}>
            unavailable
          </span>
        ) : run ? (
          <Link to={paths.run(run.id)} className="inline-flex items-center gap-2 hover:underline">
            <StatusBadge status={run.status} testId={`pipeline-latest-status-${graph.name}`} />
            <span className="hidden text-slate-500 text-xs sm:inline dark:text-slate-400">
              {formatAgo(run.startedAt ?? run.createdAt, now)}
              {run.endedAt !== null ? ` · took ${formatDuration(run.elapsed)}` : ""}
            </span>
          </Link>
        ) : (
          <span className="text-slate-500 dark:text-slate-400 text-xs">never run</span>
        )}
      </td>
      <td className="w-28 px-4 py-3 sm:w-48">
        {run ? (
          <ProgressMeter
            progress={run.progress}
            status={run.status}
            label={`Progress of the latest run of ${graph.name}`}
          />
        ) : null}
      </td>
    </tr>
  );
}
