import { PipelineError } from "../PipelineError";
import { executionOrder } from "../pipelineGraph";
import { isFinished } from "../statuses";
import type { PipelineGraph, PipelineState } from "../types";
import { type EstimatedPhase, type EstimateOptions, estimateRun } from "./estimateRun";

export interface CriticalPathStep {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly durationMs: number;
  /** Time from the previous step's end (the run's start for the first step) to this start. */
  readonly waitMs: number;
  /**
   * What this step's start waited on: the previous step's end as a dependency ("dependency"),
   * as the phase whose end freed a slot or let it run alone ("slot"), or the run's start.
   */
  readonly waitedOn: "dependency" | "slot" | "start";
  /** `durationMs` as a share of the run's duration, in [0, 1]. */
  readonly share: number;
  /** True when the step's end is simulated (a run still under way). */
  readonly estimated: boolean;
}

export interface PhaseSlack {
  readonly name: string;
  /** How much longer the phase could have taken without delaying the run's end. */
  readonly slackMs: number;
}

export interface CriticalPath {
  readonly start: number;
  /** The run's end (expected, for a run still under way). */
  readonly end: number;
  readonly durationMs: number;
  /** True when any of it is simulated. */
  readonly estimated: boolean;
  /** The chain of phases that set the run's duration, first to last. */
  readonly steps: readonly CriticalPathStep[];
  /** Every phase that ran (or is expected to), in pipeline order. */
  readonly slack: readonly PhaseSlack[];
}

/**
 * The chain of phases that set a run's duration: walking back from the last phase to end, each
 * phase's start waited on the previous one's end (a dependency's, or that of the phase whose
 * end freed it a slot). For a run still under way, the rest is simulated with `estimateRun`
 * from `estimate` (expected durations, concurrency, now).
 */
export function criticalPath(
  graph: PipelineGraph,
  state: PipelineState,
  estimate?: EstimateOptions,
): CriticalPath {
  if (!isFinished(state.status) && estimate === undefined) {
    throw new PipelineError(
      "INVALID_OPTIONS",
      `criticalPath: run of "${state.name}" is ${state.status}; pass { now, durations, concurrency } to estimate the rest of it.`,
    );
  }
  const now = estimate?.now ?? state.endedAt ?? 0;
  const { expectedEnd, phases } = estimateRun(graph, state, estimate ?? { now });
  const start = state.startedAt ?? now;
  const end = Math.max(expectedEnd, start);
  const durationMs = end - start;
  const predecessorOf = predecessors(graph, phases);
  const byName = new Map(phases.map((phase) => [phase.name, phase]));

  const steps: CriticalPathStep[] = [];
  let current = lastToEnd(phases);
  while (current !== undefined) {
    const predecessor = predecessorOf.get(current.name);
    steps.push({
      name: current.name,
      start: current.start,
      end: current.end,
      durationMs: current.end - current.start,
      waitMs: current.start - (predecessor ? byName.get(predecessor.name)!.end : start),
      waitedOn: predecessor?.kind ?? "start",
      share: durationMs > 0 ? (current.end - current.start) / durationMs : 0,
      estimated: current.estimated,
    });
    current = predecessor ? byName.get(predecessor.name) : undefined;
  }
  steps.reverse();
  return {
    start,
    end,
    durationMs,
    estimated: phases.some((phase) => phase.estimated),
    steps,
    slack: slackOf(graph, phases, predecessorOf, end),
  };
}

interface Predecessor {
  readonly name: string;
  readonly kind: "dependency" | "slot";
}

/**
 * For each phase, the phase whose end its start waited on: the latest-ending phase that ended by
 * its start, a dependency winning ties. A phase other than a dependency must have started
 * before it, so that phases of no duration never wait on each other.
 */
function predecessors(
  graph: PipelineGraph,
  phases: readonly EstimatedPhase[],
): Map<string, Predecessor> {
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  const byEnd = [...phases].sort((a, b) => a.end - b.end || a.start - b.start);
  const result = new Map<string, Predecessor>();
  for (const phaseGraph of graph.phases) {
    const phase = byName.get(phaseGraph.name);
    if (phase === undefined) continue;
    let dependency: EstimatedPhase | undefined;
    for (const name of phaseGraph.dependsOn) {
      const candidate = byName.get(name);
      if (candidate === undefined || candidate.end > phase.start) continue;
      if (dependency === undefined || candidate.end > dependency.end) dependency = candidate;
    }
    let other: EstimatedPhase | undefined;
    for (let index = lastEndingBy(byEnd, phase.start); index >= 0; index--) {
      const candidate = byEnd[index]!;
      if (candidate.name !== phase.name && candidate.start < phase.start) {
        other = candidate;
        break;
      }
    }
    if (dependency !== undefined && (other === undefined || dependency.end >= other.end)) {
      result.set(phase.name, { name: dependency.name, kind: "dependency" });
    } else if (other !== undefined) {
      result.set(phase.name, { name: other.name, kind: "slot" });
    }
  }
  return result;
}

/** Index of the last phase in `byEnd` that ended at or before `time`; -1 when none did. */
function lastEndingBy(byEnd: readonly EstimatedPhase[], time: number): number {
  let low = 0;
  let high = byEnd.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (byEnd[middle]!.end <= time) low = middle + 1;
    else high = middle;
  }
  return low - 1;
}

function lastToEnd(phases: readonly EstimatedPhase[]): EstimatedPhase | undefined {
  let last: EstimatedPhase | undefined;
  for (const phase of phases) {
    if (
      last === undefined ||
      phase.end > last.end ||
      (phase.end === last.end && phase.start > last.start)
    ) {
      last = phase;
    }
  }
  return last;
}

/**
 * Slack over the recorded precedence (dependencies and freed slots): a phase may end as late as
 * its earliest successor's start plus that successor's own slack, and the last as the run's end.
 */
function slackOf(
  graph: PipelineGraph,
  phases: readonly EstimatedPhase[],
  predecessorOf: ReadonlyMap<string, Predecessor>,
  runEnd: number,
): PhaseSlack[] {
  const byName = new Map(phases.map((phase) => [phase.name, phase]));
  const successors = new Map<string, string[]>(phases.map((phase) => [phase.name, []]));
  for (const phaseGraph of graph.phases) {
    if (!byName.has(phaseGraph.name)) continue;
    for (const dependency of phaseGraph.dependsOn)
      successors.get(dependency)?.push(phaseGraph.name);
    const predecessor = predecessorOf.get(phaseGraph.name);
    if (predecessor?.kind === "slot") successors.get(predecessor.name)!.push(phaseGraph.name);
  }
  // Successors start no earlier than their predecessors; equal starts fall back on graph order.
  const position = new Map(executionOrder(graph).map((name, index) => [name, index]));
  const latestFirst = [...phases].sort(
    (a, b) => b.start - a.start || position.get(b.name)! - position.get(a.name)!,
  );
  const slack = new Map<string, number>();
  for (const phase of latestFirst) {
    let latestEnd = runEnd;
    for (const name of successors.get(phase.name)!) {
      const successor = byName.get(name)!;
      latestEnd = Math.min(latestEnd, successor.start + (slack.get(name) ?? 0));
    }
    slack.set(phase.name, Math.max(0, latestEnd - phase.end));
  }
  return graph.phases
    .filter((phase) => slack.has(phase.name))
    .map((phase) => ({ name: phase.name, slackMs: slack.get(phase.name)! }));
}
