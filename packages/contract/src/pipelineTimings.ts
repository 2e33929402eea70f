import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { runStatusSchema } from "./pipelineState";
import { wholeNumberParam } from "./queryParams";

/** `GET /api/pipelines/:name/timings?limit=`: how long its phases and runs took lately. */
export const timingsQuerySchema = z.strictObject({
  limit: wholeNumberParam("limit", 1, 100).optional(),
});

/** One run in which a phase completed: its wall time over all attempts (back-offs included). */
export const phaseTimingSchema = z
  .object({
    runId: z.string(),
    durationMs: z.number(),
    endedAt: z.number(),
  })
  .register(contractSchemas, { id: "PhaseTiming" });

export const phaseTimingsSchema = z
  .object({
    name: z.string(),
    /** The last runs in which the phase completed (not reused), newest first. */
    runs: z.array(phaseTimingSchema),
    /** The median of those durations; null when there are none. */
    medianMs: z.number().nullable(),
  })
  .register(contractSchemas, { id: "PhaseTimings" });

/** One finished run of the pipeline: how long it took and how it ended. */
export const runTimingSchema = z
  .object({
    id: z.string(),
    status: runStatusSchema,
    startedAt: z.number(),
    endedAt: z.number(),
    durationMs: z.number(),
  })
  .register(contractSchemas, { id: "RunTiming" });

export const pipelineTimingsSchema = z
  .object({
    pipeline: z.string(),
    limit: z.number().int(),
    /** Every phase of the pipeline's graph, in its order. */
    phases: z.array(phaseTimingsSchema),
    /** The pipeline's last finished runs, newest first. */
    runs: z.array(runTimingSchema),
    /** The median duration of those of `runs` that completed; null when none did. */
    medianMs: z.number().nullable(),
  })
  .register(contractSchemas, { id: "PipelineTimings" });

export type TimingsQuery = z.output<typeof timingsQuerySchema>;
export type PhaseTiming = z.infer<typeof phaseTimingSchema>;
export type PhaseTimings = z.infer<typeof phaseTimingsSchema>;
export type RunTiming = z.infer<typeof runTimingSchema>;
export type PipelineTimings = z.infer<typeof pipelineTimingsSchema>;
