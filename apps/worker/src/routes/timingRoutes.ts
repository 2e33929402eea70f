import type { PhaseTimings, PipelineTimings } from "@milo/contract";
import { timingsQuerySchema } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import type { RunManager } from "../RunManager";
import { parseQuery } from "../validation";
import { pipelineNotFound } from "./pipelineRoutes";

/** Runs read at most, per `limit`, to find each phase's last completions. */
const RUNS_READ_PER_LIMIT = 5;

/** How long a pipeline's phases and runs took in its last runs: for charts and estimates. */
export function timingRoutes(app: FastifyInstance, manager: RunManager): void {
  app.get<{ Params: { name: string } }>("/api/pipelines/:name/timings", async (request) => {
    const { name } = request.params;
    const graph = manager.pipelineGraph(name);
    if (graph === undefined) throw pipelineNotFound(manager, name);
    const limit = parseQuery(timingsQuerySchema, request.query).limit ?? 20;
    const names = graph.phases.map((phase) => phase.name);
    const spans = manager.db.phaseSpans(name, names, limit, limit * RUNS_READ_PER_LIMIT);
    const phases = names.map((phase): PhaseTimings => {
      const runs = (spans.get(phase) ?? []).map((span) => ({
        runId: span.runId,
        durationMs: Math.max(0, span.endedAt - span.startedAt),
        endedAt: span.endedAt,
      }));
      return { name: phase, runs, medianMs: median(runs.map((run) => run.durationMs)) };
    });
    const runs = manager.db.finishedRuns(name, limit).map((run) => ({
      ...run,
      durationMs: Math.max(0, run.endedAt - run.startedAt),
    }));
    const completed = runs.filter((run) => run.status === "completed");
    const timings: PipelineTimings = {
      pipeline: name,
      limit,
      phases,
      runs,
      medianMs: median(completed.map((run) => run.durationMs)),
    };
    return timings;
  });
}

/** The middle value (the mean of the two middle ones for an even count); null for none. */
function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
