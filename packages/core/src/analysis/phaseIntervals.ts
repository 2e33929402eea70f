import type { PipelineState } from "../types";

/** When a phase ran: from its first attempt's start to its last attempt's end, in ms. */
export interface PhaseInterval {
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Every phase of `state` that has started and ended, with its wall time over all attempts
 * (back-offs between attempts included; none for one reused from an earlier run), in pipeline
 * order.
 */
export function phaseIntervals(state: Pick<PipelineState, "phases">): PhaseInterval[] {
  const intervals: PhaseInterval[] = [];
  for (const phase of state.phases) {
    // A phase reused from an earlier run has no attempt: it took no time, at its `startedAt`.
    const start = phase.attempts[0]?.startedAt ?? phase.startedAt;
    if (start === null || phase.endedAt === null) continue;
    intervals.push({ name: phase.name, start, end: phase.endedAt });
  }
  return intervals;
}
