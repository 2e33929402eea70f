import { dependentsByName } from "../shared/dagShapes";
import type { Engine } from "./types";

/**
 * The floor: the least a promise-based DAG runner can do. Counters per phase, a stack of ready
 * phases, no state kept, no actions, no priorities.
 */
export const runFloor: Engine = (dag, work) => {
  const indexByName = new Map(dag.phases.map((phase, index) => [phase.name, index]));
  const byName = dependentsByName(dag);
  const dependents = dag.phases.map((phase) =>
    byName.get(phase.name)!.map((name) => indexByName.get(name)!),
  );
  const dependencyCounts = dag.phases.map((phase) => phase.dependsOn.length);
  return ({ concurrency }) =>
    new Promise<void>((resolve, reject) => {
      const waiting = dependencyCounts.slice();
      const ready: number[] = [];
      waiting.forEach((count, index) => {
        if (count === 0) ready.push(index);
      });
      let running = 0;
      let done = 0;
      const finish = (index: number) => {
        running--;
        done++;
        for (const dependent of dependents[index]!) {
          if (--waiting[dependent]! === 0) ready.push(dependent);
        }
        if (done === dag.phases.length) resolve();
        else pump();
      };
      const pump = () => {
        while (running < concurrency && ready.length > 0) {
          const index = ready.pop()!;
          running++;
          Promise.resolve(work(dag.phases[index]!)).then(() => finish(index), reject);
        }
      };
      if (dag.phases.length === 0) resolve();
      else pump();
    });
};
