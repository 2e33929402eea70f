import type { PhaseTable } from "./PhaseTable";
import type { StartStack } from "./StartStack";

/** A Redux-style action: a string `type` and a payload. */
export interface Action<T extends string = string, P = unknown> {
  readonly type: T;
  readonly payload: P;
}

export type AnyAction = Action<string, unknown>;

export type Reducer<S, A extends AnyAction = AnyAction> = (state: S | undefined, action: A) => S;

export type PipelineStatusName = "pending" | "running" | "completed" | "failed" | "cancelled";

export type PhaseStatusName =
  | "pending"
  | "running"
  | "completed"
  | "failed"
  | "skipped"
  | "retrying"
  | "cancelled";

export type LogStream = "stdout" | "stderr";

export interface LogLine {
  readonly line: string;
  readonly stream: LogStream;
  readonly at: number;
}

export interface PhaseStatus {
  readonly name: string;
  readonly status: PhaseStatusName;
  /** When the current (or last) attempt started, in ms; null until the phase starts. */
  readonly startedAt: number | null;
  /** When the phase reached a terminal status; null while it has not. */
  readonly endedAt: number | null;
  /** Time spent in the current attempt so far (set on every terminal transition). */
  readonly elapsed: number;
  readonly error: string | null;
  /** 0 until the first start, then the number of the current attempt. */
  readonly attempt: number;
  /** The last `maxLogLines` lines. */
  readonly logs: readonly LogLine[];
  /** Every line ever logged by the phase, including the ones dropped from `logs`. */
  readonly logCount: number;
  /** Every attempt so far, oldest first: when it ran and how it ended. */
  readonly attempts: readonly AttemptRecord[];
  /** Which start of the run this phase's latest attempt was (0 before it starts). */
  readonly startSeq: number;
}

export interface AttemptRecord {
  readonly attempt: number;
  readonly startedAt: number;
  /** null while the attempt runs. */
  readonly endedAt: number | null;
  readonly error: string | null;
  /** How the attempt ended ("retrying" when another attempt followed); absent while it runs. */
  readonly outcome?: PhaseStatusName;
}

export interface PipelineState {
  readonly name: string;
  readonly status: PipelineStatusName;
  /** Weighted share of completed and skipped phases, in [0, 1]; never goes down. */
  readonly progress: number;
  /** The most recently started phase that is still running; "" when none. */
  readonly currentPhase: string;
  readonly startedAt: number | null;
  readonly endedAt: number | null;
  /** Set on every terminal transition of the pipeline. */
  readonly elapsed: number;
  /** Why the pipeline failed or was cancelled; null otherwise. */
  readonly error: string | null;
  /** The first phase that failed (with `onFail: "stop"`); null while none has. */
  readonly failedPhase: string | null;
  readonly phases: PhaseTable;
  /** Total weight of completed and skipped phases (kept so progress is O(1) per action). */
  readonly doneWeight: number;
  /** How many phase starts the run has had. */
  readonly startCount: number;
  /** Starts, newest first, for finding `currentPhase` (not part of the JSON form). */
  readonly startStack: StartStack | null;
}

/** The JSON form of a `PipelineState` (what `JSON.stringify` produces). */
export type PipelineStateJSON = Omit<PipelineState, "phases" | "startStack"> & {
  readonly phases: Record<string, PhaseStatus>;
};

export type OnFail = "stop" | "skip" | "retry";
export type RetryBackoff = "fixed" | "exponential";

export interface PhasePolicy {
  readonly onFail: OnFail;
  readonly maxRetries: number;
  readonly retryDelayMs: number;
  readonly retryBackoff: RetryBackoff;
  readonly timeoutMs?: number;
}

/** The serializable part of a phase. */
export interface PhaseGraph {
  readonly name: string;
  readonly dependsOn: readonly string[];
  readonly parallel: boolean;
  readonly weight: number;
  readonly description: string;
  /** How many log lines the state keeps for this phase (default 200). */
  readonly maxLogLines?: number;
}

/** The serializable part of a pipeline: what a browser needs to rebuild run state. */
export interface PipelineGraph {
  readonly name: string;
  readonly phases: readonly PhaseGraph[];
}

export interface PhaseContext<R = Record<string, unknown>> {
  /** Each direct dependency's returned value (undefined for a skipped one). */
  readonly results: R;
  /** Aborted when the attempt times out, the run is cancelled, or a fail-fast run fails. */
  readonly signal: AbortSignal;
  readonly attempt: number;
  /** Dispatches PHASE_LOG at once. */
  readonly log: (line: string, stream?: LogStream) => void;
  readonly phase: PhaseGraph;
}

// biome-ignore lint/suspicious/noExplicitAny: handlers may take any results shape
export type PhaseHandler<T = unknown> = (ctx: PhaseContext<any>) => T | Promise<T>;

/** A source of time for the saga; the reducer only ever sees the `at` it produces. */
export interface Clock {
  now(): number;
}

export interface SagaOptions {
  /** At most this many phases run at once (default: unlimited). */
  readonly concurrency?: number;
  /** On the first failure, abort running phases instead of letting them finish. */
  readonly failFast?: boolean;
  readonly clock?: Clock;
}
