import type { PhaseExecutor, PhaseJob } from "./PhaseExecutor";

/** Runs each handler in this process. */
export class LocalExecutor implements PhaseExecutor {
  async execute(job: PhaseJob): Promise<unknown> {
    return job.phase.handler(job.context);
  }
}
