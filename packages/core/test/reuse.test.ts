import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  action,
  createPipelineReducer,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_REUSED,
  PHASE_START,
  Phase,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  Pipeline,
  type PipelineState,
  phaseStatus,
  type ReusedResult,
} from "../src/index";
import { runWithFakeTime, sleep } from "./helpers";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const graph = {
  name: "g",
  phases: [
    { name: "a", dependsOn: [], parallel: false, weight: 1, description: "" },
    { name: "b", dependsOn: ["a"], parallel: false, weight: 3, description: "" },
  ],
};

describe("@@PHASE_REUSED in the reducer", () => {
  it("marks a pending phase completed with reusedFrom and counts its weight as done", () => {
    const reducer = createPipelineReducer(graph);
    let state: PipelineState = reducer(undefined, { type: "@@INIT", payload: undefined });
    state = reducer(state, action(PIPELINE_START, { at: 5 }));
    state = reducer(state, action(PHASE_REUSED, { name: "a", fromRun: "run-1", at: 6 }));
    expect(phaseStatus(state, "a")).toMatchObject({
      status: "completed",
      reusedFrom: "run-1",
      attempts: [],
      attempt: 0,
      elapsed: 0,
      endedAt: 6,
    });
    expect(state.progress).toBe(0.25);
    // A copy of the state rebuilds the same done weight.
    const copy = reducer(
      JSON.parse(JSON.stringify(state)),
      action(PHASE_START, { name: "b", attempt: 1, at: 7 }),
    );
    const done = reducer(copy, action(PHASE_COMPLETE, { name: "b", at: 8 }));
    expect(done.progress).toBe(1);
  });

  it("ignores a reuse of a phase that already started or does not exist", () => {
    const reducer = createPipelineReducer(graph);
    let state: PipelineState = reducer(undefined, action(PIPELINE_START, { at: 0 }));
    state = reducer(state, action(PHASE_START, { name: "a", attempt: 1, at: 1 }));
    const after = reducer(state, action(PHASE_REUSED, { name: "a", fromRun: "x", at: 2 }));
    expect(after).toBe(state);
    expect(reducer(state, action(PHASE_REUSED, { name: "zz", fromRun: "x", at: 2 }))).toBe(state);
  });
});

describe("reuse in the saga", () => {
  it("records reused phases instead of calling them and hands their values to dependents", async () => {
    const called: string[] = [];
    const seen: Record<string, unknown>[] = [];
    const pipeline = new Pipeline(
      "p",
      new Phase("fetch", {
        handler: () => {
          called.push("fetch");
          return "fresh";
        },
      }),
      new Phase("parse", {
        dependsOn: ["fetch"],
        handler: () => {
          called.push("parse");
          return { tree: 1 };
        },
      }),
      new Phase("render", {
        dependsOn: ["parse", "fetch"],
        handler: async (ctx) => {
          called.push("render");
          seen.push(ctx.results);
          await sleep(10);
          return "html";
        },
      }),
    );
    const reuse = new Map<string, ReusedResult>([
      ["fetch", { value: "kept", fromRun: "old" }],
      ["parse", { value: { tree: 42 }, fromRun: "old" }],
    ]);
    const { actions, result, store } = await runWithFakeTime(pipeline, { reuse });
    expect(called).toEqual(["render"]);
    expect(seen).toEqual([{ parse: { tree: 42 }, fetch: "kept" }]);
    expect(actions).toEqual([
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_REUSED, { name: "fetch", fromRun: "old", at: 0 }),
      action(PHASE_REUSED, { name: "parse", fromRun: "old", at: 0 }),
      action(PHASE_START, { name: "render", attempt: 1, at: 0 }),
      action(PHASE_COMPLETE, { name: "render", at: 10 }),
      action(PIPELINE_COMPLETE, { at: 10 }),
    ]);
    expect(result).toEqual({
      status: "completed",
      results: { fetch: "kept", parse: { tree: 42 }, render: "html" },
    });
    expect(phaseStatus(store.getState(), "parse")?.reusedFrom).toBe("old");
    expect(phaseStatus(store.getState(), "render")?.reusedFrom).toBeUndefined();
  });

  it("reuses a phase downstream of one that runs once that one is done", async () => {
    const called: string[] = [];
    const pipeline = new Pipeline(
      "p",
      new Phase("a", { handler: () => called.push("a") }),
      new Phase("b", { dependsOn: ["a"], handler: () => called.push("b") }),
    );
    const reuse = new Map([["b", { value: 7, fromRun: "r" }]]);
    const { actions } = await runWithFakeTime(pipeline, { reuse });
    expect(called).toEqual(["a"]);
    expect(actions.map((a) => a.type)).toEqual([
      PIPELINE_START,
      PHASE_START,
      PHASE_COMPLETE,
      PHASE_REUSED,
      PIPELINE_COMPLETE,
    ]);
  });

  it("reuses nothing after a failure stopped the run", async () => {
    const pipeline = new Pipeline(
      "p",
      new Phase("bad", {
        handler: () => {
          throw new Error("no");
        },
      }),
      new Phase("after", { dependsOn: ["bad"], handler: () => 1 }),
      new Phase("alone", { handler: () => 2 }),
    );
    const reuse = new Map([["after", { value: 1, fromRun: "r" }]]);
    const { actions } = await runWithFakeTime(pipeline, { reuse });
    expect(actions.filter((a) => a.type === PHASE_REUSED)).toEqual([]);
    expect(actions.some((a) => a.type === PHASE_FAILED)).toBe(true);
  });
});
