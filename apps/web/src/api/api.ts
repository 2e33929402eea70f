import {
  type ActionPage,
  type ActionsQuery,
  actionPageSchema,
  type FleetStatus,
  fleetStatusSchema,
  type Health,
  healthSchema,
  type LogPage,
  type LogsQuery,
  logPageSchema,
  type PipelineGraph,
  type PipelineTimings,
  pipelineGraphSchema,
  pipelineListSchema,
  pipelineTimingsSchema,
  type RerunBody,
  type RunDetail,
  type RunPage,
  type RunStateAt,
  type RunSummary,
  type RunsQuery,
  runDetailSchema,
  runPageSchema,
  runStateAtSchema,
  runSummarySchema,
  type StartRunBody,
} from "@milo/contract";
import { requestJson } from "./requestJson";

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

/**
 * The worker's HTTP API, one function per endpoint. Every answer is checked against the shared
 * contract (`@milo/contract`), the same schemas the worker validates with.
 */
export const api = {
  health: (signal?: AbortSignal): Promise<Health> =>
    requestJson("/api/health", healthSchema, { signal }),

  agents: (signal?: AbortSignal): Promise<FleetStatus> =>
    requestJson("/api/agents", fleetStatusSchema, { signal }),

  pipelines: (signal?: AbortSignal): Promise<PipelineGraph[]> =>
    requestJson("/api/pipelines", pipelineListSchema, { signal }),

  pipeline: (name: string, signal?: AbortSignal): Promise<PipelineGraph> =>
    requestJson(`/api/pipelines/${segment(name)}`, pipelineGraphSchema, { signal }),

  /** How long the pipeline's phases and runs took in its last `limit` runs. */
  pipelineTimings: (name: string, limit: number, signal?: AbortSignal): Promise<PipelineTimings> =>
    requestJson(
      `/api/pipelines/${segment(name)}/timings${queryString({ limit })}`,
      pipelineTimingsSchema,
      { signal },
    ),

  /** Where a phase's whole log downloads as text (a same-origin link carries the session). */
  phaseLogTextUrl: (runId: string, phase: string) =>
    `/api/runs/${segment(runId)}/logs.txt${queryString({ phase })}`,

  startRun: (pipeline: string, body: StartRunBody): Promise<RunSummary> =>
    requestJson(`/api/pipelines/${segment(pipeline)}/runs`, runSummarySchema, {
      method: "POST",
      body,
    }),

  runs: (query: RunsQuery, signal?: AbortSignal): Promise<RunPage> =>
    requestJson(`/api/runs${queryString({ ...query })}`, runPageSchema, { signal }),

  /** The run with its state as of action `seq`, to start the event stream after. */
  run: (runId: string, signal?: AbortSignal): Promise<RunDetail> =>
    requestJson(`/api/runs/${segment(runId)}`, runDetailSchema, { signal }),

  /** One page of a run's recorded actions, those after sequence number `after`. */
  runActions: (runId: string, query: ActionsQuery, signal?: AbortSignal): Promise<ActionPage> =>
    requestJson(
      `/api/runs/${segment(runId)}/actions${queryString({ ...query })}`,
      actionPageSchema,
      { signal },
    ),

  /** The run's state right after action `at` (0: before the first), and when that was. */
  runStateAt: (runId: string, at: number, signal?: AbortSignal): Promise<RunStateAt> =>
    requestJson(`/api/runs/${segment(runId)}/state${queryString({ at })}`, runStateAtSchema, {
      signal,
    }),

  phaseLogs: (
    runId: string,
    phase: string,
    query: Omit<LogsQuery, "phase">,
    signal?: AbortSignal,
  ): Promise<LogPage> =>
    requestJson(
      `/api/runs/${segment(runId)}/logs${queryString({ phase, ...query })}`,
      logPageSchema,
      { signal },
    ),

  /** Runs a finished run again: all of it, from its failure, or chosen phases. */
  rerun: (runId: string, body: RerunBody): Promise<RunSummary> =>
    requestJson(`/api/runs/${segment(runId)}/rerun`, runSummarySchema, { method: "POST", body }),

  cancelRun: (runId: string): Promise<RunSummary> =>
    requestJson(`/api/runs/${segment(runId)}/cancel`, runSummarySchema, { method: "POST" }),

  /**
   * The Server-Sent Events URL of a run; `after` starts after that sequence number (EventSource
   * cannot send Last-Event-ID on its first connect, so the first one says it in the query).
   */
  runEventsUrl: (runId: string, after?: number) =>
    `/api/runs/${segment(runId)}/events${queryString({ after: after && after > 0 ? after : undefined })}`,
};
