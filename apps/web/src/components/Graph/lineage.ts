import type { PipelineGraph } from "@milo/core";

export interface Lineage {
  /** Every phase the selected one depends on, directly or not. */
  readonly upstream: ReadonlySet<string>;
  /** Every phase that depends on the selected one, directly or not. */
  readonly downstream: ReadonlySet<string>;
}

/** The phases upstream and downstream of `name` (itself in neither). */
export function lineageOf(graph: PipelineGraph, name: string): Lineage {
  const dependenciesOf = new Map(graph.phases.map((phase) => [phase.name, phase.dependsOn]));
  const dependentsOf = new Map<string, string[]>(graph.phases.map((phase) => [phase.name, []]));
  for (const phase of graph.phases) {
    for (const dependency of phase.dependsOn) dependentsOf.get(dependency)?.push(phase.name);
  }
  const walk = (next: (name: string) => readonly string[]) => {
    const seen = new Set<string>();
    const queue = [...next(name)];
    while (queue.length > 0) {
      const current = queue.pop()!;
      if (seen.has(current) || current === name) continue;
      seen.add(current);
      queue.push(...next(current));
    }
    return seen;
  };
  return {
    upstream: walk((phase) => dependenciesOf.get(phase) ?? []),
    downstream: walk((phase) => dependentsOf.get(phase) ?? []),
  };
}

/** Whether the edge `from → to` lies on a path through the selected phase. */
export function isLineageEdge(lineage: Lineage, selected: string, from: string, to: string) {
  const up = (name: string) => name === selected || lineage.upstream.has(name);
  const down = (name: string) => name === selected || lineage.downstream.has(name);
  return (up(from) && up(to)) || (down(from) && down(to));
}
