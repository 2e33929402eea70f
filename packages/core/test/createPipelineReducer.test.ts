import { describe, expect, it } from "vitest";
import {
  action,
  createPipelineReducer,
  INIT,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
  PHASE_SKIPPED,
  PHASE_START,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
  toTimeline,
} from "../src/index";

const graph: PipelineGraph = {
  name: "g",
  phases: [
    { name: "a", dependsOn: [], parallel: false, weight: 1, description: "" },
    { name: "b", dependsOn: ["a"], parallel: true, weight: 3, description: "", maxLogLines: 2 },
    { name: "c", dependsOn: ["a"], parallel: true, weight: 0, description: "" },
  ],
};

function reduce(actions: { type: string; payload: unknown }[]): PipelineState {
  const reducer = createPipelineReducer(graph);
  return actions.reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
}

describe("createPipelineReducer", () => {
  it("starts pending with every phase pending", () => {
    const state = reduce([]);
    expect(state).toMatchObject({ name: "g", status: "pending", progress: 0, currentPhase: "" });
    expect(state.phases.map((p) => p.status)).toEqual(["pending", "pending", "pending"]);
  });

  it("reads time only from the actions and sets elapsed on every terminal transition", () => {
    const state = reduce([
      action(PIPELINE_START, { at: 1000 }),
      action(PHASE_START, { name: "a", attempt: 1, at: 1010 }),
      action(PHASE_COMPLETE, { name: "a", at: 1050 }),
      action(PHASE_START, { name: "b", attempt: 1, at: 1060 }),
      action(PHASE_FAILED, { name: "b", error: "bad", at: 1100 }),
      action(PIPELINE_COMPLETE, { at: 1200 }),
    ]);
    expect(phaseStatus(state, "a")).toMatchObject({
      status: "completed",
      startedAt: 1010,
      elapsed: 40,
    });
    expect(phaseStatus(state, "b")).toMatchObject({ status: "failed", elapsed: 40, error: "bad" });
    // A failed pipeline never becomes completed, even on PIPELINE_COMPLETE.
    expect(state).toMatchObject({
      status: "failed",
      elapsed: 200,
      failedPhase: "b",
      error: 'Phase "b" failed: bad',
    });
  });

  it("weighs progress by phase weight, counting skipped phases, never going down", () => {
    const steps = [
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "a", attempt: 1, at: 0 }),
      action(PHASE_COMPLETE, { name: "a", at: 1 }),
      action(PHASE_START, { name: "b", attempt: 1, at: 1 }),
      action(PHASE_SKIPPED, { name: "b", error: "meh", at: 2 }),
      action(PHASE_COMPLETE, { name: "b", at: 3 }), // a stray repeat must not count twice
    ];
    const progress: number[] = [];
    const reducer = createPipelineReducer(graph);
    let state = reducer(undefined, { type: INIT, payload: undefined });
    for (const step of steps) {
      state = reducer(state, step);
      progress.push(state.progress);
    }
    expect(progress).toEqual([0, 0, 0.25, 0.25, 1, 1]);
  });

  it("gives an empty pipeline progress 1", () => {
    const reducer = createPipelineReducer({ name: "empty", phases: [] });
    expect(reducer(undefined, { type: INIT, payload: undefined }).progress).toBe(1);
  });

  it("tracks the most recently started phase that is still running", () => {
    const seen: string[] = [];
    const reducer = createPipelineReducer(graph);
    let state = reducer(undefined, { type: INIT, payload: undefined });
    for (const step of [
      action(PHASE_START, { name: "a", attempt: 1, at: 0 }),
      action(PHASE_START, { name: "b", attempt: 1, at: 1 }),
      action(PHASE_START, { name: "c", attempt: 1, at: 2 }),
      action(PHASE_COMPLETE, { name: "c", at: 3 }),
      action(PHASE_COMPLETE, { name: "a", at: 4 }),
      action(PHASE_COMPLETE, { name: "b", at: 5 }),
    ]) {
      state = reducer(state, step);
      seen.push(state.currentPhase);
    }
    expect(seen).toEqual(["a", "b", "c", "b", "b", ""]);
  });

  it("records retries: the retrying status, attempts, and a new attempt clears the old error", () => {
    let state = reduce([
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "a", attempt: 1, at: 0 }),
      action(PHASE_RETRY, { name: "a", attempt: 1, error: "flaky", delayMs: 100, at: 10 }),
    ]);
    expect(phaseStatus(state, "a")).toMatchObject({
      status: "retrying",
      error: "flaky",
      attempt: 1,
    });
    const reducer = createPipelineReducer(graph);
    state = reducer(state, action(PHASE_START, { name: "a", attempt: 2, at: 110 }));
    expect(phaseStatus(state, "a")).toMatchObject({ status: "running", error: null, attempt: 2 });
    state = reducer(state, action(PHASE_COMPLETE, { name: "a", at: 120 }));
    expect(phaseStatus(state, "a")?.attempts).toEqual([
      { attempt: 1, startedAt: 0, endedAt: 10, error: "flaky", outcome: "retrying" },
      { attempt: 2, startedAt: 110, endedAt: 120, error: null, outcome: "completed" },
    ]);
  });

  it("keeps the last lines of a phase's log and counts them all", () => {
    const state = reduce(
      ["one", "two", "three"].map((line, at) =>
        action(PHASE_LOG, { name: "b", line, stream: "stdout", at }),
      ),
    );
    expect(phaseStatus(state, "b")?.logs.map((log) => log.line)).toEqual(["two", "three"]);
    expect(phaseStatus(state, "b")?.logCount).toBe(3);
  });

  it("ends active phases as cancelled when the run is cancelled or fails", () => {
    const started = [
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "a", attempt: 1, at: 0 }),
      action(PHASE_COMPLETE, { name: "a", at: 5 }),
      action(PHASE_START, { name: "b", attempt: 1, at: 5 }),
      action(PHASE_START, { name: "c", attempt: 1, at: 5 }),
      action(PHASE_CANCELLED, { name: "c", at: 8 }),
    ];
    const cancelled = reduce([...started, action(PIPELINE_CANCELLED, { at: 10 })]);
    expect(cancelled.status).toBe("cancelled");
    expect(phaseStatus(cancelled, "b")).toMatchObject({ status: "cancelled", elapsed: 5 });
    expect(phaseStatus(cancelled, "c")).toMatchObject({ status: "cancelled", elapsed: 3 });
    expect(cancelled.currentPhase).toBe("");

    const interrupted = reduce([
      ...started,
      action(PIPELINE_FAILED, { at: 20, error: "interrupted" }),
      action(PIPELINE_COMPLETE, { at: 30 }),
    ]);
    expect(interrupted).toMatchObject({ status: "failed", error: "interrupted", elapsed: 20 });
  });

  it("is pure: reducing never changes the previous state", () => {
    const reducer = createPipelineReducer(graph);
    const before = reducer(undefined, { type: INIT, payload: undefined });
    const snapshot = JSON.stringify(before);
    reducer(before, action(PHASE_START, { name: "a", attempt: 1, at: 1 }));
    expect(JSON.stringify(before)).toBe(snapshot);
  });

  it("ignores unknown actions and phases", () => {
    const state = reduce([]);
    const reducer = createPipelineReducer(graph);
    expect(reducer(state, { type: "other", payload: {} })).toBe(state);
    expect(reducer(state, action(PHASE_START, { name: "zz", attempt: 1, at: 0 }))).toBe(state);
  });

  it("serializes phases as an array in pipeline order and summarizes with toTimeline", () => {
    const state = reduce([
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "a", attempt: 1, at: 0 }),
      action(PHASE_LOG, { name: "a", line: "hi", stream: "stderr", at: 1 }),
      action(PHASE_COMPLETE, { name: "a", at: 2 }),
    ]);
    const json = JSON.parse(JSON.stringify(state));
    expect(json.phases.map((phase: { name: string }) => phase.name)).toEqual(["a", "b", "c"]);
    expect(json).toEqual(state);
    expect(toTimeline(state)).toEqual({
      pipeline: "g",
      status: "running",
      elapsed: 0,
      progress: 0.25,
      phases: [
        { name: "a", status: "completed", elapsed: 2, attempt: 1, error: null, logCount: 1 },
        { name: "b", status: "pending", elapsed: 0, attempt: 0, error: null, logCount: 0 },
        { name: "c", status: "pending", elapsed: 0, attempt: 0, error: null, logCount: 0 },
      ],
    });
  });

  it("validates the graph it is built from", () => {
    expect(() =>
      createPipelineReducer({
        name: "bad",
        phases: [{ name: "a", dependsOn: ["nope"], parallel: false, weight: 1, description: "" }],
      }),
    ).toThrow(/depends on "nope"/);
  });
});
