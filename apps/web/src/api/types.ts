import type { PipelineGraph, PipelineStateJSON, PipelineStatusName } from "@milo/core";

export type { PipelineGraph, PipelineStateJSON, PipelineStatusName };

export interface Health {
  readonly ok: boolean;
  readonly version: string;
}

export interface RunOptions {
  readonly concurrency: number | null;
  readonly failFast: boolean;
}

export interface RunSummary {
  readonly id: string;
  readonly pipeline: string;
  readonly status: PipelineStatusName;
  /** Weighted share of the work done, in [0, 1]. */
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

export interface RunPage {
  readonly runs: readonly RunSummary[];
  readonly nextBefore: string | null;
}

export interface StartRunBody {
  readonly concurrency?: number;
  readonly failFast?: boolean;
}

export interface RunsQuery {
  readonly pipeline?: string;
  readonly status?: PipelineStatusName;
  readonly limit?: number;
  readonly before?: string;
}

/** One action as the worker records and streams it. */
export interface RecordedAction {
  readonly seq: number;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export interface PhaseLogLine {
  readonly seq: number;
  readonly line: string;
  readonly stream: "stdout" | "stderr";
  readonly at: number;
}

export interface PhaseLogPage {
  readonly lines: readonly PhaseLogLine[];
  readonly total: number;
}

export interface PhaseLogsQuery {
  readonly after?: number;
  readonly limit?: number;
}
