import { action, PHASE_LOG, PHASE_START } from "./actions";
import { errorMessage } from "./errorMessage";
import { LazySignal } from "./LazySignal";
import type { AnyAction, Clock, LogStream, PhaseAttempt, PhaseGraph } from "./types";

/** What every attempt of one phase records through: made once per phase, not per attempt. */
export interface AttemptRecorder {
  readonly runId: string;
  readonly pipeline: string;
  readonly phase: PhaseGraph;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly timeoutMs: number | undefined;
  readonly dispatch: (action: AnyAction) => unknown;
  readonly clock: Clock;
}

/**
 * The saga's side of one attempt: a `PhaseAttempt` for the executor, and the bookkeeping of
 * where it stands. Queued until `started()`, then running until its outcome is in, it times out
 * or it is aborted; once ended, nothing it is told is recorded any more.
 */
export class PhaseAttemptRun implements PhaseAttempt {
  private stage: "queued" | "running" | "ended" = "queued";
  private readonly lazySignal = new LazySignal();
  private timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Set by whoever waits on the outcome: a timeout fails the attempt through it. */
  onTimeout: ((error: Error) => void) | null = null;

  constructor(
    private readonly recorder: AttemptRecorder,
    readonly attempt: number,
    readonly results: Readonly<Record<string, unknown>>,
  ) {}

  get runId(): string {
    return this.recorder.runId;
  }

  get pipeline(): string {
    return this.recorder.pipeline;
  }

  get phase(): PhaseGraph {
    return this.recorder.phase;
  }

  get inputs(): Readonly<Record<string, unknown>> {
    return this.recorder.inputs;
  }

  get signal(): AbortSignal {
    return this.lazySignal.signal;
  }

  started(info?: { readonly agent?: string }): void {
    if (this.stage !== "queued") return;
    const agent = info?.agent;
    this.recordStart(typeof agent === "string" ? agent : undefined);
    const { timeoutMs } = this.recorder;
    if (timeoutMs !== undefined) {
      this.timer = setTimeout(() => {
        const error = new Error(`timed out after ${timeoutMs} ms`);
        this.abort(error);
        this.onTimeout?.(error);
      }, timeoutMs);
    }
  }

  log(line: string, stream: LogStream = "stdout"): void {
    if (this.stage === "ended") return;
    if (this.stage === "queued") this.started();
    const { dispatch, clock, phase } = this.recorder;
    dispatch(
      action(PHASE_LOG, {
        name: phase.name,
        line: typeof line === "string" ? line : errorMessage(line),
        stream: stream === "stderr" ? "stderr" : "stdout",
        at: clock.now(),
      }),
    );
  }

  /** The outcome is in: a start never recorded is recorded now, right before it. */
  end(): void {
    if (this.stage === "queued") this.recordStart(undefined);
    this.finish();
  }

  /** Cancelled, failed fast or timed out: the signal tells the executor; a queued attempt never starts. */
  abort(reason: unknown): void {
    if (this.stage === "ended") return;
    this.finish();
    this.lazySignal.abort(reason);
  }

  private recordStart(agent: string | undefined): void {
    this.stage = "running";
    const { dispatch, clock, phase } = this.recorder;
    const at = clock.now();
    const { attempt } = this;
    dispatch(
      action(
        PHASE_START,
        agent === undefined
          ? { name: phase.name, attempt, at }
          : { name: phase.name, attempt, at, agent },
      ),
    );
  }

  private finish(): void {
    this.stage = "ended";
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
