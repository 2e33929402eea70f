import type { RecordedAction } from "@milo/contract";
import {
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
  phaseStatus,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import { eventSourceRecorder, manualFrames, manualTimers } from "../../test/FakeEventSource";
import { createRunStream } from "../createRunStream";
import recorded from "./fixtures/flakyRun.json";

// A real run of the "flaky" example, as the worker recorded and served it: a retry, a skipped
// phase, logs. To record again: start a run, then save GET /api/runs/:id and /actions.
const graph = recorded.graph as unknown as PipelineGraph;
const actions = recorded.actions as RecordedAction[];
const workerState = recorded.state as unknown as PipelineState;

function setup(start?: { state: PipelineState; seq: number }, runGraph = graph) {
  const sources = eventSourceRecorder();
  const frames = manualFrames();
  const timers = manualTimers();
  const stream = createRunStream({
    runId: "run-1",
    graph: runGraph,
    start,
    createEventSource: sources.create,
    frames,
    timers,
  });
  let notified = 0;
  stream.subscribe(() => {
    notified++;
  });
  stream.start();
  return { stream, sources, frames, timers, notified: () => notified };
}

function reduceAll(list: readonly RecordedAction[], runGraph = graph): PipelineState {
  const reduce = createPipelineReducer(runGraph);
  return list.reduce(
    (state, action) => reduce(state, action),
    reduce(undefined, { type: INIT, payload: undefined }),
  );
}

const json = (state: PipelineState) => JSON.parse(JSON.stringify(state)) as PipelineState;

describe("createRunStream", () => {
  it("rebuilds the worker's state from the recorded actions", () => {
    const { stream, sources, frames } = setup();
    const source = sources.latest();
    expect(source.url).toBe("/api/runs/run-1/events");
    source.open();
    source.sendActions(actions);
    source.sendEnd("completed");
    frames.flush();

    const snapshot = stream.getSnapshot();
    expect(snapshot.lastSeq).toBe(actions.length);
    expect(snapshot.connection).toBe("ended");
    expect(snapshot.endStatus).toBe("completed");
    expect(json(snapshot.state)).toEqual(json(reduceAll(actions)));
    // The same reducer as the worker's, so the same state the worker reported for this run.
    const state = json(snapshot.state);
    expect(state.status).toBe(workerState.status);
    expect(state.progress).toBe(workerState.progress);
    expect(state.phases).toEqual(workerState.phases);
    expect(phaseStatus(state, "lint")?.status).toBe("skipped");
    expect(phaseStatus(state, "fetch-deps")?.attempts).toHaveLength(3);
  });

  it("starts from the run detail's state and asks only for the actions after its seq", () => {
    // What GET /api/runs/:id answers for a run still going: its state as JSON, and its seq.
    const { stream, sources, frames } = setup({
      state: json(reduceAll(actions.slice(0, 20))),
      seq: 20,
    });
    expect(stream.getSnapshot().lastSeq).toBe(20);
    expect(stream.getSnapshot().state.status).toBe("running");
    const source = sources.latest();
    expect(source.url).toBe("/api/runs/run-1/events?after=20");
    source.open();
    source.sendActions(actions.slice(20));
    source.sendEnd("completed");
    frames.flush();
    expect(stream.getSnapshot().lastSeq).toBe(actions.length);
    expect(json(stream.getSnapshot().state)).toEqual(json(reduceAll(actions)));
  });

  it("shows a finished run's state at once, replaying nothing", () => {
    const final = json(reduceAll(actions));
    const { stream, sources } = setup({ state: final, seq: actions.length });
    expect(stream.getSnapshot().state).toBe(final);
    const source = sources.latest();
    expect(source.url).toBe(`/api/runs/run-1/events?after=${actions.length}`);
    source.open();
    source.sendEnd("completed");
    expect(stream.getSnapshot()).toMatchObject({ connection: "ended", endStatus: "completed" });
    expect(stream.getSnapshot().state).toBe(final);
  });

  it("keeps phases in declaration order, whatever their names", () => {
    const names = ["1", "10", "2", "__proto__", "constructor", "🚀"];
    const oddGraph: PipelineGraph = {
      name: "odd",
      phases: names.map((name) => ({
        name,
        dependsOn: [],
        parallel: true,
        weight: 1,
        description: "",
      })),
    };
    const at = 1_700_000_000_000;
    const oddActions: RecordedAction[] = [
      { type: PIPELINE_START, payload: { at } },
      ...names.map((name) => ({ type: PHASE_START, payload: { name, attempt: 1, at } })),
      ...names.map((name) => ({ type: PHASE_COMPLETE, payload: { name, at: at + 5 } })),
      { type: PIPELINE_COMPLETE, payload: { at: at + 5 } },
    ].map((action, index) => ({ seq: index + 1, ...action }));
    // Half the run as the worker's JSON, the rest through the stream.
    const half = 1 + names.length;
    const { stream, sources, frames } = setup(
      { state: json(reduceAll(oddActions.slice(0, half), oddGraph)), seq: half },
      oddGraph,
    );
    expect(stream.getSnapshot().state.phases.map((phase) => phase.name)).toEqual(names);
    sources.latest().sendActions(oddActions.slice(half));
    frames.flush();
    const state = stream.getSnapshot().state;
    expect(state.status).toBe("completed");
    expect(state.phases.map((phase) => phase.name)).toEqual(names);
    expect(state.phases.every((phase) => phase.status === "completed")).toBe(true);
    expect(phaseStatus(state, "__proto__")?.status).toBe("completed");
    expect(json(state).phases.map((phase) => phase.name)).toEqual(names);
  });

  it("tells listeners once per animation frame, however many actions arrived", () => {
    const { stream, sources, frames, notified } = setup();
    const source = sources.latest();
    source.open();
    const afterOpen = notified();
    source.sendActions(actions.slice(0, 20));
    expect(notified()).toBe(afterOpen);
    // Reduced already (nothing piles up), published on the frame.
    expect(frames.pending).toBe(1);
    frames.flush();
    expect(notified()).toBe(afterOpen + 1);
    expect(stream.getSnapshot().lastSeq).toBe(20);
    source.sendActions(actions.slice(20, 25));
    frames.flush();
    expect(notified()).toBe(afterOpen + 2);
    expect(stream.getSnapshot().lastSeq).toBe(25);
  });

  it("ignores actions seen before when a reconnect replays them", () => {
    const { stream, sources, frames } = setup();
    const source = sources.latest();
    source.open();
    source.sendActions(actions.slice(0, 12));
    frames.flush();

    source.drop();
    expect(stream.getSnapshot().connection).toBe("reconnecting");
    expect(stream.getSnapshot().problem).toMatch(/reconnecting/);
    // The browser reconnects with Last-Event-ID: 12; a server may still resend a few.
    source.open();
    source.sendActions(actions.slice(8));
    source.sendEnd("completed");
    frames.flush();

    const snapshot = stream.getSnapshot();
    expect(sources.sources).toHaveLength(1);
    expect(snapshot.connection).toBe("ended");
    expect(json(snapshot.state)).toEqual(json(reduceAll(actions)));
    expect(json(snapshot.state).phases).toEqual(workerState.phases);
  });

  it("opens a new stream after the last action when the browser gives up", () => {
    const { stream, sources, frames, timers } = setup();
    const first = sources.latest();
    first.open();
    first.sendActions(actions.slice(0, 10));
    first.fail();
    expect(first.closed).toBe(true);
    expect(stream.getSnapshot().connection).toBe("reconnecting");
    expect(timers.delays).toEqual([1000]);

    timers.runAll();
    const second = sources.latest();
    expect(second).not.toBe(first);
    expect(second.url).toBe("/api/runs/run-1/events?after=10");
    second.open();
    expect(stream.getSnapshot().connection).toBe("open");
    second.sendActions(actions.slice(10));
    frames.flush();
    expect(json(stream.getSnapshot().state)).toEqual(json(reduceAll(actions)));
  });

  it("backs off while the worker stays away", () => {
    const { sources, timers } = setup();
    sources.latest().fail();
    timers.runAll();
    sources.latest().fail();
    timers.runAll();
    sources.latest().fail();
    expect(timers.delays).toEqual([1000, 2000, 4000]);
  });

  it("asks again from the last action when one goes missing", () => {
    const { stream, sources, frames } = setup();
    const first = sources.latest();
    first.open();
    first.sendActions(actions.slice(0, 5));
    first.sendActions([actions[6]!]);
    expect(first.closed).toBe(true);
    const second = sources.latest();
    expect(second.url).toBe("/api/runs/run-1/events?after=5");
    second.sendActions(actions.slice(5));
    frames.flush();
    expect(stream.getSnapshot().lastSeq).toBe(actions.length);
    expect(json(stream.getSnapshot().state)).toEqual(json(reduceAll(actions)));
  });

  it("reports an unreadable event and keeps the state it had", () => {
    const { stream, sources, frames } = setup();
    const source = sources.latest();
    source.sendActions(actions.slice(0, 3));
    source.emit("action", "{not json", "4");
    frames.flush();
    expect(stream.getSnapshot().lastSeq).toBe(3);
    expect(stream.getSnapshot().problem).toMatch(/cannot read/);
  });

  it("stops for good once the run has ended, and when stopped", () => {
    const { stream, sources, timers } = setup();
    const source = sources.latest();
    source.sendActions(actions);
    source.sendEnd("completed");
    expect(source.closed).toBe(true);
    expect(timers.delays).toEqual([]);
    stream.stop();
    stream.start();
    expect(sources.sources).toHaveLength(1);
  });
});
