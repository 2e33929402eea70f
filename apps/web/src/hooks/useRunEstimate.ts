import {
  canEstimate,
  estimateRun,
  type PipelineGraph,
  type PipelineState,
  type RunEstimate,
} from "@milo/core";
import { useMemo } from "react";
import { usePipelineTimings } from "../queries/usePipelineTimings";
import { useHistoryDurations } from "./useHistoryDurations";

/** What a run's estimate is made from besides its state. */
export interface EstimateInputs {
  /** Expected per-phase durations (medians of earlier runs). */
  readonly durations: Readonly<Record<string, number>>;
  /** The run's concurrency; null is unlimited. */
  readonly concurrency: number | null;
}

/**
 * When a run under way is expected to end, re-estimated as its state moves and the clock ticks;
 * null for a run that has not started or has ended.
 */
export function useRunEstimate(
  graph: PipelineGraph,
  state: PipelineState | null,
  now: number,
  concurrency: number | null,
): RunEstimate | null {
  const durations = useHistoryDurations(graph.name);
  // No estimate until the history is in: a guess by weight first would jump when it arrives.
  const historyPending = usePipelineTimings(graph.name).isPending;
  return useMemo(
    () =>
      state === null || historyPending
        ? null
        : runEstimate(graph, state, now, { durations, concurrency }),
    [graph, state, now, durations, concurrency, historyPending],
  );
}

/**
 * The estimate of a running run at `now`; null before it starts, once it ends, and while there
 * is nothing to go on (no history and no phase done yet).
 */
export function runEstimate(
  graph: PipelineGraph,
  state: PipelineState,
  now: number,
  { durations, concurrency }: EstimateInputs,
): RunEstimate | null {
  if (state.status !== "running" || state.startedAt === null) return null;
  if (!canEstimate(state, durations)) return null;
  return estimateRun(graph, state, { now, durations, concurrency: concurrency ?? undefined });
}
