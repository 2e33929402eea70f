import type { LinearScale } from "./timeline";
import { LABEL_WIDTH } from "./timelineStyle";

export interface TimelineGridProps {
  readonly scale: LinearScale;
  /** Gridline times. */
  readonly times: readonly number[];
  readonly height: number;
  /** The live clock's line, while the run is live. */
  readonly now: number | null;
  /** The expected end's line, while a run under way has one. */
  readonly expectedEnd: number | null;
  readonly accent: string;
}

/** Behind the rows: a gridline per tick, the clock while live, and the expected end. */
export function TimelineGrid({
  scale,
  times,
  height,
  now,
  expectedEnd,
  accent,
}: TimelineGridProps) {
  const width = scale.range[1] - scale.range[0];
  const vertical = (time: number) => ({ x1: scale(time), x2: scale(time), y1: 0, y2: height });
  return (
    <svg
      className="pointer-events-none absolute top-0"
      style={{ left: LABEL_WIDTH }}
      width={width}
      height={height}
      aria-hidden="true"
    >
      {times.map((time) => (
        <line key={time} {...vertical(time)} className="stroke-slate-100 dark:stroke-slate-800" />
      ))}
      {now === null ? null : (
        // At the newest moment known, so it never trails the bars growing toward it.
        <line {...vertical(now)} className="stroke-sky-500/60" strokeDasharray="3 3" />
      )}
      {expectedEnd === null ? null : (
        <line
          data-testid="timeline-expected-end"
          {...vertical(expectedEnd)}
          stroke={accent}
          strokeDasharray="2 4"
        />
      )}
    </svg>
  );
}
