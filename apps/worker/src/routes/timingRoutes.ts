import type { PhaseTimings, PipelineTimings } from "@milo/contract";
import { timingsQuerySchema } from "@milo/contract";
import type { FastifyInstance } from "fastify";
import { median } from "../median";
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
