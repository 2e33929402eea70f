import { CycleError, PipelineError } from "./PipelineError";
import type { PhaseGraph, PipelineGraph } from "./types";

/** Checks the rules every pipeline graph must keep; throws a `PipelineError` naming the fix. */
export function validateGraph(graph: PipelineGraph): void {
  const names = new Set<string>();
  for (const phase of graph.phases) {
    if (typeof phase.name !== "string" || phase.name.trim() === "") {
      throw new PipelineError(
        "INVALID_PHASE",
        `Pipeline "${graph.name}" has a phase without a name: give every phase a non-empty name.`,
      );
    }
    if (names.has(phase.name)) {
      throw new PipelineError(
        "DUPLICATE_PHASE",
        `Duplicate phase "${phase.name}" in pipeline "${graph.name}": phase names must be unique.`,
      );
    }
    names.add(phase.name);
    if (typeof phase.weight !== "number" || !Number.isFinite(phase.weight) || phase.weight < 0) {
      throw new PipelineError(
        "INVALID_WEIGHT",
        `Phase "${phase.name}" has weight ${String(phase.weight)}: a weight must be a finite number of 0 or more.`,
      );
    }
    if (
      phase.group !== undefined &&
      (typeof phase.group !== "string" || phase.group.trim() === "")
    ) {
      throw new PipelineError(
        "INVALID_PHASE",
        `Phase "${phase.name}" has group ${JSON.stringify(phase.group)}: a group must be a non-empty string, or left out.`,
      );
    }
  }
  const available = [...names].join(", ");
  for (const phase of graph.phases) {
    const seen = new Set<string>();
    for (const dependency of phase.dependsOn) {
      if (seen.has(dependency)) {
        throw new PipelineError(
          "INVALID_PHASE",
          `Phase "${phase.name}" lists "${dependency}" twice in dependsOn: list each dependency once.`,
        );
      }
      seen.add(dependency);
      if (!names.has(dependency)) {
        throw new PipelineError(
          "UNKNOWN_DEPENDENCY",
          `Phase "${phase.name}" depends on "${dependency}", which does not exist. Available phases: ${available}`,
        );
      }
    }
  }
  const cycle = findCycle(graph);
  if (cycle) throw new CycleError(cycle);
}

/**
 * The first dependency loop found, walking phases and their dependencies in name order so the
 * same graph always reports the same loop; null when there is none.
 */
export function findCycle(graph: PipelineGraph): string[] | null {
  const byName = new Map(graph.phases.map((phase) => [phase.name, phase]));
  const state = new Map<string, "visiting" | "done">();
  // Iterative depth-first search: a chain of thousands of phases must not overflow the stack.
  for (const root of [...byName.keys()].sort(compareNames)) {
    if (state.has(root)) continue;
    const stack: { name: string; dependencies: string[]; next: number }[] = [];
    const enter = (name: string) => {
      state.set(name, "visiting");
      const dependencies = [...(byName.get(name)?.dependsOn ?? [])].sort(compareNames);
      stack.push({ name, dependencies, next: 0 });
    };
    enter(root);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const dependency = frame.dependencies[frame.next++];
      if (dependency === undefined) {
        state.set(frame.name, "done");
        stack.pop();
        continue;
      }
      const seen = state.get(dependency);
      if (seen === "visiting") {
        const path = stack.map((entry) => entry.name);
        return [...path.slice(path.indexOf(dependency)), dependency];
      }
      if (seen === undefined && byName.has(dependency)) enter(dependency);
    }
  }
  return null;
}

/** Phases by level: level 0 has no dependencies, level k depends on level k-1 at the deepest. */
export function executionLevels(graph: PipelineGraph): string[][] {
  const remaining = new Map<string, number>();
  const dependents = dependentsOf(graph);
  for (const phase of graph.phases) remaining.set(phase.name, phase.dependsOn.length);
  let level = graph.phases.filter((phase) => phase.dependsOn.length === 0).map((p) => p.name);
  const levels: string[][] = [];
  while (level.length > 0) {
    level.sort(compareNames);
    levels.push(level);
    const next: string[] = [];
    for (const name of level) {
      for (const dependent of dependents.get(name) ?? []) {
        const left = remaining.get(dependent)! - 1;
        remaining.set(dependent, left);
        if (left === 0) next.push(dependent);
      }
    }
    level = next;
  }
  return levels;
}

/** Topological order, level by level, names sorted inside a level. */
export function executionOrder(graph: PipelineGraph): string[] {
  return executionLevels(graph).flat();
}

/** For each phase, the phases that list it in `dependsOn`, in pipeline order. */
export function dependentsOf(graph: PipelineGraph): Map<string, string[]> {
  const dependents = new Map<string, string[]>();
  for (const phase of graph.phases) dependents.set(phase.name, []);
  for (const phase of graph.phases) {
    for (const dependency of phase.dependsOn) dependents.get(dependency)?.push(phase.name);
  }
  return dependents;
}

/**
 * For each phase, the largest total weight of a path from it (itself included) to the end of
 * the pipeline: the scheduler's priority, so the longest chains start first.
 */
export function remainingPathWeights(graph: PipelineGraph): Map<string, number> {
  const byName = new Map<string, PhaseGraph>(graph.phases.map((phase) => [phase.name, phase]));
  const dependents = dependentsOf(graph);
  const order = executionOrder(graph);
  const weights = new Map<string, number>();
  for (let i = order.length - 1; i >= 0; i--) {
    const name = order[i]!;
    let longest = 0;
    for (const dependent of dependents.get(name)!) {
      longest = Math.max(longest, weights.get(dependent)!);
    }
    weights.set(name, byName.get(name)!.weight + longest);
  }
  return weights;
}

/** Code-point order, the same in every locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
