import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { runStatusSchema } from "./pipelineState";
import { rerunOfSchema } from "./rerunBody";

export const runOptionsSchema = z
  .object({ concurrency: z.number().int().nullable(), failFast: z.boolean() })
  .register(contractSchemas, { id: "RunOptions" });

/** One run as the API lists it (times in ms since the epoch). */
export const runSummarySchema = z
  .object({
    id: z.string(),
    pipeline: z.string(),
    status: runStatusSchema,
    /** Weighted share of the work done, in [0, 1]. */
    progress: z.number(),
    startedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
    elapsed: z.number(),
    createdAt: z.number(),
    actionCount: z.number().int(),
    error: z.string().nullable(),
    options: runOptionsSchema,
    /** The run this one re-ran, and how; null for a run started afresh. */
    rerunOf: rerunOfSchema.nullable(),
  })
  .register(contractSchemas, { id: "RunSummary" });

export type RunStatus = z.infer<typeof runStatusSchema>;
export type RunOptions = z.infer<typeof runOptionsSchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;
