import type { RunDetail } from "@milo/contract";
import type { PipelineGraph, PipelineState } from "@milo/core";
import { memo } from "react";
import type { RunInsights } from "../../hooks/useRunInsights";
import { formatAgo } from "../../lib/formatTime";
import { shortRunId } from "../../lib/shortRunId";
import { useRuns } from "../../queries/useRuns";
import { ExportButtons } from "../Export/ExportButtons";
import type { GraphOverlay } from "../Graph/GraphOverlay";

export interface RunInsightsBarProps {
  readonly detail: RunDetail;
  readonly graph: PipelineGraph;
  readonly state: PipelineState;
  readonly insights: RunInsights;
  /** What the graph draws over the statuses, for the downloads to draw the same. */
  readonly overlay: GraphOverlay | undefined;
  readonly now: number;
}

/** Above the run's graph: show the critical path, compare with another run, download. */
export const RunInsightsBar = memo(function RunInsightsBar({
  detail,
  graph,
  state,
  insights,
  overlay,
  now,
}: RunInsightsBarProps) {
  const runs = useRuns({ pipeline: detail.pipeline });
  const others = (runs.data?.pages.flatMap((page) => page.runs) ?? []).filter(
    (run) => run.id !== detail.id,
  );
  // The one before this run by default; a newer one when this is the oldest.
  const previous = others.find((run) => run.createdAt <= detail.createdAt) ?? others[0];
  const { compareId, setCompareId, showCritical, setShowCritical } = insights;
  const listed = compareId === null || others.some((run) => run.id === compareId);
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          data-testid="critical-path-toggle"
          aria-pressed={showCritical}
          disabled={state.startedAt === null}
          onClick={() => setShowCritical(!showCritical)}
          className={`rounded-md border px-2 py-0.5 text-xs disabled:opacity-60 ${
            showCritical
              ? "border-violet-700 bg-violet-700 text-white dark:border-violet-300 dark:bg-violet-300 dark:text-slate-950"
              : "border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
          }`}
        >
          Critical path
        </button>
        {compareId === null ? (
          <button
            type="button"
            data-testid="compare-start"
            disabled={previous === undefined}
            title={previous === undefined ? "No other run of this pipeline yet" : undefined}
            onClick={() => previous && setCompareId(previous.id)}
            className="rounded-md border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            Compare with…
          </button>
        ) : (
          <span className="flex items-center gap-1.5 text-xs">
            <label htmlFor="compare-with" className="text-slate-500 dark:text-slate-400">
              Compare with
            </label>
            <select
              id="compare-with"
              data-testid="compare-select"
              value={compareId}
              onChange={(event) => setCompareId(event.target.value)}
              className="max-w-[16rem] rounded-md border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-700 dark:bg-slate-900"
            >
              {listed ? null : <option value={compareId}>run {shortRunId(compareId)}</option>}
              {others.map((run) => (
                <option key={run.id} value={run.id}>
                  {shortRunId(run.id)} · {run.status} · {formatAgo(run.createdAt, now)}
                </option>
              ))}
            </select>
            <button
              type="button"
              data-testid="compare-stop"
              onClick={() => setCompareId(null)}
              aria-label="Stop comparing"
              className="rounded-md border border-slate-300 px-1.5 py-0.5 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
            >
              ×
            </button>
          </span>
        )}
      </div>
      <ExportButtons graph={graph} state={state} overlay={overlay} runId={detail.id} now={now} />
    </div>
  );
});
