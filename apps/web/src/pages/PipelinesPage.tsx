import { ApiError } from "../api/ApiError";
import { PipelineRow } from "../components/Pipelines/PipelineRow";
import { AppShell } from "../components/Shell/AppShell";
import { LoadError } from "../components/Shell/LoadError";
import { PageLoading } from "../components/Shell/PageLoading";
import { TableHead } from "../components/Shell/TableHead";
import { useNow } from "../hooks/useNow";
import { usePipelines } from "../queries/usePipelines";

// On a phone the size columns give way, so the latest run's status and progress stay in sight.
const COLUMNS = [
  { label: "Pipeline" },
  { label: "Phases", className: "hidden sm:table-cell" },
  { label: "Levels", className: "hidden sm:table-cell" },
  { label: "Total weight", className: "hidden sm:table-cell" },
  { label: "Latest run" },
  { label: "Progress" },
];

/** Home: every pipeline the worker knows, with its latest run. */
export function PipelinesPage() {
  const pipelines = usePipelines();
  const now = useNow(true, 15_000);
  return (
    <AppShell crumbs={[{ label: "Pipelines" }]}>
      <div className="mb-4 flex items-baseline justify-between">
        <h1 className="font-semibold text-xl tracking-tight">Pipelines</h1>
        {pipelines.data ? (
          <span className="text-slate-500 text-sm dark:text-slate-400">
            {pipelines.data.length} known to the worker
          </span>
        ) : null}
      </div>
      {pipelines.isPending ? (
        <PageLoading label="Loading pipelines…" />
      ) : pipelines.error ? (
        <LoadError
          what="the pipelines"
          error={
            pipelines.error instanceof ApiError
              ? pipelines.error
              : new Error(String(pipelines.error))
          }
          onRetry={() => void pipelines.refetch()}
        />
      ) : pipelines.data.length === 0 ? (
        <div className="rounded-xl border border-slate-300 border-dashed p-10 text-center text-slate-600 dark:border-slate-700 dark:text-slate-400">
          <p className="font-medium">The worker has no pipelines.</p>
          <p className="mt-1 text-sm">
            Start it with some, e.g.{" "}
            <code className="font-mono">milo serve --pipelines examples</code>.
          </p>
        </div>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table data-testid="pipelines-table" className="w-full text-left text-sm">
            <TableHead columns={COLUMNS} />
            <tbody>
              {pipelines.data.map((graph) => (
                <PipelineRow key={graph.name} graph={graph} now={now} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AppShell>
  );
}
