import type { z } from "zod";
import { fleetStatusSchema } from "./fleetStatus";
import { healthSchema } from "./health";
import { logPageSchema, logsQuerySchema, logTextQuerySchema } from "./phaseLogs";
import { pipelineGraphSchema, pipelineListSchema } from "./pipelineGraph";
import { pipelineTimingsSchema, timingsQuerySchema } from "./pipelineTimings";
import { actionPageSchema, actionsQuerySchema } from "./recordedAction";
import { rerunBodySchema } from "./rerunBody";
import { runDetailSchema } from "./runDetail";
import { eventsQuerySchema } from "./runEvents";
import { runPageSchema, runsQuerySchema } from "./runPage";
import { runStateAtSchema, runStateQuerySchema } from "./runStateAt";
import { runSummarySchema } from "./runSummary";
import { startRunBodySchema } from "./startRunBody";

export interface ApiRoute {
  readonly method: "GET" | "POST";
  /** OpenAPI style: `{id}` for a path parameter. */
  readonly path: string;
  readonly summary: string;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  readonly status: number;
  /** The success body, a schema registered in `contractSchemas`; null when not JSON. */
  readonly response: z.ZodType | null;
  /** The error statuses the route answers besides 400 for bad input. */
  readonly errors?: readonly number[];
}

/** Every route of the API, as the OpenAPI document describes it. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: "GET",
    path: "/api/health",
    summary: "Whether the worker is up, and its version",
    status: 200,
    response: healthSchema,
  },
  {
    method: "GET",
    path: "/api/openapi.json",
    summary: "This document",
    status: 200,
    response: null,
  },
  {
    method: "GET",
    path: "/api/agents",
    summary: "The agents running phases, and the attempts waiting for one",
    status: 200,
    response: fleetStatusSchema,
  },
  {
    method: "GET",
    path: "/api/pipelines",
    summary: "Every loaded pipeline's graph, by name",
    status: 200,
    response: pipelineListSchema,
  },
  {
    method: "GET",
    path: "/api/pipelines/{name}",
    summary: "One pipeline's graph",
    status: 200,
    response: pipelineGraphSchema,
    errors: [404],
  },
  {
    method: "POST",
    path: "/api/pipelines/{name}/runs",
    summary: "Start a run; its first actions are recorded before it answers",
    body: startRunBodySchema,
    status: 201,
    response: runSummarySchema,
    errors: [404, 503],
  },
  {
    method: "GET",
    path: "/api/pipelines/{name}/timings",
    summary:
      "How long each phase took in the last ?limit= runs in which it completed (wall time over its attempts) with their median, and the last finished runs' durations and outcomes",
    query: timingsQuerySchema,
    status: 200,
    response: pipelineTimingsSchema,
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/runs",
    summary: "Runs, newest first, a page at a time",
    query: runsQuerySchema,
    status: 200,
    response: runPageSchema,
  },
  {
    method: "GET",
    path: "/api/runs/{id}",
    summary: "A run with its state as of action seq (from its latest snapshot)",
    status: 200,
    response: runDetailSchema,
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/runs/{id}/state",
    summary:
      "The run's state right after action ?at= (0: before the first), from the nearest kept snapshot and at most 1,000 actions after it",
    query: runStateQuerySchema,
    status: 200,
    response: runStateAtSchema,
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/runs/{id}/actions",
    summary: "A run's recorded actions after a seq",
    query: actionsQuerySchema,
    status: 200,
    response: actionPageSchema,
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/runs/{id}/logs",
    summary:
      "The log lines of one phase of a run, a page at a time (?after= a seq, ?offset= a number of lines); ?q= searches them (any case), ?stream= keeps stdout or stderr",
    query: logsQuerySchema,
    status: 200,
    response: logPageSchema,
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/runs/{id}/logs.txt",
    summary: "One phase's whole log as a text/plain download (Content-Disposition: attachment)",
    query: logTextQuerySchema,
    status: 200,
    response: null,
    errors: [404],
  },
  {
    method: "GET",
    path: "/api/runs/{id}/events",
    summary:
      "Server-Sent Events: `action` (data RecordedAction, id its seq) for every action after ?after= or Last-Event-ID, recorded then live, then one `end` (data RunEndEvent)",
    query: eventsQuerySchema,
    status: 200,
    response: null,
    errors: [404, 429],
  },
  {
    method: "POST",
    path: "/api/runs/{id}/cancel",
    summary: "Cancel a running run; it ends cancelled",
    status: 202,
    response: runSummarySchema,
    errors: [404, 409],
  },
  {
    method: "POST",
    path: "/api/runs/{id}/rerun",
    summary:
      "Run a finished run again: all of it, from its failure, or chosen phases (and downstream), reusing the kept results of the rest",
    body: rerunBodySchema,
    status: 201,
    response: runSummarySchema,
    errors: [404, 409, 503],
  },
];
