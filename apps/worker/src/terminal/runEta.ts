import {
  canEstimate,
  describeEta,
  estimateRun,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";

/** What the terminal estimates a run's end from. */
export interface EtaSource {
  readonly graph: PipelineGraph;
  /** Each phase's expected duration from earlier runs; the rest is guessed by weight. */
  readonly durations: Readonly<Record<string, number>>;
  /** The run's concurrency limit; undefined is unlimited, as for the run itself. */
  readonly concurrency?: number;
}

/**
 * "ends in ~2 m 10 s (23:14)" for a run under way; null before it starts, once it ends, and
 * while there is nothing to go on (no history and no phase done yet).
 */
export function runEta(source: EtaSource, state: PipelineState, now: number): string | null {
  if (state.status !== "running" || state.startedAt === null) return null;
  if (!canEstimate(state, source.durations)) return null;
  const { remainingMs, expectedEnd } = estimateRun(source.graph, state, {
    now,
    durations: source.durations,
    concurrency: source.concurrency,
  });
  return describeEta(remainingMs, expectedEnd);
}
