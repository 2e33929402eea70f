import { z } from "zod";
import { contractSchemas } from "./contractSchemas";
import { runStatusSchema } from "./pipelineState";
import { wholeNumberParam } from "./queryParams";

/**
 * The event names of `GET /api/runs/:id/events`: `action` (data: a RecordedAction, id: its seq)
 * for each action in order, then one `end` (data: RunEndEvent) after the terminal action.
 */
export const RUN_EVENTS = { action: "action", end: "end" } as const;

export type RunEventName = (typeof RUN_EVENTS)[keyof typeof RUN_EVENTS];

/** `?after=N` starts after action N (EventSource cannot send a header on its first connect). */
export const eventsQuerySchema = z.strictObject({
  after: wholeNumberParam("after", 0, Number.MAX_SAFE_INTEGER).optional(),
});

/** `Last-Event-ID: N`, sent by EventSource when it reconnects; it wins over `?after=`. */
export const lastEventIdSchema = wholeNumberParam("Last-Event-ID", 0, Number.MAX_SAFE_INTEGER);

export const runEndEventSchema = z
  .object({ status: runStatusSchema })
  .register(contractSchemas, { id: "RunEndEvent" });

export type RunEndEvent = z.infer<typeof runEndEventSchema>;
