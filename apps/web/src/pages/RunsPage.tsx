import type { RunStatus } from "@milo/contract";
import { PIPELINE_STATUSES } from "@milo/core";
import { useId } from "react";
import { RunsTable } from "../components/Runs/RunsTable";
import { AppShell } from "../components/Shell/AppShell";
import { STATUS_STYLES } from "../components/Status/statusStyle";
import { usePipelines } from "../queries/usePipelines";
import { useSearchParam } from "../router/useSearchParam";

const selectClass =
  "rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm outline-none focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 dark:border-slate-700 dark:bg-slate-900";

function isRunStatus(value: string): value is RunStatus {
  return (PIPELINE_STATUSES as readonly string[]).includes(value);
}

/** Every run of every pipeline, newest first, filtered by status and pipeline (kept in the URL). */
export function RunsPage() {
  const [statusParam, setStatus] = useSearchParam("status");
  const [pipelineParam, setPipeline] = useSearchParam("pipeline");
  const pipelines = usePipelines();
  const statusId = useId();
  const pipelineId = useId();
  const status = statusParam !== null && isRunStatus(statusParam) ? statusParam : undefined;
  const pipeline = pipelineParam === null || pipelineParam === "" ? undefined : pipelineParam;
  const names = pipelines.data?.map((graph) => graph.name) ?? [];
  if (pipeline !== undefined && !names.includes(pipeline)) names.push(pipeline);

  return (
    <AppShell crumbs={[{ label: "Runs" }]}>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <h1 className="font-semibold text-xl tracking-tight">Runs</h1>
        <div className="flex flex-wrap items-center gap-3 text-slate-600 text-sm dark:text-slate-300">
          <label htmlFor={statusId} className="flex items-center gap-2">
            Status
            <select
              id={statusId}
              data-testid="runs-filter-status"
              value={status ?? ""}
              onChange={(event) => setStatus(event.target.value === "" ? null : event.target.value)}
              className={selectClass}
            >
              <option value="">any</option>
              {PIPELINE_STATUSES.map((name) => (
                <option key={name} value={name}>
                  {STATUS_STYLES[name].label}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={pipelineId} className="flex items-center gap-2">
            Pipeline
            <select
              id={pipelineId}
              data-testid="runs-filter-pipeline"
              value={pipeline ?? ""}
              onChange={(event) =>
                setPipeline(event.target.value === "" ? null : event.target.value)
              }
              className={selectClass}
            >
              <option value="">all</option>
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </div>
      {statusParam !== null && status === undefined ? (
        <p
          role="status"
          data-testid="runs-filter-ignored"
          className="mb-3 text-amber-800 text-sm dark:text-amber-300"
        >
          “{statusParam}” is not a run status ({PIPELINE_STATUSES.join(", ")}): showing every
          status.
        </p>
      ) : null}
      <RunsTable
        filter={{ pipeline, status }}
        showPipeline
        empty={
          status || pipeline
            ? "No run matches these filters."
            : "No runs yet. Start one from a pipeline's page."
        }
      />
    </AppShell>
  );
}
