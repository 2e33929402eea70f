import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { textParam, wholeNumberParam } from "./queryParams";

export const logEntrySchema = z
  .object({
    seq: z.number().int(),
    line: z.string(),
    stream: z.enum(["stdout", "stderr"]),
    at: z.number(),
  })
  .register(contractSchemas, { id: "LogEntry" });

/** `GET /api/runs/:id/logs?phase=&after=&limit=`: every log line of one phase, in full. */
export const logsQuerySchema = z.strictObject({
  phase: textParam("phase").optional(),
  after: wholeNumberParam("after", 0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumberParam("limit", 1, 10_000).optional(),
});

export const logPageSchema = z
  .object({ lines: z.array(logEntrySchema), total: z.number().int() })
  .register(contractSchemas, { id: "LogPage" });

export type LogEntry = z.infer<typeof logEntrySchema>;
export type LogsQuery = z.output<typeof logsQuerySchema>;
export type LogPage = z.infer<typeof logPageSchema>;
