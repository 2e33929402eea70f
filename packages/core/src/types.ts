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
  /** The run whose value this phase reused instead of running (set by @@PHASE_REUSED). */
  readonly reusedFrom?: string;
}

export interface AttemptRecord {
  readonly attempt: number;
  readonly startedAt: number;
  /** null while the attempt runs. */
  readonly endedAt: number | null;
  readonly error: string | null;
  /** How the attempt ended ("retrying" when another attempt followed); absent while it runs. */
  readonly outcome?: PhaseStatusName;
  /** Which agent ran the attempt, when its executor said (absent for in-process attempts). */
  readonly agent?: string;
  /** Where a failed attempt threw: the handler's frames and the error's causes (when known). */
  readonly stack?: string;
}

/**
 * A run's state: plain data. `JSON.parse(JSON.stringify(state))`, `structuredClone(state)` and
 * `{ ...state }` are states the reducer continues from exactly as from the original.
 */
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
  /** Names of the phases now running, in the order they started (oldest first): currentPhase is the last. */
  readonly running: readonly string[];
  /** Every phase's status, in the pipeline's declaration order (frozen). */
  readonly phases: readonly PhaseStatus[];
}

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
  /** The group the dashboard folds this phase into; absent when it has none. */
  readonly group?: string;
}

/** The serializable part of a pipeline: what a browser needs to rebuild run state. */
export interface PipelineGraph {
  readonly name: string;
  readonly phases: readonly PhaseGraph[];
  /** The JSON Schema of the run's inputs, when the pipeline declares them. */
  readonly inputs?: JsonSchema;
}

/** A JSON Schema document, as plain data. */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * A schema of a pipeline's inputs: any Standard Schema that also describes itself as JSON Schema
 * (a zod 4 schema is one), so core needs no schema library of its own.
 */
export interface InputsSchema {
  readonly "~standard": {
    readonly validate: (value: unknown) => InputsValidation | Promise<InputsValidation>;
    readonly jsonSchema: { readonly input: (options: { readonly target: string }) => JsonSchema };
  };
}

/** What a Standard Schema's `validate` answers. */
export type InputsValidation =
  | { readonly value: unknown; readonly issues?: undefined }
  | { readonly issues: readonly InputsIssue[] };

export interface InputsIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[];
}

/** `new Pipeline(name, { inputs }, ...phases)`. */
export interface PipelineOptions {
  /** The run's inputs, validated when a run starts and read by handlers as `ctx.inputs`. */
  readonly inputs?: InputsSchema;
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
  /** The run's inputs (`SagaOptions.inputs`; {} when none were given). */
  readonly inputs: Readonly<Record<string, unknown>>;
}

// biome-ignore lint/suspicious/noExplicitAny: handlers may take any results shape
export type PhaseHandler<T = unknown> = (ctx: PhaseContext<any>) => T | Promise<T>;

/** A source of time for the saga; the reducer only ever sees the `at` it produces. */
export interface Clock {
  now(): number;
}

/**
 * One attempt of one phase, handed to an executor. It is the seam between the saga (which
 * schedules, retries and records) and wherever the handler really runs: this process, a queue,
 * another machine.
 */
export interface PhaseAttempt {
  /** `SagaOptions.runId`, "" when none was given. */
  readonly runId: string;
  /** The pipeline's name. */
  readonly pipeline: string;
  /** The phase's serializable description. */
  readonly phase: PhaseGraph;
  /** The attempt's number, from 1. */
  readonly attempt: number;
  /** Each direct dependency's returned value (undefined for a skipped one). */
  readonly results: Readonly<Record<string, unknown>>;
  /** The run's inputs ({} when none were given). */
  readonly inputs: Readonly<Record<string, unknown>>;
  /** Aborted on cancel, timeout or fail-fast; made only when first read. */
  readonly signal: AbortSignal;
  /**
   * Records a @@PHASE_LOG line of this attempt at once; dropped once the attempt has ended.
   * A line logged before `started()` starts the attempt first.
   */
  log(line: string, stream?: LogStream): void;
  /**
   * The attempt begins running: records @@PHASE_START { name, attempt, at, agent? }. Call once,
   * before any log line (later calls are ignored); the phase's `timeoutMs` counts from here.
   * Until then the phase keeps its status (pending, or retrying after a failed attempt). If the
   * executor settles without calling it, the saga records the start itself, right before the
   * outcome.
   */
  started(info?: { readonly agent?: string }): void;
}

/** Where phase handlers run. The saga hands each attempt to one; the default runs it in process. */
export interface PhaseExecutor {
  /** Runs one attempt: resolves with the handler's value, rejects with what it threw. */
  execute(attempt: PhaseAttempt, handler: PhaseHandler): unknown | Promise<unknown>;
}

export interface SagaOptions {
  /** At most this many phases run at once (default: unlimited). */
  readonly concurrency?: number;
  /** On the first failure, abort running phases instead of letting them finish. */
  readonly failFast?: boolean;
  readonly clock?: Clock;
  /** Where each attempt runs (default: `inProcessExecutor`, the handler called in this process). */
  readonly executor?: PhaseExecutor;
  /** The run's id, handed to the executor with each attempt (default ""). */
  readonly runId?: string;
  /**
   * Phases not to run: each is recorded as @@PHASE_REUSED from `fromRun` once its dependencies
   * are done, and its `value` reaches its dependents exactly as if it had been computed.
   */
  readonly reuse?: ReadonlyMap<string, ReusedResult>;
  /** The run's inputs, handed to every attempt as `inputs` (default {}). */
  readonly inputs?: Readonly<Record<string, unknown>>;
}

/** A phase's value kept from an earlier run, to be reused instead of running the phase. */
export interface ReusedResult {
  readonly value: unknown;
  readonly fromRun: string;
}
