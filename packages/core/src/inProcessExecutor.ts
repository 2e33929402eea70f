import type { PhaseContext, PhaseExecutor } from "./types";

/** The default executor: the attempt starts at once and the handler runs in this process. */
export const inProcessExecutor: PhaseExecutor = Object.freeze({
  execute(attempt, handler) {
    attempt.started();
    const context: PhaseContext = {
      results: attempt.results,
      inputs: attempt.inputs,
      get signal() {
        return attempt.signal;
      },
      attempt: attempt.attempt,
      log: (line, stream) => attempt.log(line, stream),
      phase: attempt.phase,
    };
    return handler(context);
  },
} satisfies PhaseExecutor);
