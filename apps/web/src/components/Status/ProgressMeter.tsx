import type { PipelineStatusName } from "@milo/core";
import { useTheme } from "../../hooks/useTheme";
import { STATUS_STYLES } from "./statusStyle";

/** A run's progress in a table row: a thin bar in the run's status color, and the percentage. */
export function ProgressMeter({
  progress,
  status,
  label,
}: {
  readonly progress: number;
  readonly status: PipelineStatusName;
  readonly label: string;
}) {
  const { resolved } = useTheme();
  const percent = Math.round(Math.min(1, Math.max(0, progress)) * 100);
  return (
    <div className="flex items-center gap-2">
      <div
        className="h-1.5 flex-1 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
      >
        <div
          className="h-full rounded-full"
          style={{ width: `${percent}%`, backgroundColor: STATUS_STYLES[status].color[resolved] }}
        />
      </div>
      <span className="w-9 text-right text-slate-500 text-xs tabular-nums dark:text-slate-400">
        {percent}%
      </span>
    </div>
  );
}
