import { useMemo } from "react";
import { usePipelineTimings } from "../queries/usePipelineTimings";

const NONE: Readonly<Record<string, number>> = {};

/**
 * Each phase's expected duration from history: the median of its last completed runs (the
 * worker's timings), for estimating a run under way. Phases without history are left out, so
 * the estimate guesses them by weight; nothing until the timings arrive.
 */
export function useHistoryDurations(pipeline: string): Readonly<Record<string, number>> {
  const timings = usePipelineTimings(pipeline);
  return useMemo(() => {
    if (timings.data === undefined) return NONE;
    const durations: Record<string, number> = {};
    for (const phase of timings.data.phases) {
      if (phase.medianMs !== null) durations[phase.name] = phase.medianMs;
    }
    return durations;
  }, [timings.data]);
}
