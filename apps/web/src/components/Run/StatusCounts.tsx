import { isFinished, type PhaseStatusName, type PipelineState } from "@milo/core";
import { memo, useMemo } from "react";
import { useTheme } from "../../hooks/useTheme";
import type { StatusFilter } from "../Graph/useStatusFilter";
import { phaseStatusLabel } from "../Status/phaseStatusLabel";
import { StatusIcon } from "../Status/StatusIcon";
import { STATUS_ORDER, STATUS_STYLES } from "../Status/statusStyle";

export interface StatusCountsProps {
  readonly state: PipelineState;
  /** With a filter, each count is a button that picks its phases out on the graph. */
  readonly filter?: StatusFilter;
}

const STEP_BUTTON =
  "rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800";

/** How many phases are in each status, icon and color beside each number. */
export const StatusCounts = memo(function StatusCounts({ state, filter }: StatusCountsProps) {
  const { resolved } = useTheme();
  const counts = useMemo(() => {
    const tally = new Map<PhaseStatusName, number>();
    for (const phase of state.phases) tally.set(phase.status, (tally.get(phase.status) ?? 0) + 1);
    return tally;
  }, [state.phases]);
  const ended = isFinished(state.status);
  const active = filter?.status ?? null;

  return (
    <div className="space-y-2">
      <ul aria-label="Phases by status" className="flex flex-wrap gap-1.5">
        {STATUS_ORDER.map((status) => {
          const count = counts.get(status) ?? 0;
          const color = STATUS_STYLES[status].color[resolved];
          const label = phaseStatusLabel(status, ended);
          const content = (
            <>
              <span style={count === 0 ? undefined : { color }}>
                <StatusIcon status={status} className="!animate-none size-3.5" />
              </span>
              <span className={count === 0 ? "" : "text-slate-600 dark:text-slate-300"}>
                {label}
              </span>
              <span className="font-semibold tabular-nums">{count.toLocaleString()}</span>
            </>
          );
          const look = `flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs ${
            active === status
              ? "border-slate-900 bg-slate-100 dark:border-white dark:bg-slate-800"
              : count === 0
                ? "border-slate-200 text-slate-500 dark:border-slate-800 dark:text-slate-400"
                : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
          }`;
          return (
            <li
              key={status}
              data-testid={`status-count-${status}`}
              data-count={count}
              data-status-text={status}
              className={filter ? "flex" : look}
            >
              {filter ? (
                <button
                  type="button"
                  data-testid={`status-filter-${status}`}
                  aria-pressed={active === status}
                  disabled={count === 0 && active !== status}
                  onClick={() => filter.toggle(status)}
                  title={
                    status === "running"
                      ? "Show the running phases on the graph and follow them"
                      : `Pick out the ${label.toLowerCase()} phases on the graph; n and p step through them`
                  }
                  className={`${look} enabled:hover:border-slate-400 disabled:cursor-default`}
                >
                  {content}
                </button>
              ) : (
                content
              )}
            </li>
          );
        })}
      </ul>
      {filter && active !== null ? (
        <div
          data-testid="status-filter"
          data-status={active}
          className="flex flex-wrap items-center gap-2 text-slate-600 text-xs dark:text-slate-300"
        >
          <span data-testid="status-filter-position" aria-live="polite">
            {filter.phases.length === 0
              ? `No ${phaseStatusLabel(active, ended).toLowerCase()} phase now`
              : `${phaseStatusLabel(active, ended)}: ${
                  filter.index >= 0 && filter.index < filter.phases.length
                    ? `${(filter.index + 1).toLocaleString()} of `
                    : ""
                }${filter.phases.length.toLocaleString()} picked out on the graph`}
          </span>
          <button
            type="button"
            data-testid="status-filter-prev"
            onClick={() => filter.step(-1)}
            disabled={filter.phases.length === 0}
            aria-keyshortcuts="p"
            className={STEP_BUTTON}
          >
            ‹ Previous <kbd className="font-mono">p</kbd>
          </button>
          <button
            type="button"
            data-testid="status-filter-next"
            onClick={() => filter.step(1)}
            disabled={filter.phases.length === 0}
            aria-keyshortcuts="n"
            className={STEP_BUTTON}
          >
            Next <kbd className="font-mono">n</kbd> ›
          </button>
          <button
            type="button"
            data-testid="status-filter-clear"
            onClick={filter.clear}
            className={STEP_BUTTON}
          >
            Clear
          </button>
        </div>
      ) : null}
    </div>
  );
});
