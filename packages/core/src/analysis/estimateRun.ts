import { checkConcurrency } from "../createPipelineSaga";
import { PriorityQueue } from "../PriorityQueue";
import { compareNames, dependentsOf, remainingPathWeights } from "../pipelineGraph";
import { ReadyPhases } from "../ReadyPhases";
import { isFinished } from "../statuses";
import type { PhaseGraph, PhaseStatus, PipelineGraph, PipelineState } from "../types";
import { phaseIntervals } from "./phaseIntervals";

export interface EstimateOptions {
  /** The time to estimate at, in ms (the caller's clock: analysis never reads one). */
  readonly now: number;
  /**
   * Each phase's expected duration per attempt, in ms (e.g. the median of its last completed
   * runs). A phase not listed gets a weight-proportional guess from the phases completed so far.
   */
  readonly durations?: Readonly<Record<string, number>>;
  /** The run's concurrency limit (default: unlimited). */
  readonly concurrency?: number;
}

export interface EstimatedPhase {
  readonly name: string;
  /** The phase's first start (recorded, or simulated for a phase yet to start). */
  readonly start: number;
  readonly end: number;
  /** True when `end` is simulated rather than recorded. */
  readonly estimated: boolean;
}

export interface RunEstimate {
  /** When the run is expected to end (its recorded end once it has ended). */
  readonly expectedEnd: number;
  /** `expectedEnd - now`, never negative. */
  readonly remainingMs: number;
  /** Every phase that has run or is expected to run, ordered by start, then end. */
  readonly phases: readonly EstimatedPhase[];
}

interface Running {
  readonly name: string;
  readonly end: number;
  readonly order: number;
}

/**
 * The expected end of a run: the rest of it simulated on a virtual clock with the scheduler's
 * own rules (eager starts, at most `concurrency` at once, a non-parallel phase alone, the longest
 * weighted path to the end first, then by name), every remaining attempt assumed to succeed.
 * A running phase has `expected - elapsed` left, never less than nothing.
 */
export function estimateRun(
  graph: PipelineGraph,
  state: PipelineState,
  options: EstimateOptions,
): RunEstimate {
  const { now } = options;
  if (isFinished(state.status)) {
    const expectedEnd = state.endedAt ?? now;
    const phases = phaseIntervals(state).map((interval) => ({ ...interval, estimated: false }));
    return { expectedEnd, remainingMs: Math.max(0, expectedEnd - now), phases: byStart(phases) };
  }
  const concurrency = checkConcurrency(options.concurrency);
  const expectedDuration = durationGuesser(graph, state, options.durations ?? {});
  const statusOf = new Map(state.phases.map((phase) => [phase.name, phase]));
  const byName = new Map(graph.phases.map((phase) => [phase.name, phase]));
  const dependents = dependentsOf(graph);
  const ready = new ReadyPhases<PhaseGraph>(remainingPathWeights(graph));
  const ended = new Map(phaseIntervals(state).map((interval) => [interval.name, interval]));
  const running = new PriorityQueue<Running>((a, b) => a.end - b.end || a.order - b.order);
  const phases: EstimatedPhase[] = [];
  const firstStart = new Map<string, number>();
  const waitingOn = new Map<string, number>();
  // Phases ending at the same moment end in the order they started, as the scheduler sees them.
  const startOrder = new Map(state.running.map((name, index) => [name, index]));
  let order = state.running.length;
  let alone = false;

  const done = (name: string) => {
    const dependency = statusOf.get(name)?.status;
    return dependency === "completed" || dependency === "skipped";
  };
  for (const phase of graph.phases) {
    const status = statusOf.get(phase.name);
    switch (status?.status ?? "pending") {
      case "running":
      case "retrying": {
        const attempt = status!.attempts[status!.attempts.length - 1]!;
        // A phase between attempts starts its next one now, as far as anyone can tell.
        const from = status!.status === "running" ? attempt.startedAt : now;
        const end = Math.max(now, from + expectedDuration(phase));
        firstStart.set(phase.name, status!.attempts[0]!.startedAt);
        running.push({ name: phase.name, end, order: startOrder.get(phase.name) ?? order++ });
        if (!phase.parallel) alone = true;
        break;
      }
      case "pending": {
        const left = phase.dependsOn.filter((name) => !done(name)).length;
        waitingOn.set(phase.name, left);
        if (left === 0) ready.push(phase);
        break;
      }
      default: {
        const interval = ended.get(phase.name);
        if (interval !== undefined) phases.push({ ...interval, estimated: false });
      }
    }
  }

  // After a failure that stops the run, the scheduler starts nothing more.
  const stopped = state.failedPhase !== null;
  let time = now;
  for (;;) {
    while (!stopped && !alone) {
      const next = ready.next(running.size, concurrency);
      if (next === undefined) break;
      alone = !next.parallel;
      firstStart.set(next.name, time);
      running.push({ name: next.name, end: time + expectedDuration(next), order: order++ });
    }
    const finished = running.pop();
    if (finished === undefined) break;
    time = finished.end;
    const phase = byName.get(finished.name)!;
    if (!phase.parallel) alone = false;
    phases.push({
      name: finished.name,
      start: firstStart.get(finished.name)!,
      end: time,
      estimated: true,
    });
    for (const dependent of dependents.get(finished.name) ?? []) {
      const left = waitingOn.get(dependent);
      if (left === undefined) continue;
      waitingOn.set(dependent, left - 1);
      if (left === 1) ready.push(byName.get(dependent)!);
    }
  }
  const lastEnd = phases.reduce((latest, phase) => Math.max(latest, phase.end), now);
  return { expectedEnd: lastEnd, remainingMs: lastEnd - now, phases: byStart(phases) };
}

/**
 * Each phase's expected duration: the caller's figure, else its weight times the time per unit
 * of weight of the phases completed so far (their mean duration when all weigh nothing).
 */
function durationGuesser(
  graph: PipelineGraph,
  state: PipelineState,
  durations: Readonly<Record<string, number>>,
): (phase: PhaseGraph) => number {
  const weightOf = new Map(graph.phases.map((phase) => [phase.name, phase.weight]));
  let totalMs = 0;
  let totalWeight = 0;
  let count = 0;
  for (const phase of state.phases) {
    const ms = lastAttemptMs(phase);
    if (phase.status !== "completed" || ms === null) continue;
    totalMs += ms;
    totalWeight += weightOf.get(phase.name) ?? 0;
    count++;
  }
  const perWeight = totalWeight > 0 ? totalMs / totalWeight : null;
  const mean = count > 0 ? totalMs / count : 0;
  return (phase) => {
    const given = Object.hasOwn(durations, phase.name) ? durations[phase.name] : undefined;
    if (typeof given === "number" && Number.isFinite(given)) return Math.max(0, given);
    return perWeight === null ? mean : phase.weight * perWeight;
  };
}

function lastAttemptMs(phase: PhaseStatus): number | null {
  const last = phase.attempts[phase.attempts.length - 1];
  if (last === undefined || last.endedAt === null) return null;
  return last.endedAt - last.startedAt;
}

function byStart(phases: EstimatedPhase[]): EstimatedPhase[] {
  return phases.sort((a, b) => a.start - b.start || a.end - b.end || compareNames(a.name, b.name));
}
