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
        const note = (value: unknown) => {
          values.set(attempt.phase.name, { attempt: attempt.attempt, value });
        };
        if (isThenable(outcome)) {
          // A side branch only: the saga handles the outcome, its rejection included.
          Promise.resolve(outcome).then(note, () => {});
        } else {
          note(outcome);
        }
        return outcome;
      },
    },
  };
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  if ((typeof value !== "object" && typeof value !== "function") || value === null) return false;
  try {
    return typeof (value as { then?: unknown }).then === "function";
  } catch {
    return false;
  }
}
