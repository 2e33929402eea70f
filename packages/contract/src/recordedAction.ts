import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { wholeNumberParam } from "./queryParams";

/** An action as it is stored and streamed: its place in the run's log (from 1), type and payload. */
export const recordedActionSchema = z
  .object({
    seq: z.number().int().min(1),
    type: z.string(),
    payload: z.record(z.string(), z.unknown()),
  })
  .register(contractSchemas, { id: "RecordedAction" });

/** `GET /api/runs/:id/actions?after=&limit=` */
export const actionsQuerySchema = z.strictObject({
  after: wholeNumberParam("after", 0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumberParam("limit", 1, 10_000).optional(),
});

export const actionPageSchema = z
  .object({ actions: z.array(recordedActionSchema), lastSeq: z.number().int() })
  .register(contractSchemas, { id: "ActionPage" });

export type RecordedAction = z.infer<typeof recordedActionSchema>;
export type ActionsQuery = z.output<typeof actionsQuerySchema>;
export type ActionPage = z.infer<typeof actionPageSchema>;
