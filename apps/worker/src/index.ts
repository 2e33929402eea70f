export { ApiError } from "./ApiError";
export type { ServerOptions } from "./createServer";
export { BODY_LIMIT, createServer } from "./createServer";
export { DEFAULT_DB_FILE, DEFAULT_HOST, DEFAULT_PORT } from "./defaults";
export type { LoadedPipelines } from "./loadPipelines";
export { isPipelineLike, LoadError, loadPipelineModule, loadPipelines } from "./loadPipelines";
export type { LoadedRun, RunStateAtSeq } from "./loadRunState";
export { loadRunState, loadRunStateAt } from "./loadRunState";
export type { ActionRow, AppendEntry, NewRun, RunQuery, Snapshot } from "./RunDatabase";
export {
  RunDatabase,
  SNAPSHOT_FORMAT,
  SNAPSHOT_INTERVAL,
  SQLITE_SETTINGS,
  snapshotInterval,
} from "./RunDatabase";
export type {
  CancelResult,
  GroupCommitStats,
  RunManagerOptions,
  RunObserver,
  StartOptions,
} from "./RunManager";
export { RunManager } from "./RunManager";
export { replayRun } from "./replayRun";
export type { SseConnectionOptions } from "./sse";
export type { Worker, WorkerOptions } from "./startWorker";
export { startWorker } from "./startWorker";
export type * from "./types";
export { INTERRUPTED_ERROR, RUN_STATUSES } from "./types";
export { VERSION } from "./version";
