import type { PipelineState } from "@milo/core";
import { useMemo } from "react";
import { useTheme } from "../../hooks/useTheme";
import { formatDuration } from "../../lib/formatDuration";
import { STATUS_STYLES } from "../Status/statusStyle";

export interface RunProgressProps {
  readonly state: PipelineState;
  readonly now: number;
  /** Opens a phase named in "now running" (selects it and brings it into view). */
  readonly onPhase?: (phase: string) => void;
  /** Brings every running phase into view ("and N more"). */
  readonly onRunning?: () => void;
}

const LINK =
  "rounded-sm underline decoration-slate-400 underline-offset-2 hover:decoration-current focus-visible:outline-2";

/** Weighted progress, elapsed time (ticking while the run runs) and what runs now. */
export function RunProgress({ state, now, onPhase, onRunning }: RunProgressProps) {
  const { resolved } = useTheme();
  const percent = Math.round(Math.min(1, Math.max(0, state.progress)) * 100);
  const elapsed =
    state.startedAt === null
      ? 0
      : state.endedAt === null
        ? Math.max(0, now - state.startedAt)
        : state.elapsed;
  const barStatus = state.status === "pending" ? "running" : state.status;
  const color = STATUS_STYLES[barStatus].color[resolved];
  const runningCount = useMemo(() => {
    let count = 0;
    for (const phase of state.phases) if (phase.status === "running") count++;
    return count;
  }, [state.phases]);

  return (
    <div className="space-y-1.5">
      <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
        <span className="font-semibold text-2xl tabular-nums leading-none">{percent}%</span>
        <span className="text-slate-500 dark:text-slate-400">
          elapsed{" "}
          <span
            data-testid="run-elapsed"
            className="font-medium text-slate-900 tabular-nums dark:text-slate-100"
          >
            {formatDuration(elapsed)}
          </span>
        </span>
        {state.currentPhase ? (
          <span className="min-w-0 truncate text-slate-500 dark:text-slate-400">
            now running{" "}
            {onPhase ? (
              <button
                type="button"
                data-testid="run-current-phase"
                onClick={() => onPhase(state.currentPhase)}
                title={`Open ${state.currentPhase}`}
                className={`font-medium font-mono text-slate-900 dark:text-slate-100 ${LINK}`}
              >
                {state.currentPhase}
              </button>
            ) : (
              <span
                data-testid="run-current-phase"
                className="font-medium font-mono text-slate-900 dark:text-slate-100"
              >
                {state.currentPhase}
              </span>
            )}
            {runningCount > 1 ? (
              <>
                {" and "}
                {onRunning ? (
                  <button
                    type="button"
                    data-testid="run-running-more"
                    onClick={onRunning}
                    title="Show every running phase on the graph"
                    className={LINK}
                  >
                    {runningCount - 1} more
                  </button>
                ) : (
                  `${runningCount - 1} more`
                )}
              </>
            ) : (
              ""
            )}
          </span>
        ) : null}
      </div>
      <div
        data-testid="run-progress"
        role="progressbar"
        aria-label="Run progress, weighted by phase weight"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        className="h-2.5 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-300 ease-out ${
            state.status === "running" ? "milo-progress-live" : ""
          }`}
          style={{ width: `${percent}%`, backgroundColor: color }}
        />
      </div>
    </div>
  );
}
