import type { PipelineState } from "../types";

/**
 * Whether `estimateRun` has anything to go on for a run: an expected duration for some phase,
 * or a phase completed so far to guess the others from by weight. Without either it would
 * guess every phase to take no time, and the run to end at once.
 */
export function canEstimate(
  state: Pick<PipelineState, "phases">,
  durations: Readonly<Record<string, number>>,
): boolean {
  for (const name in durations) {
    if (Number.isFinite(durations[name])) return true;
  }
  return state.phases.some(
    (phase) =>
      phase.status === "completed" && phase.attempts.some((attempt) => attempt.endedAt !== null),
  );
}
