import { Phase, Pipeline, Store } from "@milo/core";
import type { Dag } from "../shared/dagShapes";
import type { Engine } from "./types";

/** @milo/core as a user runs it: a Store over the pipeline's reducer, the pipeline's saga on it. */
export const runWithMilo: Engine = (dag, work) => {
  const pipeline = toPipeline(dag, work);
  return async ({ concurrency, clock }) => {
    const store = new Store(pipeline.buildReducer());
    const saga = pipeline.buildSaga({ concurrency, clock });
    const result = await store.runSaga(saga).toPromise();
    if (result?.status !== "completed" || store.getState().status !== "completed") {
      throw new Error(`@milo/core did not complete ${dag.name}: ${store.getState().error}`);
    }
  };
};

function toPipeline(dag: Dag, work: Parameters<Engine>[1]): Pipeline {
  return new Pipeline(
    dag.name,
    dag.phases.map(
      (phase) =>
        new Phase(phase.name, {
          dependsOn: phase.dependsOn,
          parallel: phase.parallel,
          weight: phase.duration,
          handler: () => work(phase),
        }),
    ),
  );
}
