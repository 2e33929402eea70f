import { formatDuration } from "../../lib/formatDuration";
import { STATUS_STYLES, type Theme } from "../Status/statusStyle";
import type { LinearScale } from "./timeline";
import type { TimelineGroupItem } from "./timelineItems";
import { CRITICAL_COLOR, LABEL_WIDTH, ROW_HEIGHT } from "./timelineStyle";

export interface GroupRowProps {
  readonly item: TimelineGroupItem;
  readonly index: number;
  readonly scale: LinearScale;
  readonly theme: Theme;
  /** Whether a phase of the group is on the critical path. */
  readonly critical: boolean;
  readonly onToggle: (key: string) => void;
}

/** A group's summary row: folds and unfolds its phases, and shows when any of them ran. */
export function GroupRow({ item, index, scale, theme, critical, onToggle }: GroupRowProps) {
  const color = STATUS_STYLES[item.status].color[theme];
  return (
    <button
      type="button"
      data-testid={`timeline-group-${item.key}`}
      data-critical={critical ? "true" : undefined}
      aria-expanded={!item.folded}
      title={`${item.key}: ${item.rows.length} phases${Number.isFinite(item.start) ? `, ${formatDuration(item.end - item.start)}` : ""}`}
      onClick={() => onToggle(item.key)}
      className="absolute left-0 flex w-full items-center bg-slate-50/70 text-left hover:bg-slate-100 dark:bg-slate-800/40 dark:hover:bg-slate-800"
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
    >
      <span
        className="shrink-0 truncate px-3 font-semibold text-slate-700 text-xs dark:text-slate-200"
        style={{
          width: LABEL_WIDTH,
          boxShadow: critical ? `inset 3px 0 0 ${CRITICAL_COLOR[theme]}` : undefined,
        }}
      >
        <span aria-hidden="true">{item.folded ? "▸" : "▾"}</span> {item.key}{" "}
        <span className="font-normal text-slate-500 dark:text-slate-400">({item.rows.length})</span>
      </span>
      <span className="relative h-full flex-1 overflow-hidden">
        {item.spans.map((span) => (
          <span
            key={span.start}
            className="absolute top-1.5 bottom-1.5 rounded-sm opacity-80"
            style={{
              left: scale(span.start),
              width: Math.max(2, scale(span.end) - scale(span.start)),
              backgroundColor: color,
            }}
          />
        ))}
      </span>
    </button>
  );
}
