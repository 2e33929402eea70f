import { PIPELINE_STATUSES, type PipelineStatusName } from "@milo/core";

export type RunStatus = PipelineStatusName;

export const RUN_STATUSES: readonly RunStatus[] = PIPELINE_STATUSES;

export type {
  ActionPage,
  LogEntry,
  LogPage,
  RecordedAction,
  RunDetail,
  RunOptions,
  RunPage,
  RunSummary,
} from "@milo/contract";

/** What the summary columns of a run hold after an action (derived from the reduced state). */
export interface RunProgress {
  readonly status: RunStatus;
  readonly progress: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly elapsed: number;
  readonly error: string | null;
}

export const INTERRUPTED_ERROR = "interrupted: the worker stopped while this run was running";
