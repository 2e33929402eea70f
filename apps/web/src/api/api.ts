import { requestJson } from "./requestJson";
import type {
  Health,
  PhaseLogPage,
  PhaseLogsQuery,
  PipelineGraph,
  RunDetail,
  RunPage,
  RunSummary,
  RunsQuery,
  StartRunBody,
} from "./types";

const segment = encodeURIComponent;

/** Builds `?a=1&b=2` from the defined values only. */
export function queryString(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) search.set(key, String(value));
  }
  const text = search.toString();
  return text === "" ? "" : `?${text}`;
}

/** The worker's HTTP API, one function per endpoint (see docs of the worker for the contract). */
export const api = {
  health: (signal?: AbortSignal) => requestJson<Health>("/api/health", { signal }),

  pipelines: (signal?: AbortSignal) => requestJson<PipelineGraph[]>("/api/pipelines", { signal }),

  pipeline: (name: string, signal?: AbortSignal) =>
    requestJson<PipelineGraph>(`/api/pipelines/${segment(name)}`, { signal }),

  startRun: (pipeline: string, body: StartRunBody) =>
    requestJson<RunSummary>(`/api/pipelines/${segment(pipeline)}/runs`, { method: "POST", body }),

  runs: (query: RunsQuery, signal?: AbortSignal) =>
    requestJson<RunPage>(`/api/runs${queryString({ ...query })}`, { signal }),

  run: (runId: string, signal?: AbortSignal) =>
    requestJson<RunDetail>(`/api/runs/${segment(runId)}`, { signal }),

  phaseLogs: (runId: string, phase: string, query: PhaseLogsQuery, signal?: AbortSignal) =>
    requestJson<PhaseLogPage>(
      `/api/runs/${segment(runId)}/logs${queryString({ phase, ...query })}`,
      { signal },
    ),

  cancelRun: (runId: string) =>
    requestJson<RunSummary>(`/api/runs/${segment(runId)}/cancel`, { method: "POST" }),

  /** The Server-Sent Events URL of a run; `after` resumes after that sequence number. */
  runEventsUrl: (runId: string, after?: number) =>
    `/api/runs/${segment(runId)}/events${queryString({ after: after && after > 0 ? after : undefined })}`,
};
