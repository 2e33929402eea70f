import type { PhaseExecutor } from "@milo/core";

/** The latest value each phase's attempt returned, with the attempt's number. */
export type PhaseValues = Map<string, { readonly attempt: number; readonly value: unknown }>;

/**
 * An executor that runs attempts on `executor` and notes each returned value, so the run can keep
 * a completed phase's value (the saga records @@PHASE_COMPLETE only after the value is in).
 */
export function recordingValues(executor: PhaseExecutor): {
  readonly executor: PhaseExecutor;
  readonly values: PhaseValues;
} {
  const values: PhaseValues = new Map();
  return {
    values,
    executor: {
      execute(attempt, handler) {
        const outcome = executor.execute(attempt, handler);
        const { name } = attempt.phase;
        if (isThenable(outcome)) {
          // A side branch only: the saga handles the outcome, its rejection included. (Inline
          // arrows: tsx names every named closure as it is made, and this runs per attempt.)
          Promise.resolve(outcome).then(
            (value) => values.set(name, { attempt: attempt.attempt, value }),
            ignore,
          );
        } else {
          values.set(name, { attempt: attempt.attempt, value: outcome });
        }
        return outcome;
      },
    },
  };
}

function ignore(): void {}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}
