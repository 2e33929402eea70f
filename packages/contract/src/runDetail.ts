import type { PipelineGraph, PipelineState } from "@milo/core";
import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { type PhaseResult, phaseResultSchema } from "./phaseResult";
import { pipelineGraphSchema } from "./pipelineGraph";
import { pipelineStateSchema } from "./pipelineState";
import { type RunSummary, runSummarySchema } from "./runSummary";

/**
 * `GET /api/runs/:id`: the run's summary, graph and state, all as of action `seq`. A client
 * continues from here by streaming the events after `seq`.
 */
export const runDetailSchema = runSummarySchema
  .extend({
    graph: pipelineGraphSchema,
    state: pipelineStateSchema,
    /** The seq of the last action reduced into `state` (0 before the first). */
    seq: z.number().int().min(0),
    /** Whether each completed phase's value was kept for re-runs (in the graph's order). */
    results: z.array(phaseResultSchema),
    /** The ids of the runs that re-ran this one, oldest first. */
    reruns: z.array(z.string()),
    /** The inputs the run ran with, defaults applied ({} for a pipeline without inputs). */
    inputs: z.record(z.string(), z.unknown()),
  })
  .register(contractSchemas, { id: "RunDetail" });

/** The run detail with core's own types for the graph and the state, ready for its reducer. */
export interface RunDetail extends RunSummary {
  readonly graph: PipelineGraph;
  readonly state: PipelineState;
  readonly seq: number;
  readonly results: readonly PhaseResult[];
  readonly reruns: readonly string[];
  readonly inputs: Readonly<Record<string, unknown>>;
}
