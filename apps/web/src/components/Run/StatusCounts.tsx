import { isFinished, type PhaseStatusName, type PipelineState } from "@milo/core";
import { useMemo } from "react";
import { useTheme } from "../../hooks/useTheme";
import { phaseStatusLabel } from "../Status/phaseStatusLabel";
import { StatusIcon } from "../Status/StatusIcon";
import { STATUS_ORDER, STATUS_STYLES } from "../Status/statusStyle";

/** How many phases are in each status, icon and color beside each number. */
export function StatusCounts({ state }: { readonly state: PipelineState }) {
  const { resolved } = useTheme();
  const counts = useMemo(() => {
    const tally = new Map<PhaseStatusName, number>();
    for (const phase of state.phases) tally.set(phase.status, (tally.get(phase.status) ?? 0) + 1);
    return tally;
  }, [state.phases]);

  return (
    <ul aria-label="Phases by status" className="flex flex-wrap gap-1.5">
      {STATUS_ORDER.map((status) => {
        const count = counts.get(status) ?? 0;
        const color = STATUS_STYLES[status].color[resolved];
        return (
          <li
            key={status}
            data-testid={`status-count-${status}`}
            data-count={count}
            data-status-text={status}
            className={`flex items-center gap-1.5 rounded-md border px-2 py-1 text-xs ${
              count === 0
                ? "border-slate-200 text-slate-500 dark:border-slate-800 dark:text-slate-400"
                : "border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
            }`}
          >
            <span style={count === 0 ? undefined : { color }}>
              <StatusIcon status={status} className="size-3.5" />
            </span>
            <span className={count === 0 ? "" : "text-slate-600 dark:text-slate-300"}>
              {phaseStatusLabel(status, isFinished(state.status))}
            </span>
            <span className="font-semibold tabular-nums">{count.toLocaleString()}</span>
          </li>
        );
      })}
    </ul>
  );
}
