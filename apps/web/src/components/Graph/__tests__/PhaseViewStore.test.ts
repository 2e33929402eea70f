import {
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_START,
  PIPELINE_FAILED,
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

/** A wide graph: `columns` columns of `rows` phases, each depending on two of the column before. */
function wideGraph(columns: number, rows: number): PipelineGraph {
  const name = (column: number, row: number) => `c${column}-r${row}`;
  const phases = [];
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      phases.push({
        name: name(column, row),
        dependsOn: column === 0 ? [] : [name(column - 1, row), name(column - 1, (row + 1) % rows)],
        parallel: true,
        weight: 1,
        description: "",
      });
    }
  }
  return { name: "wide", phases };
}

describe("PhaseViewStore's updates", () => {
  it("tell only the phases whose look changed, and look at no phase far from a change", () => {
    const wide = wideGraph(20, 20);
    const reduce = createPipelineReducer(wide);
    let state = reduce(undefined, { type: INIT, payload: undefined });
    state = reduce(state, { type: PIPELINE_START, payload: { at: 0 } });
    const store = new PhaseViewStore();
    store.update(wide, state);
    const told: string[][] = [];
    store.subscribeAll((changed) => told.push([...changed]));

    state = reduce(state, { type: PHASE_START, payload: { name: "c0-r3", attempt: 1, at: 1 } });
    store.update(wide, state);
    expect(told).toEqual([["c0-r3"]]);

    // Completing c0-r3 makes the one dependent whose dependencies are all done ready to run.
    state = reduce(state, { type: PHASE_START, payload: { name: "c0-r4", attempt: 1, at: 1 } });
    state = reduce(state, { type: PHASE_COMPLETE, payload: { name: "c0-r3", at: 2 } });
    state = reduce(state, { type: PHASE_COMPLETE, payload: { name: "c0-r4", at: 2 } });
    told.length = 0;
    store.update(wide, state);
    expect(new Set(told.flat())).toEqual(new Set(["c0-r3", "c0-r4", "c1-r3"]));
    expect(store.get("c1-r3").waiting).toBe(true);

    // The same state again changes nothing and tells no one.
    told.length = 0;
    store.update(wide, state);
    expect(told).toEqual([]);
  });

  it("end up where a store built from scratch does, step after step", () => {
    const wide = wideGraph(6, 5);
    const reduce = createPipelineReducer(wide);
    let state = reduce(undefined, { type: INIT, payload: undefined });
    const incremental = new PhaseViewStore();
    const steps: [string, Record<string, unknown>][] = [[PIPELINE_START, { at: 0 }]];
    let at = 1;
    for (const phase of wide.phases) {
      steps.push([PHASE_START, { name: phase.name, attempt: 1, at: at++ }]);
      // One phase fails: everything downstream of it is blocked, then the run ends.
      if (phase.name === "c2-r1") {
        steps.push([PHASE_FAILED, { name: phase.name, at: at++, error: "boom" }]);
        break;
      }
      steps.push([PHASE_COMPLETE, { name: phase.name, at: at++ }]);
    }
    steps.push([PIPELINE_FAILED, { at: at++, error: "c2-r1 failed" }]);
    for (const [type, payload] of steps) {
      state = reduce(state, { type, payload });
      incremental.update(wide, state);
      const fresh = new PhaseViewStore();
      fresh.update(wide, state);
      for (const phase of wide.phases) {
        expect(incremental.get(phase.name), `${phase.name} after ${type}`).toEqual(
          fresh.get(phase.name),
        );
      }
    }
    expect(incremental.get("c3-r1").blockedBy).toBe("c2-r1");
    expect(incremental.get("c5-r0").label).toBe("Not run");
  });
});
