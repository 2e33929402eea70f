import type { PipelineState } from "../types";
import { phaseWallTime } from "./phaseWallTime";

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
    if (phase.endedAt === null) continue;
    const wall = phaseWallTime(phase, phase.endedAt);
    if (wall !== null) intervals.push({ name: phase.name, start: wall.start, end: phase.endedAt });
  }
  return intervals;
}
