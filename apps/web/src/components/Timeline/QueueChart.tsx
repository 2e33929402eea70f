import type { QueueStep } from "@milo/core";
import { memo, useMemo } from "react";
import { STATUS_STYLES, type Theme } from "../Status/statusStyle";
import { waitBackground } from "./PhaseRow";
import { stepBand } from "./stepBand";
import type { LinearScale } from "./timeline";
import { LABEL_WIDTH, QUEUE_CHART_HEIGHT, WAIT_COLOR } from "./timelineStyle";

export interface QueueChartProps {
  readonly steps: readonly QueueStep[];
  readonly scale: LinearScale;
  /** Where the last step ends: the run's end, or now while it runs. */
  readonly end: number;
  readonly theme: Theme;
}

/**
 * How many phases ran, and how many more were ready but waited for a slot, over the run: a flat
 * "running" band under a tall "ready" one is a concurrency limit set too low.
 */
export const QueueChart = memo(function QueueChart({ steps, scale, end, theme }: QueueChartProps) {
  // A run's steps number in the thousands: redrawn only when they, the scale or the end move.
  const { mostRunning, mostReady, runningBand, readyBand } = useMemo(() => {
    let most = 1;
    let mostRunning = 0;
    let mostReady = 0;
    for (const step of steps) {
      most = Math.max(most, step.ready + step.running);
      mostRunning = Math.max(mostRunning, step.running);
      mostReady = Math.max(mostReady, step.ready);
    }
    const y = (value: number) => QUEUE_CHART_HEIGHT - 2 - (value / most) * (QUEUE_CHART_HEIGHT - 6);
    return {
      mostRunning,
      mostReady,
      runningBand: stepBand(
        steps,
        () => 0,
        (step) => step.running,
        scale,
        y,
        end,
      ),
      readyBand: stepBand(
        steps,
        (step) => step.running,
        (step) => step.running + step.ready,
        scale,
        y,
        end,
      ),
    };
  }, [steps, scale, end]);
  const running = STATUS_STYLES.running.color[theme];
  return (
    <div
      data-testid="timeline-queue-chart"
      className="flex border-slate-100 border-t text-[10px] text-slate-500 dark:border-slate-800 dark:text-slate-400"
      style={{ height: QUEUE_CHART_HEIGHT }}
    >
      <div
        className="flex shrink-0 flex-col justify-center gap-0.5 px-3"
        style={{ width: LABEL_WIDTH }}
      >
        <span className="flex items-center gap-1.5">
          <span className="inline-block h-2 w-3 rounded-sm" style={{ backgroundColor: running }} />
          running (at most {mostRunning})
        </span>
        <span className="flex items-center gap-1.5">
          <span
            className="inline-block h-2 w-3 rounded-sm"
            style={{ backgroundImage: waitBackground(theme) }}
          />
          ready, waiting (at most {mostReady})
        </span>
      </div>
      <svg
        className="flex-1 overflow-hidden"
        height={QUEUE_CHART_HEIGHT}
        role="img"
        aria-label={`Phases running (at most ${mostRunning}) and ready but waiting for a slot (at most ${mostReady}) over the run`}
      >
        <defs>
          <pattern
            id="milo-queue-wait"
            width="5"
            height="5"
            patternUnits="userSpaceOnUse"
            patternTransform="rotate(45)"
          >
            <line x1="0" y1="0" x2="0" y2="5" stroke={WAIT_COLOR[theme]} strokeWidth="2" />
          </pattern>
        </defs>
        <path d={runningBand} fill={running} fillOpacity={0.6} />
        <path
          d={readyBand}
          fill="url(#milo-queue-wait)"
          stroke={WAIT_COLOR[theme]}
          strokeWidth={0.5}
        />
      </svg>
    </div>
  );
});
