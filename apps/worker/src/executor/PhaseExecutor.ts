import type { Phase, PhaseContext } from "@milo/core";

/** One attempt of one phase, as handed to an executor. */
export interface PhaseJob {
  readonly runId: string;
  readonly pipeline: string;
  readonly phase: Phase;
  readonly context: PhaseContext;
}

/**
 * Where phase handlers run. The saga only sees a handler that delegates here, so a queue-backed
 * executor (handlers on other machines) can replace the in-process one without touching the core.
 */
export interface PhaseExecutor {
  execute(job: PhaseJob): Promise<unknown>;
}
