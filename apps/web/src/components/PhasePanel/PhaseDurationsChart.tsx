import { formatDuration } from "../../lib/formatDuration";
import { shortRunId } from "../../lib/shortRunId";
import { TIMINGS_LIMIT, usePipelineTimings } from "../../queries/usePipelineTimings";

export interface PhaseDurationsChartProps {
  readonly pipeline: string;
  readonly phase: string;
  /** The run shown, drawn as the last bar; absent on the pipeline's page. */
  readonly runId?: string;
  /** The phase's wall time in this run (so far, while it runs); null when it took none. */
  readonly current: { readonly elapsed: number; readonly done: boolean } | null;
}

interface Bar {
  readonly runId: string;
  readonly durationMs: number;
  readonly current: boolean;
}

const WIDTH = 320;
const HEIGHT = 76;
/** Room above the bars for the median's label. */
const TOP = 14;
const SLOT = WIDTH / TIMINGS_LIMIT;

/**
 * The phase's wall time in its last completed runs, oldest left, with this run as the last bar
 * (marked) and the median of the past runs as a dashed line: is this run's phase slow?
 */
export function PhaseDurationsChart({ pipeline, phase, runId, current }: PhaseDurationsChartProps) {
  const timings = usePipelineTimings(pipeline);
  const history = timings.data?.phases.find((each) => each.name === phase);
  if (history === undefined) return null;
  const past = history.runs.filter((run) => run.runId !== runId);
  if (past.length === 0) {
    return (
      <p data-testid="phase-durations-none" className="text-slate-500 text-xs dark:text-slate-400">
        No earlier completed run of this phase to compare with.
      </p>
    );
  }
  const withCurrent = runId !== undefined && current !== null;
  const shown = past.slice(0, withCurrent ? TIMINGS_LIMIT - 1 : TIMINGS_LIMIT).reverse();
  const bars: Bar[] = shown.map((run) => ({ ...run, current: false }));
  if (runId !== undefined && current !== null) {
    bars.push({ runId, durationMs: current.elapsed, current: true });
  }
  const median = history.medianMs;
  const highest = Math.max(1, median ?? 0, ...bars.map((bar) => bar.durationMs));
  const scale = (ms: number) => ((HEIGHT - TOP) * ms) / highest;
  const left = WIDTH - bars.length * SLOT;
  const medianY = median === null ? null : HEIGHT - scale(median);

  return (
    <section>
      <h3 className="mb-1 font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">
        Duration across runs
      </h3>
      <svg
        data-testid="phase-durations-chart"
        data-bars={bars.length}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        className="h-auto w-full overflow-visible"
        role="img"
        aria-label={`${phase}: ${bars.length} runs${runId === undefined ? "" : `, this run ${describe(current)}`}${median === null ? "" : `, median ${formatDuration(median)}`}`}
      >
        <line
          x1={0}
          x2={WIDTH}
          y1={HEIGHT - 0.5}
          y2={HEIGHT - 0.5}
          className="stroke-slate-300 dark:stroke-slate-700"
        />
        {bars.map((bar, index) => {
          const height = Math.max(1, scale(bar.durationMs));
          return (
            <rect
              key={bar.runId}
              data-testid="phase-duration-bar"
              data-current={bar.current ? "true" : undefined}
              x={left + index * SLOT + 1.5}
              y={HEIGHT - height}
              width={SLOT - 3}
              height={height}
              rx={1.5}
              className={
                bar.current
                  ? "fill-sky-600 dark:fill-sky-400"
                  : "fill-slate-400 dark:fill-slate-500"
              }
            >
              <title>
                {bar.current ? "This run" : `Run ${shortRunId(bar.runId)}`}:{" "}
                {formatDuration(bar.durationMs)}
                {bar.current && current?.done === false ? " so far" : ""}
              </title>
            </rect>
          );
        })}
        {medianY === null || median === null ? null : (
          <g data-testid="phase-durations-median">
            <line
              x1={0}
              x2={WIDTH}
              y1={medianY}
              y2={medianY}
              strokeDasharray="4 3"
              className="stroke-amber-600 dark:stroke-amber-400"
            />
            <text
              x={0}
              y={Math.max(10, medianY - 3)}
              className="fill-amber-700 text-[10px] dark:fill-amber-300"
            >
              median {formatDuration(median)}
            </text>
          </g>
        )}
      </svg>
      <p className="mt-1 text-slate-500 text-xs tabular-nums dark:text-slate-400">
        {runId === undefined ? (
          `last ${shown.length} run${shown.length === 1 ? "" : "s"}`
        ) : (
          <>
            <span className="mr-1 inline-block size-2 rounded-sm bg-sky-600 align-middle dark:bg-sky-400" />
            this run {describe(current)} · last {shown.length} other run
            {shown.length === 1 ? "" : "s"}
          </>
        )}
      </p>
    </section>
  );
}

function describe(current: PhaseDurationsChartProps["current"]): string {
  if (current === null) return "not timed";
  return `${formatDuration(current.elapsed)}${current.done ? "" : " so far"}`;
}
