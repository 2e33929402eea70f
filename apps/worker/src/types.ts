import type { PipelineGraph, PipelineStateJSON, PipelineStatusName } from "@milo/core";

export type RunStatus = PipelineStatusName;

export const RUN_STATUSES: readonly RunStatus[] = [
  "pending",
  "running",
  "completed",
  "failed",
  "cancelled",
];

export interface RunOptions {
  readonly concurrency: number | null;
  readonly failFast: boolean;
}

/** One run as the API lists it (times in ms since the epoch). */
export interface RunSummary {
  readonly id: string;
  readonly pipeline: string;
  readonly status: RunStatus;
  readonly progress: number;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  readonly elapsed: number;
  readonly createdAt: number;
  readonly actionCount: number;
  readonly error: string | null;
  readonly options: RunOptions;
}

export interface RunDetail extends RunSummary {
  readonly graph: PipelineGraph;
  readonly state: PipelineStateJSON;
}

/** An action as it is stored and streamed: its place in the run's log, type and payload. */
export interface RecordedAction {
  readonly seq: number;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export interface LogEntry {
  readonly seq: number;
  readonly line: string;
  readonly stream: "stdout" | "stderr";
  readonly at: number;
}

export interface RunPage {
  readonly runs: RunSummary[];
  readonly nextBefore: string | null;
}

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
