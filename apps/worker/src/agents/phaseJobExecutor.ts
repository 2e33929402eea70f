import type { PhaseExecutor, PhaseJob } from "../executor/PhaseExecutor";
import type { AgentExecutor } from "./AgentExecutor";

/**
 * The agent executor behind the worker's `PhaseExecutor` seam, whose job has no `started`: the
 * agent's name reaches the record once runs use core's executor seam, which has.
 */
export function phaseJobExecutor(executor: AgentExecutor): PhaseExecutor {
  return {
    execute: (job: PhaseJob) =>
      executor.execute({
        runId: job.runId,
        pipeline: job.pipeline,
        phase: job.phase,
        attempt: job.context.attempt,
        results: job.context.results,
        get signal() {
          return job.context.signal;
        },
        log: job.context.log,
        started: () => {},
      }),
  };
}
