export { ActionChannel } from "./ActionChannel";
export type { PayloadByType, PipelineAction, PipelineActionType } from "./actions";
export {
  action,
  INIT,
  isTerminalAction,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
  PHASE_REUSED,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_ACTION_TYPES,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
  TERMINAL_ACTION_TYPES,
} from "./actions";
export { canEstimate } from "./analysis/canEstimate";
export type { PhaseComparison, PhaseRunSummary } from "./analysis/compareRuns";
export { compareRuns } from "./analysis/compareRuns";
export type { CriticalPath, CriticalPathStep, PhaseSlack } from "./analysis/criticalPath";
export { criticalPath } from "./analysis/criticalPath";
export { approximateDuration, clockTime, describeEta } from "./analysis/describeEta";
export type { EstimatedPhase, EstimateOptions, RunEstimate } from "./analysis/estimateRun";
export { estimateRun } from "./analysis/estimateRun";
export type { PhaseInterval } from "./analysis/phaseIntervals";
export { phaseIntervals } from "./analysis/phaseIntervals";
export type { PhaseWallTime } from "./analysis/phaseWallTime";
export { phaseWallTime } from "./analysis/phaseWallTime";
export type {
  PhaseQueueWait,
  QueueStep,
  QueueWaitInterval,
  QueueWaits,
} from "./analysis/queueWaits";
export { queueWaits } from "./analysis/queueWaits";
export { STATUS_COLORS } from "./analysis/statusColors";
export { toDot } from "./analysis/toDot";
export type { MermaidOptions } from "./analysis/toMermaid";
export { toMermaid } from "./analysis/toMermaid";
export { toSvg } from "./analysis/toSvg";
export { xmlText } from "./analysis/xmlText";
export { Channel } from "./Channel";
export { createPipelineReducer } from "./createPipelineReducer";
export type { PipelineRunResult } from "./createPipelineSaga";
export { systemClock } from "./createPipelineSaga";
export type { ActionPattern, Effect, Saga, SagaIterator } from "./effects";
export {
  ALL,
  all,
  CALL,
  CANCEL,
  CANCELLED,
  call,
  cancel,
  cancelled,
  DELAY,
  DISPATCHER,
  delay,
  dispatcher,
  FORK,
  fork,
  JOIN,
  join,
  PUT,
  put,
  RACE,
  race,
  SELECT,
  select,
  TAKE,
  take,
} from "./effects";
export { errorMessage } from "./errorMessage";
export { errorStack } from "./errorStack";
export { inProcessExecutor } from "./inProcessExecutor";
export type { PhaseOptions } from "./Phase";
export { DEFAULT_MAX_LOG_LINES, Phase } from "./Phase";
export { Pipeline } from "./Pipeline";
export type { PipelineErrorCode } from "./PipelineError";
export { CycleError, PipelineError } from "./PipelineError";
export {
  dependentsOf,
  executionLevels,
  executionOrder,
  findCycle,
  validateGraph,
} from "./pipelineGraph";
export { phaseStatus } from "./pipelineState";
export type { PipelineRun, RunPipelineOptions } from "./runPipeline";
export { runPipeline } from "./runPipeline";
export type { SagaEnvironment } from "./runSaga";
export { runSaga } from "./runSaga";
export type { Listener, StoreOptions } from "./Store";
export { Store } from "./Store";
export { isFinished, PHASE_STATUSES, PIPELINE_STATUSES } from "./statuses";
export type { Task, TaskStatus } from "./Task";
export type { Timeline } from "./toTimeline";
export { toTimeline } from "./toTimeline";
export type * from "./types";
