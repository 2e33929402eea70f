import { PGraph, type PGraphNodeRecord } from "p-graph";
import { ExclusiveGate } from "./ExclusiveGate";
import type { Engine } from "./types";

/**
 * p-graph as a user would set it up for a Milo pipeline: priority = the phase's duration (p-graph
 * adds up priorities along paths, the same critical-path rule as @milo/core), its own
 * concurrency option, and a lock so that non-parallel phases run alone. A graph with no
 * non-parallel phase skips the lock.
 */
export const runWithPGraph: Engine = (dag, work) => {
  const needsGate = dag.phases.some((phase) => !phase.parallel);
  const dependencies: [string, string][] = dag.phases.flatMap((phase) =>
    phase.dependsOn.map((dependency): [string, string] => [dependency, phase.name]),
  );
  return async ({ concurrency }) => {
    const gate = new ExclusiveGate();
    const nodes: PGraphNodeRecord = {};
    for (const phase of dag.phases) {
      nodes[phase.name] = {
        priority: phase.duration,
        run: needsGate ? () => gate.hold(!phase.parallel, () => work(phase)) : () => work(phase),
      };
    }
    await new PGraph(nodes, dependencies).run(
      Number.isFinite(concurrency) ? { concurrency } : undefined,
    );
  };
};
