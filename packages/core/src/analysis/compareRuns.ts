import { compareNames } from "../pipelineGraph";
import { phaseStatus } from "../pipelineState";
import type { PhaseStatusName, PipelineGraph, PipelineState } from "../types";
import { phaseIntervals } from "./phaseIntervals";

export interface PhaseRunSummary {
  readonly status: PhaseStatusName;
  /** Wall time over all attempts, back-offs included; null until the phase has ended. */
  readonly durationMs: number | null;
}

export interface PhaseComparison {
  readonly name: string;
  readonly before: PhaseRunSummary;
  readonly after: PhaseRunSummary;
  /** `after - before` in ms; null unless both runs ended the phase. */
  readonly deltaMs: number | null;
  /** `after / before`; null unless both ended it and `before` took some time. */
  readonly ratio: number | null;
  readonly statusChanged: boolean;
}

/**
 * One run against another of the same pipeline, phase by phase: status changes first, then the
 * largest duration changes (either way), then pipeline order.
 */
export function compareRuns(
  graph: PipelineGraph,
  before: Pick<PipelineState, "phases">,
  after: Pick<PipelineState, "phases">,
): PhaseComparison[] {
  const position = new Map(graph.phases.map((phase, index) => [phase.name, index]));
  const wallTimes = (state: Pick<PipelineState, "phases">) =>
    new Map(
      phaseIntervals(state).map((interval) => [interval.name, interval.end - interval.start]),
    );
  const beforeMs = wallTimes(before);
  const afterMs = wallTimes(after);
  const comparisons = graph.phases.map((phase): PhaseComparison => {
    const was = summaryOf(before, beforeMs, phase.name);
    const is = summaryOf(after, afterMs, phase.name);
    const both = was.durationMs !== null && is.durationMs !== null;
    return {
      name: phase.name,
      before: was,
      after: is,
      deltaMs: both ? is.durationMs! - was.durationMs! : null,
      ratio: both && was.durationMs! > 0 ? is.durationMs! / was.durationMs! : null,
      statusChanged: was.status !== is.status,
    };
  });
  return comparisons.sort(
    (a, b) =>
      Number(b.statusChanged) - Number(a.statusChanged) ||
      Math.abs(b.deltaMs ?? 0) - Math.abs(a.deltaMs ?? 0) ||
      position.get(a.name)! - position.get(b.name)! ||
      compareNames(a.name, b.name),
  );
}

function summaryOf(
  state: Pick<PipelineState, "phases">,
  wallTimes: ReadonlyMap<string, number>,
  name: string,
): PhaseRunSummary {
  return {
    status: phaseStatus(state, name)?.status ?? "pending",
    durationMs: wallTimes.get(name) ?? null,
  };
}
