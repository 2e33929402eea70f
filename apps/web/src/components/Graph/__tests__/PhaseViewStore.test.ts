import {
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_START,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import { PhaseViewStore } from "../PhaseViewStore";

const graph: PipelineGraph = {
  name: "release",
  phases: [
    { name: "fetch", dependsOn: [], parallel: true, weight: 1, description: "" },
    { name: "build", dependsOn: ["fetch"], parallel: true, weight: 1, description: "" },
    { name: "test", dependsOn: ["build"], parallel: true, weight: 1, description: "" },
  ],
};

function stateAfter(actions: [string, Record<string, unknown>][]): PipelineState {
  const reduce = createPipelineReducer(graph);
  let state: PipelineState = reduce(undefined, { type: INIT, payload: undefined });
  for (const [type, payload] of actions) state = reduce(state, { type, payload });
  return state;
}

describe("PhaseViewStore", () => {
  it("names the agent of the current attempt and marks a ready phase not yet taken", () => {
    const store = new PhaseViewStore();
    store.update(
      graph,
      stateAfter([
        [PIPELINE_START, { at: 0 }],
        [PHASE_START, { name: "fetch", attempt: 1, at: 1, agent: "build-1" }],
        [PHASE_COMPLETE, { name: "fetch", at: 2 }],
      ]),
    );
    expect(store.get("fetch")).toMatchObject({ agent: "build-1", waiting: false });
    // Its dependency is done, no agent has taken it yet: waiting.
    expect(store.get("build")).toMatchObject({ status: "pending", agent: null, waiting: true });
    // Still waits on build: not ready.
    expect(store.get("test").waiting).toBe(false);
  });
});
