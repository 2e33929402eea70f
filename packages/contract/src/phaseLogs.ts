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

/**
 * `GET /api/runs/:id/logs?phase=&after=&offset=&limit=&q=&stream=`: the log lines of one phase, in
 * full, a page at a time; `q` keeps the lines containing it (any case), `stream` those of one
 * stream; `offset` skips that many of the (matching) lines after `after`, so a viewer can open the
 * page at any line of a long log by its place in it.
 */
export const logsQuerySchema = z.strictObject({
  phase: textParam("phase").optional(),
  after: wholeNumberParam("after", 0, Number.MAX_SAFE_INTEGER).optional(),
  offset: wholeNumberParam("offset", 0, Number.MAX_SAFE_INTEGER).optional(),
  limit: wholeNumberParam("limit", 1, 10_000).optional(),
  q: textParam("q")
    .max(500, { error: "q must be at most 500 characters: search for a shorter part of the line" })
    .optional(),
  stream: z.enum(["stdout", "stderr"], { error: 'stream must be "stdout" or "stderr"' }).optional(),
});

/** `GET /api/runs/:id/logs.txt?phase=`: one phase's whole log as a text download. */
export const logTextQuerySchema = z.strictObject({
  phase: textParam("phase").optional(),
});

export const logPageSchema = z
  .object({
    lines: z.array(logEntrySchema),
    /** How many lines of the phase match the query (all of them without `q` or `stream`). */
    total: z.number().int(),
  })
  .register(contractSchemas, { id: "LogPage" });

export type LogEntry = z.infer<typeof logEntrySchema>;
export type LogsQuery = z.output<typeof logsQuerySchema>;
export type LogTextQuery = z.output<typeof logTextQuerySchema>;
export type LogPage = z.infer<typeof logPageSchema>;
