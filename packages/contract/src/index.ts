// The wire contract between the worker and its clients: one zod schema per request and response,
// their types, the event stream's names, and the OpenAPI document generated from them. No Node or
// React imports: the dashboard bundles this.

export type { PipelineGraph, PipelineState, PipelineStatusName } from "@milo/core";
export type { ApiRoute } from "./apiRoutes";
export { API_ROUTES } from "./apiRoutes";
export type { ContractSchema } from "./contractSchemas";
export { contractSchemas } from "./contractSchemas";
export type { ErrorBody } from "./errorBody";
export { errorBodySchema } from "./errorBody";
export type { AgentStatus, FleetStatus, WaitingAttempt } from "./fleetStatus";
export { agentStatusSchema, fleetStatusSchema, waitingAttemptSchema } from "./fleetStatus";
export type { Health } from "./health";
export { healthSchema } from "./health";
export { openApiDocument } from "./openApiDocument";
export type { LogEntry, LogPage, LogsQuery, LogTextQuery } from "./phaseLogs";
export {
  logEntrySchema,
  logPageSchema,
  logsQuerySchema,
  logTextQuerySchema,
} from "./phaseLogs";
export type { PhaseResult } from "./phaseResult";
export { phaseResultSchema } from "./phaseResult";
export { phaseGraphSchema, pipelineGraphSchema, pipelineListSchema } from "./pipelineGraph";
export {
  attemptRecordSchema,
  logLineSchema,
  phaseStatusSchema,
  pipelineStateSchema,
  runStatusSchema,
} from "./pipelineState";
export type {
  PhaseTiming,
  PhaseTimings,
  PipelineTimings,
  RunTiming,
  TimingsQuery,
} from "./pipelineTimings";
export {
  phaseTimingSchema,
  phaseTimingsSchema,
  pipelineTimingsSchema,
  runTimingSchema,
  timingsQuerySchema,
} from "./pipelineTimings";
export { textParam, wholeNumberParam } from "./queryParams";
export type { ActionPage, ActionsQuery, RecordedAction } from "./recordedAction";
export { actionPageSchema, actionsQuerySchema, recordedActionSchema } from "./recordedAction";
export type { RerunBody, RerunMode, RerunOf } from "./rerunBody";
export { rerunBodySchema, rerunModeSchema, rerunOfSchema } from "./rerunBody";
export type { RunDetail } from "./runDetail";
export { runDetailSchema } from "./runDetail";
export type { RunEndEvent, RunEventName } from "./runEvents";
export { eventsQuerySchema, lastEventIdSchema, RUN_EVENTS, runEndEventSchema } from "./runEvents";
export type { RunPage, RunsQuery } from "./runPage";
export { runPageSchema, runsQuerySchema } from "./runPage";
export type { RunStateAt, RunStateQuery } from "./runStateAt";
export { runStateAtSchema, runStateQuerySchema } from "./runStateAt";
export type { RunOptions, RunStatus, RunSummary } from "./runSummary";
export { runOptionsSchema, runSummarySchema } from "./runSummary";
export type { StartRunBody } from "./startRunBody";
export { startRunBodySchema } from "./startRunBody";
