import type { PipelineGraph, PipelineState } from "@milo/core";
import { useEffect, useMemo, useRef, useState } from "react";
import { type TimelineCriticalPath, timelineCriticalPath } from "./timelineCriticalPath";

export interface CriticalPathInputs {
  readonly graph: PipelineGraph;
  readonly state: PipelineState;
  readonly now: number;
  readonly concurrency?: number;
  readonly durations?: Readonly<Record<string, number>>;
}

/** A run under way has its expected path simulated at most this often... */
const MIN_INTERVAL_MS = 1000;
/** ...and never for more than a tenth of the page's time (2,000 phases take a few hundred ms). */
const COST_FACTOR = 10;

/**
 * The timeline's critical path, or null when `enabled` is off. A finished run's is computed once
 * per state. A run under way's is a simulation of the rest of it: it is redone as the run moves,
 * but throttled by its own cost, so a big run's stream of updates never waits on it.
 */
export function useTimelineCriticalPath(
  inputs: CriticalPathInputs,
  enabled: boolean,
  live: boolean,
): TimelineCriticalPath | null {
  const { graph, state, now, concurrency, durations } = inputs;
  const finished = useMemo(
    () =>
      enabled && !live ? timelineCriticalPath(graph, state, now, { concurrency, durations }) : null,
    [enabled, live, graph, state, now, concurrency, durations],
  );

  const [expected, setExpected] = useState<TimelineCriticalPath | null>(null);
  const nextAt = useRef(0);
  // Every change replaces the timer not yet fired, so the one that fires sees the newest inputs.
  useEffect(() => {
    if (!enabled || !live) {
      setExpected(null);
      return;
    }
    const timer = setTimeout(
      () => {
        const begun = performance.now();
        setExpected(timelineCriticalPath(graph, state, now, { concurrency, durations }));
        const cost = performance.now() - begun;
        nextAt.current = performance.now() + Math.max(MIN_INTERVAL_MS, cost * COST_FACTOR);
      },
      Math.max(0, nextAt.current - performance.now()),
    );
    return () => clearTimeout(timer);
  }, [enabled, live, graph, state, now, concurrency, durations]);

  return live ? expected : finished;
}
