import {
  createPipelineReducer,
  INIT,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import { blockedBy } from "../blockedBy";

function graphOf(...phases: [string, ...string[]][]): PipelineGraph {
  return {
    name: "release",
    phases: phases.map(([name, ...dependsOn]) => ({
      name,
      dependsOn,
      parallel: false,
      weight: 1,
      description: "",
    })),
  };
}

/** Runs actions through the core's reducer: the same state the dashboard builds. */
function stateAfter(graph: PipelineGraph, actions: [string, Record<string, unknown>][]) {
  const reduce = createPipelineReducer(graph);
  let state: PipelineState = reduce(undefined, { type: INIT, payload: undefined });
  for (const [type, payload] of actions) state = reduce(state, { type, payload });
  return state;
}

const diamond = graphOf(
  ["fetch"],
  ["build", "fetch"],
  ["docs", "fetch"],
  ["test", "build"],
  ["publish", "test", "docs"],
);

describe("blockedBy", () => {
  it("marks nothing while nothing has failed", () => {
    const state = stateAfter(diamond, [
      [PIPELINE_START, { at: 0 }],
      [PHASE_START, { name: "fetch", attempt: 1, at: 1 }],
    ]);
    expect(blockedBy(diamond, state)).toEqual(new Map());
  });

  it("marks every pending phase downstream of a failure, and only those", () => {
    const state = stateAfter(diamond, [
      [PIPELINE_START, { at: 0 }],
      [PHASE_START, { name: "fetch", attempt: 1, at: 1 }],
      [PHASE_COMPLETE, { name: "fetch", at: 2 }],
      [PHASE_START, { name: "build", attempt: 1, at: 3 }],
      [PHASE_START, { name: "docs", attempt: 1, at: 3 }],
      [PHASE_FAILED, { name: "build", error: "exit 1", at: 4 }],
      [PHASE_COMPLETE, { name: "docs", at: 5 }],
      [PIPELINE_COMPLETE, { at: 6 }],
    ]);
    expect(state.failedPhase).toBe("build");
    expect(blockedBy(diamond, state)).toEqual(
      new Map([
        ["test", "build"],
        ["publish", "build"],
      ]),
    );
  });

  it("names the run's first failure when several blockers are upstream", () => {
    const graph = graphOf(["a"], ["b"], ["c"], ["join", "a", "b", "c"]);
    const state = stateAfter(graph, [
      [PIPELINE_START, { at: 0 }],
      [PHASE_START, { name: "a", attempt: 1, at: 1 }],
      [PHASE_START, { name: "b", attempt: 1, at: 1 }],
      [PHASE_START, { name: "c", attempt: 1, at: 1 }],
      [PHASE_FAILED, { name: "c", error: "first", at: 2 }],
      [PHASE_FAILED, { name: "a", error: "second", at: 3 }],
      [PHASE_CANCELLED, { name: "b", at: 4 }],
    ]);
    expect(blockedBy(graph, state).get("join")).toBe("c");
  });

  it("treats cancelled phases as blockers and running or skipped ones as not", () => {
    const graph = graphOf(["a"], ["b"], ["after-a", "a"], ["after-b", "b"]);
    const state = stateAfter(graph, [
      [PIPELINE_START, { at: 0 }],
      [PHASE_START, { name: "a", attempt: 1, at: 1 }],
      [PHASE_START, { name: "b", attempt: 1, at: 1 }],
      [PHASE_SKIPPED, { name: "b", error: "flaky", at: 2 }],
      [PIPELINE_CANCELLED, { at: 3, reason: "stopped by user" }],
    ]);
    expect(phaseStatus(state, "a")?.status).toBe("cancelled");
    expect(blockedBy(graph, state)).toEqual(new Map([["after-a", "a"]]));
  });

  it("handles a chain of 5,000 phases without overflowing the stack", () => {
    const chain = graphOf(
      ["p0"],
      ...Array.from({ length: 4999 }, (_, i): [string, string] => [`p${i + 1}`, `p${i}`]),
    );
    const state = stateAfter(chain, [
      [PIPELINE_START, { at: 0 }],
      [PHASE_START, { name: "p0", attempt: 1, at: 1 }],
      [PHASE_FAILED, { name: "p0", error: "boom", at: 2 }],
    ]);
    const blocked = blockedBy(chain, state);
    expect(blocked.size).toBe(4999);
    expect(blocked.get("p4999")).toBe("p0");
  });
});
