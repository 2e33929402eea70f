import { PHASE_STATUSES, PIPELINE_STATUSES } from "@milo/core";
import { z } from "zod";
import { contractSchemas } from "./contractSchemas";

/** The five statuses a run can have, as core lists them. */
export const runStatusSchema = z.enum(PIPELINE_STATUSES).register(contractSchemas, {
  id: "RunStatus",
});

// States are loose objects: fields core keeps beyond these pass through untouched, so the state a
// client checked is still one the reducer can continue from.
export const logLineSchema = z.looseObject({
  line: z.string(),
  stream: z.enum(["stdout", "stderr"]),
  at: z.number(),
});

export const attemptRecordSchema = z.looseObject({
  attempt: z.number().int(),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  error: z.string().nullable(),
  outcome: z.enum(PHASE_STATUSES).optional(),
  /** Which agent ran the attempt, when its executor said. */
  agent: z.string().optional(),
  /** Where a failed attempt threw: the handler's frames and the error's cause chain. */
  stack: z.string().optional(),
});

export const phaseStatusSchema = z
  .looseObject({
    name: z.string(),
    status: z.enum(PHASE_STATUSES),
    startedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
    elapsed: z.number(),
    error: z.string().nullable(),
    attempt: z.number().int(),
    logs: z.array(logLineSchema),
    logCount: z.number().int(),
    attempts: z.array(attemptRecordSchema),
    /** The run whose value this phase reused instead of running (a re-run). */
    reusedFrom: z.string().optional(),
  })
  .register(contractSchemas, { id: "PhaseStatus" });

/**
 * A run's state as JSON: core's `PipelineState`, which is plain data, so
 * `JSON.parse(JSON.stringify(state))` is a state the pipeline's reducer continues from exactly.
 * `phases` are in the pipeline's declaration order.
 */
export const pipelineStateSchema = z
  .looseObject({
    name: z.string(),
    status: runStatusSchema,
    progress: z.number(),
    currentPhase: z.string(),
    startedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
    elapsed: z.number(),
    error: z.string().nullable(),
    failedPhase: z.string().nullable(),
    running: z.array(z.string()),
    phases: z.array(phaseStatusSchema),
  })
  .register(contractSchemas, { id: "PipelineState" });
