import { useTheme } from "../../hooks/useTheme";
import { formatDuration } from "../../lib/formatDuration";
import { shortRunId } from "../../lib/shortRunId";
import { usePipelineTimings } from "../../queries/usePipelineTimings";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";
import { STATUS_STYLES } from "../Status/statusStyle";

const OUTCOMES = ["completed", "failed", "cancelled"] as const;

/** The pipeline's last finished runs as bars, oldest left, colored by outcome; each opens its run. */
export function RunDurationsChart({ pipeline }: { readonly pipeline: string }) {
  const { resolved } = useTheme();
  const timings = usePipelineTimings(pipeline);
  const runs = timings.data?.runs;
  if (runs === undefined || runs.length === 0) return null;
  const bars = [...runs].reverse();
  const median = timings.data?.medianMs ?? null;
  const highest = Math.max(1, median ?? 0, ...bars.map((run) => run.durationMs));
  const percent = (ms: number) => `${(100 * ms) / highest}%`;

  return (
    <section
      data-testid="run-durations-chart"
      aria-label="Durations of the last runs"
      className="mb-4 rounded-xl border border-slate-200 bg-white px-4 py-3 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2 text-xs">
        <h2 className="font-semibold text-slate-500 uppercase tracking-wide dark:text-slate-400">
          Last {bars.length} run{bars.length === 1 ? "" : "s"}
        </h2>
        <span className="flex flex-wrap gap-3 text-slate-600 dark:text-slate-400">
          {OUTCOMES.map((status) => (
            <span key={status} className="flex items-center gap-1">
              <span
                className="inline-block size-2.5 rounded-sm"
                style={{ backgroundColor: STATUS_STYLES[status].color[resolved] }}
              />
              {STATUS_STYLES[status].label}
            </span>
          ))}
          {median === null ? null : (
            <span data-testid="run-durations-median" className="tabular-nums">
              median of completed {formatDuration(median)}
            </span>
          )}
        </span>
      </div>
      <div className="relative flex h-20 items-end gap-1 border-slate-300 border-b dark:border-slate-700">
        {median === null ? null : (
          <div
            aria-hidden="true"
            className="pointer-events-none absolute inset-x-0 border-amber-600 border-t border-dashed dark:border-amber-400"
            style={{ bottom: percent(median) }}
          />
        )}
        {bars.map((run) => {
          const label = `Run ${shortRunId(run.id)} ${STATUS_STYLES[run.status].label.toLowerCase()} in ${formatDuration(run.durationMs)}`;
          return (
            <Link
              key={run.id}
              to={paths.run(run.id)}
              data-testid="run-duration-bar"
              data-status={run.status}
              aria-label={label}
              title={label}
              className="flex h-full max-w-8 flex-1 items-end rounded-sm focus-visible:outline-2 focus-visible:outline-sky-500"
            >
              <span
                className="block w-full rounded-t-sm hover:opacity-80"
                style={{
                  height: percent(run.durationMs),
                  minHeight: 2,
                  backgroundColor: STATUS_STYLES[run.status].color[resolved],
                }}
              />
            </Link>
          );
        })}
      </div>
    </section>
  );
}
