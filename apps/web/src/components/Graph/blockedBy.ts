import { type PipelineGraph, type PipelineState, phaseStatus } from "@milo/core";

/** The part of a run's state the computation reads (a `PipelineState` fits). */
export type BlockedByState = Pick<PipelineState, "phases" | "failedPhase">;

const BLOCKING = new Set(["failed", "cancelled"]);

/**
 * For each pending phase that can no longer run because a phase upstream of it failed or was
 * cancelled, the name of that phase. When several are upstream, the run's first failure wins
 * (it is the one to fix), then the blocker that comes first in the graph's order.
 */
export function blockedBy(graph: PipelineGraph, state: BlockedByState): Map<string, string> {
  // The common case while a run goes well: nothing can be blocked, no graph walk needed.
  const anyBlocker = graph.phases.some((phase) => {
    const status = phaseStatus(state, phase.name)?.status;
    return status !== undefined && BLOCKING.has(status);
  });
  if (!anyBlocker) return new Map();
  const position = new Map(graph.phases.map((phase, index) => [phase.name, index]));
  const byName = new Map(graph.phases.map((phase) => [phase.name, phase]));
  const blockerOf = new Map<string, string | null>();
  const result = new Map<string, string>();

  const better = (a: string | null, b: string | null): string | null => {
    if (a === null) return b;
    if (b === null) return a;
    if (a === state.failedPhase) return a;
    if (b === state.failedPhase) return b;
    return position.get(a)! <= position.get(b)! ? a : b;
  };

  // Memoised and iterative: a chain of thousands of phases must not overflow the stack.
  const visiting = new Set<string>();
  const resolve = (root: string): string | null => {
    const stack = [root];
    while (stack.length > 0) {
      const name = stack[stack.length - 1]!;
      if (blockerOf.has(name)) {
        stack.pop();
        continue;
      }
      const status = phaseStatus(state, name)?.status;
      if (status !== undefined && BLOCKING.has(status)) {
        blockerOf.set(name, name);
        stack.pop();
        continue;
      }
      if (status !== "pending") {
        blockerOf.set(name, null);
        stack.pop();
        continue;
      }
      const dependencies = byName.get(name)?.dependsOn ?? [];
      // `visiting` keeps a (never valid) cycle from looping forever.
      const unresolved = dependencies.filter(
        (dependency) => !blockerOf.has(dependency) && !visiting.has(dependency),
      );
      if (unresolved.length > 0) {
        visiting.add(name);
        stack.push(...unresolved);
        continue;
      }
      let blocker: string | null = null;
      for (const dependency of dependencies) {
        blocker = better(blocker, blockerOf.get(dependency) ?? null);
      }
      blockerOf.set(name, blocker);
      if (blocker !== null) result.set(name, blocker);
      stack.pop();
    }
    return blockerOf.get(root) ?? null;
  };

  for (const phase of graph.phases) resolve(phase.name);
  return result;
}
