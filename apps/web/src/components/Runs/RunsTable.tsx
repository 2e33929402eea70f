import type { RunSummary } from "@milo/contract";
import { ApiError } from "../../api/ApiError";
import { useNow } from "../../hooks/useNow";
import { formatDuration } from "../../lib/formatDuration";
import { formatAgo, formatTime } from "../../lib/formatTime";
import { type RunsFilter, useRuns } from "../../queries/useRuns";
import { history } from "../../router/history";
import { Link } from "../../router/Link";
import { paths } from "../../router/matchRoute";
import { TableHead } from "../Shell/TableHead";
import { ProgressMeter } from "../Status/ProgressMeter";
import { StatusBadge } from "../Status/StatusBadge";
import { RunRowEta } from "./RunRowEta";

const COLUMNS = [
  { label: "Status" },
  { label: "Run" },
  { label: "Pipeline" },
  { label: "Started" },
  { label: "Duration" },
  { label: "Concurrency" },
  { label: "Fail fast" },
  { label: "Progress", className: "w-1/4" },
];

export interface RunsTableProps {
  readonly filter: RunsFilter;
  /** One pipeline's table leaves out the column that would repeat its name on every row. */
  readonly showPipeline?: boolean;
  /** What to say when no run matches. */
  readonly empty?: string;
}

/** Runs, newest first, with "load more" for older pages. */
export function RunsTable({
  filter,
  showPipeline = false,
  empty = "No runs yet. Start one with the button above.",
}: RunsTableProps) {
  const runs = useRuns(filter);
  const columns = showPipeline ? COLUMNS : COLUMNS.filter((column) => column.label !== "Pipeline");
  const list = runs.data?.pages.flatMap((page) => page.runs) ?? [];
  const anyActive = list.some((run) => run.status === "running" || run.status === "pending");
  const now = useNow(anyActive || list.length > 0, anyActive ? 1000 : 30_000);

  return (
    <section className="rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <header className="flex items-baseline justify-between border-slate-200 border-b px-4 py-2.5 dark:border-slate-800">
        <h2 className="font-semibold text-sm">Runs</h2>
        {runs.data ? (
          <span className="text-slate-500 text-xs dark:text-slate-400">
            {list.length} shown{runs.hasNextPage ? ", more below" : ""}
          </span>
        ) : null}
      </header>
      {runs.error ? (
        <div
          role="alert"
          className="flex items-center justify-between gap-4 px-4 py-3 text-red-700 text-sm dark:text-red-300"
        >
          <span>
            Could not load runs:{" "}
            {runs.error instanceof ApiError ? runs.error.message : String(runs.error)}
          </span>
          <button
            type="button"
            onClick={() => void runs.refetch()}
            className="rounded-md border border-current px-2 py-0.5 text-xs"
          >
            Retry
          </button>
        </div>
      ) : null}
      <div className="overflow-x-auto">
        <table data-testid="runs-table" className="w-full text-left text-sm">
          <TableHead columns={columns} />
          <tbody>
            {runs.isPending ? (
              <tr>
                <td
                  colSpan={columns.length}
                  className="px-4 py-6 text-center text-slate-500 dark:text-slate-400"
                >
                  Loading runs…
                </td>
              </tr>
            ) : list.length === 0 && !runs.error ? (
              <tr>
                <td
                  colSpan={columns.length}
                  className="px-4 py-8 text-center text-slate-500 dark:text-slate-400"
                >
                  {empty}
                </td>
              </tr>
            ) : (
              list.map((run) => (
                <RunRow key={run.id} run={run} now={now} showPipeline={showPipeline} />
              ))
            )}
          </tbody>
        </table>
      </div>
      {runs.hasNextPage ? (
        <div className="border-slate-100 border-t px-4 py-2.5 text-center dark:border-slate-800">
          <button
            type="button"
            data-testid="runs-load-more"
            onClick={() => void runs.fetchNextPage()}
            disabled={runs.isFetchingNextPage}
            className="rounded-lg border border-slate-300 px-3 py-1 text-sm hover:bg-slate-50 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {runs.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function RunRow({
  run,
  now,
  showPipeline,
}: {
  readonly run: RunSummary;
  readonly now: number;
  readonly showPipeline: boolean;
}) {
  const startedAt = run.startedAt ?? run.createdAt;
  const duration =
    run.startedAt === null ? null : run.endedAt === null ? now - run.startedAt : run.elapsed;
  return (
    <tr
      data-testid={`run-row-${run.id}`}
      onClick={(event) => {
        // The whole row opens the run; the link inside still works on its own (and in new tabs).
        if ((event.target as HTMLElement).closest("a")) return;
        history.navigate(paths.run(run.id));
      }}
      className="cursor-pointer border-slate-100 border-b last:border-b-0 hover:bg-slate-50 dark:border-slate-800 dark:hover:bg-slate-800/50"
    >
      <td className="px-4 py-2">
        <StatusBadge status={run.status} />
        {run.status === "running" ? <RunRowEta run={run} now={now} /> : null}
      </td>
      <td className="px-4 py-2">
        <Link
          to={paths.run(run.id)}
          data-testid={`run-link-${run.id}`}
          className="font-mono text-sky-700 text-xs hover:underline dark:text-sky-400"
        >
          {run.id}
        </Link>
        {run.error && !(run.status === "cancelled" && run.error === "cancelled") ? (
          <p
            className="mt-0.5 max-w-md truncate text-slate-500 text-xs dark:text-slate-400"
            title={run.error}
          >
            {run.error}
          </p>
        ) : null}
      </td>
      {showPipeline ? (
        <td className="px-4 py-2">
          <Link
            to={paths.pipeline(run.pipeline)}
            className="text-slate-700 hover:underline dark:text-slate-200"
          >
            {run.pipeline}
          </Link>
        </td>
      ) : null}
      <td
        className="whitespace-nowrap px-4 py-2 text-slate-600 dark:text-slate-300"
        title={new Date(startedAt).toLocaleString()}
      >
        {formatTime(startedAt, now)}
        <span className="ml-1.5 text-slate-500 dark:text-slate-400 text-xs">
          {formatAgo(startedAt, now)}
        </span>
      </td>
      <td className="whitespace-nowrap px-4 py-2 text-slate-600 tabular-nums dark:text-slate-300">
        {duration === null ? "—" : formatDuration(duration)}
      </td>
      <td
        data-testid="run-concurrency-cell"
        className="whitespace-nowrap px-4 py-2 text-slate-600 tabular-nums dark:text-slate-300"
      >
        {run.options.concurrency === null ? "no limit" : run.options.concurrency}
      </td>
      <td
        data-testid="run-fail-fast-cell"
        className="whitespace-nowrap px-4 py-2 text-slate-600 dark:text-slate-300"
      >
        {run.options.failFast ? "yes" : "no"}
      </td>
      <td className="px-4 py-2">
        <ProgressMeter
          progress={run.progress}
          status={run.status}
          label={`Progress of run ${run.id}`}
        />
      </td>
    </tr>
  );
}
