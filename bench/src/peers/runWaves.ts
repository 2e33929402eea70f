import type { DagPhase } from "../shared/dagShapes";
import type { Engine } from "./types";

/**
 * A re-implementation of the wave scheduling of the original Milo's pipeline.py (Python), from
 * its description: repeatedly, every ready parallel phase runs together as one wave and the
 * wave is awaited as a whole; then the ready non-parallel phases run one by one. A concurrency
 * limit cuts a wave into chunks of that size, each awaited before the next. Phases are taken in
 * pipeline order, as that implementation walked its phase list.
 */
export const runWaves: Engine =
  (dag, work) =>
  async ({ concurrency }) => {
    const done = new Set<string>();
    const isReady = (phase: DagPhase) =>
      !done.has(phase.name) && phase.dependsOn.every((dependency) => done.has(dependency));
    const runOne = async (phase: DagPhase) => {
      await work(phase);
      done.add(phase.name);
    };
    while (done.size < dag.phases.length) {
      const wave = dag.phases.filter((phase) => phase.parallel && isReady(phase));
      const chunk = Number.isFinite(concurrency) ? concurrency : Math.max(1, wave.length);
      for (let start = 0; start < wave.length; start += chunk) {
        await Promise.all(wave.slice(start, start + chunk).map(runOne));
      }
      const sequential = dag.phases.filter((phase) => !phase.parallel && isReady(phase));
      for (const phase of sequential) await runOne(phase);
      if (wave.length === 0 && sequential.length === 0) {
        throw new Error(`waves: no phase of ${dag.name} is ready and some are not done`);
      }
    }
  };
