import type { RunsQuery } from "@milo/contract";

/** Every query key in one place, so invalidation names the same keys the hooks use. */
export const queryKeys = {
  health: ["health"] as const,
  pipelines: ["pipelines"] as const,
  pipeline: (name: string) => ["pipelines", name] as const,
  runs: (query: RunsQuery) => ["runs", "list", query] as const,
  allRuns: ["runs"] as const,
  run: (runId: string) => ["runs", "detail", runId] as const,
  phaseLogs: (runId: string, phase: string) => ["runs", "logs", runId, phase] as const,
  /** Page `page` of a phase's log, of the lines matching `q` and `stream` ("" for any). */
  phaseLogPage: (runId: string, phase: string, q: string, stream: string, page: number) =>
    ["runs", "logs", runId, phase, q, stream, page] as const,
  /** Under "runs": a new or ended run changes them. */
  pipelineTimings: (name: string, limit: number) => ["runs", "timings", name, limit] as const,
};
