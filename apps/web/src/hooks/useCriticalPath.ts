import {
  type CriticalPath,
  criticalPath,
  type EstimateOptions,
  isFinished,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { useEffect, useMemo, useRef, useState } from "react";

export interface CriticalPathInputs {
  readonly graph: PipelineGraph;
  readonly state: PipelineState | null;
  readonly now: number;
  readonly concurrency?: number;
  readonly durations?: Readonly<Record<string, number>>;
}

/** A run under way has its expected path simulated at most this often... */
const MIN_INTERVAL_MS = 1000;
/** ...and never for more than a tenth of the page's time (2,000 phases take a few hundred ms). */
const COST_FACTOR = 10;

/**
 * The run's critical path: what happened for a finished run; for a run under way the expected
 * one, the rest simulated with the scheduler's rules at `now` with `expected` durations (each
 * phase's median from history; the others guessed from their weights and the phases done so
 * far) and concurrency. Null before the run has started.
 */
export function runCriticalPath(
  graph: PipelineGraph,
  state: PipelineState,
  now: number,
  expected: Omit<EstimateOptions, "now"> = {},
): CriticalPath | null {
  if (state.startedAt === null) return null;
  return isFinished(state.status)
    ? criticalPath(graph, state)
    : criticalPath(graph, state, { ...expected, now });
}

/**
 * The run page's one critical path (the graph's emphasis, its panel and the timeline all draw
 * it), or null while `enabled` is off. A finished run's is computed once per state. A run under
 * way's is a simulation of the rest of it: redone as the run moves, but off the render and
 * throttled by its own cost, so a big run's stream of updates never waits on it.
 */
export function useCriticalPath(inputs: CriticalPathInputs, enabled: boolean): CriticalPath | null {
  const { graph, state, now, concurrency, durations } = inputs;
  const live = state !== null && !isFinished(state.status);
  const finished = useMemo(
    () =>
      enabled && !live && state !== null
        ? runCriticalPath(graph, state, 0, { concurrency, durations })
        : null,
    // A finished run's path does not move with the clock.
    [enabled, live, graph, state, concurrency, durations],
  );

  const [expected, setExpected] = useState<CriticalPath | null>(null);
  const nextAt = useRef(0);
  // Every change replaces the timer not yet fired, so the one that fires sees the newest inputs.
  useEffect(() => {
    if (!enabled || !live || state === null) {
      setExpected(null);
      return;
    }
    const timer = setTimeout(
      () => {
        const begun = performance.now();
        setExpected(runCriticalPath(graph, state, now, { concurrency, durations }));
        const cost = performance.now() - begun;
        nextAt.current = performance.now() + Math.max(MIN_INTERVAL_MS, cost * COST_FACTOR);
      },
      Math.max(0, nextAt.current - performance.now()),
    );
    return () => clearTimeout(timer);
  }, [enabled, live, graph, state, now, concurrency, durations]);

  return live ? expected : finished;
}
