import type { Dag } from "./dagShapes";

export interface Interval {
  readonly start: number;
  readonly end: number;
}

/**
 * Throws when a recorded schedule breaks the pipeline's rules: a phase missing or run twice, a
 * phase started before a dependency ended, a non-parallel phase beside another, or more phases
 * at once than the concurrency. A benchmark of makespans is only fair if every engine obeys.
 */
export function checkSchedule(
  engine: string,
  dag: Dag,
  intervals: ReadonlyMap<string, Interval>,
  concurrency: number,
): void {
  const fail = (message: string): never => {
    throw new Error(`${engine} broke the rules on ${dag.name}: ${message}`);
  };
  if (intervals.size !== dag.phases.length) {
    fail(`${intervals.size} of ${dag.phases.length} phases ran`);
  }
  const events: { at: number; delta: number }[] = [];
  for (const phase of dag.phases) {
    const own = intervals.get(phase.name) ?? fail(`${phase.name} never ran`);
    for (const dependency of phase.dependsOn) {
      if (own.start < intervals.get(dependency)!.end) {
        fail(`${phase.name} started before its dependency ${dependency} ended`);
      }
    }
    events.push({ at: own.start, delta: 1 }, { at: own.end, delta: -1 });
  }
  // Ends sort before starts at the same instant: a phase may start the moment another ends.
  events.sort((a, b) => a.at - b.at || a.delta - b.delta);
  let running = 0;
  for (const event of events) {
    running += event.delta;
    if (running > concurrency) fail(`${running} phases ran at once, over ${concurrency}`);
  }
  for (const phase of dag.phases) {
    if (phase.parallel) continue;
    const own = intervals.get(phase.name)!;
    for (const [other, span] of intervals) {
      if (other !== phase.name && span.start < own.end && span.end > own.start) {
        fail(`non-parallel ${phase.name} overlapped ${other}`);
      }
    }
  }
}

/**
 * A makespan no schedule can beat. The longest dependency path is one bound. A non-parallel
 * phase runs alone, so nothing overlaps it: all non-parallel work adds up, and on top of it the
 * parallel phases need their own time, at least their longest chain (counting parallel phases
 * only) and at least their total work spread over `concurrency`.
 */
export function lowerBound(dag: Dag, concurrency: number): number {
  const finish = new Map<string, number>();
  const parallelFinish = new Map<string, number>();
  let criticalPath = 0;
  let parallelPath = 0;
  let sequentialWork = 0;
  let parallelWork = 0;
  // Phases are listed so that dependencies come first (every generator here does so).
  for (const phase of dag.phases) {
    let ready = 0;
    let parallelReady = 0;
    for (const dependency of phase.dependsOn) {
      const end = finish.get(dependency);
      if (end === undefined) throw new Error(`lowerBound: ${dag.name} is not in dependency order`);
      ready = Math.max(ready, end);
      parallelReady = Math.max(parallelReady, parallelFinish.get(dependency)!);
    }
    const parallelEnd = parallelReady + (phase.parallel ? phase.duration : 0);
    finish.set(phase.name, ready + phase.duration);
    parallelFinish.set(phase.name, parallelEnd);
    criticalPath = Math.max(criticalPath, ready + phase.duration);
    parallelPath = Math.max(parallelPath, parallelEnd);
    if (phase.parallel) parallelWork += phase.duration;
    else sequentialWork += phase.duration;
  }
  return Math.max(
    criticalPath,
    sequentialWork + Math.max(parallelPath, parallelWork / concurrency),
  );
}
