import type { RecordedAction } from "@milo/contract";
import { createPipelineReducer, INIT, type PipelineGraph, type PipelineState } from "@milo/core";
import recorded from "../api/__tests__/fixtures/flakyRun.json";

/** The recorded run of the "flaky" example (see the fixture), for tests that need real state. */
export const recordedGraph = recorded.graph as unknown as PipelineGraph;
export const recordedActions = recorded.actions as RecordedAction[];

/** The run's state after its first `count` actions (all of them by default). */
export function recordedState(count = recordedActions.length): PipelineState {
  const reduce = createPipelineReducer(recordedGraph);
  return recordedActions
    .slice(0, count)
    .reduce(
      (state, action) => reduce(state, action),
      reduce(undefined, { type: INIT, payload: undefined }),
    );
}
