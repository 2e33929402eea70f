import { PIPELINE_STATUSES } from "@milo/core";
import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { textParam, wholeNumberParam } from "./queryParams";
import { runSummarySchema } from "./runSummary";

/** `GET /api/runs?pipeline=&status=&limit=&before=`: runs newest first, a page at a time. */
export const runsQuerySchema = z.strictObject({
  pipeline: textParam("pipeline").optional(),
  status: z
    .enum(PIPELINE_STATUSES, { error: `status must be one of ${PIPELINE_STATUSES.join(", ")}` })
    .optional(),
  limit: wholeNumberParam("limit", 1, 100).optional(),
  /** The `nextBefore` of the previous page. */
  before: textParam("before").optional(),
});

export const runPageSchema = z
  .object({ runs: z.array(runSummarySchema), nextBefore: z.string().nullable() })
  .register(contractSchemas, { id: "RunPage" });

export type RunsQuery = z.output<typeof runsQuerySchema>;
export type RunPage = z.infer<typeof runPageSchema>;
