import type { PipelineState } from "@milo/core";
import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { pipelineStateSchema } from "./pipelineState";
import { wholeNumberParam } from "./queryParams";

/** `GET /api/runs/:id/state?at=SEQ`: the state after action SEQ (0 is before the first). */
export const runStateQuerySchema = z.strictObject({
  at: wholeNumberParam("at", 0, Number.MAX_SAFE_INTEGER),
});

/** A run's state as it was right after one of its actions: a moment to travel back to. */
export const runStateAtSchema = z
  .object({
    state: pipelineStateSchema,
    /** The seq of the last action reduced into `state` (the `at` asked for). */
    seq: z.number().int().min(0),
    /** The seq of the run's last recorded action when this was answered (0 before the first). */
    lastSeq: z.number().int().min(0),
    /** When action `seq` happened (epoch ms, its payload's `at`); null for seq 0. */
    at: z.number().nullable(),
  })
  .register(contractSchemas, { id: "RunStateAt" });

export type RunStateQuery = z.output<typeof runStateQuerySchema>;

/** The moment's state with core's own type, ready for its reducer. */
export interface RunStateAt {
  readonly state: PipelineState;
  readonly seq: number;
  readonly lastSeq: number;
  readonly at: number | null;
}
