import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AnyAction,
  action,
  INIT,
  PHASE_COMPLETE,
  PHASE_LOG,
  PHASE_START,
  Phase,
  PIPELINE_START,
  Pipeline,
  type PipelineState,
  phaseStatus,
  runPipeline,
  toTimeline,
} from "../src/index";
import { buildRandomPipeline, randomDag } from "./randomPipelines";

// A state is plain data: whatever copy of it the reducer is handed (parsed JSON, a structured
// clone, a spread), it continues from there exactly as from the original.

const copies: Record<string, (state: PipelineState) => PipelineState> = {
  JSON: (state) => JSON.parse(JSON.stringify(state)),
  structuredClone: (state) => structuredClone(state),
  spread: (state) => ({ ...state }),
};

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs a pipeline under fake time, cancelling it at `cancelAt` if given; returns its actions. */
async function recordRun(
  pipeline: Pipeline,
  options: { concurrency?: number; failFast: boolean; cancelAt?: number },
): Promise<{ actions: AnyAction[]; final: PipelineState }> {
  const actions: AnyAction[] = [];
  const { store, task, done } = runPipeline(pipeline, {
    concurrency: options.concurrency,
    failFast: options.failFast,
    onAction: (_state, dispatched) => actions.push(dispatched),
  });
  if (options.cancelAt !== undefined) setTimeout(() => task.cancel(), options.cancelAt);
  await vi.runAllTimersAsync();
  await done;
  return { actions, final: store.getState() };
}

describe("run state round trip", () => {
  it("continues from a copy cut at any point exactly as the uninterrupted replay", async () => {
    await fc.assert(
      fc.asyncProperty(
        randomDag({ allowFailures: true, allParallel: false }),
        fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 150 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        async (specs, concurrency, failFast, cancelAt, cutAt) => {
          const pipeline = buildRandomPipeline(specs);
          const { actions, final } = await recordRun(pipeline, { concurrency, failFast, cancelAt });
          const reducer = pipeline.buildReducer();
          const initial = reducer(undefined, { type: INIT, payload: undefined });
          const replayed: PipelineState[] = [];
          let state = initial;
          for (const dispatched of actions) {
            state = reducer(state, dispatched);
            replayed.push(state);
          }
          expect(state).toEqual(final);
          const cut = Math.min(actions.length, Math.floor(cutAt * (actions.length + 1)));
          const head = cut === 0 ? initial : replayed[cut - 1]!;
          for (const [how, copy] of Object.entries(copies)) {
            let continued = copy(head);
            expect(continued, how).toEqual(head);
            for (let index = cut; index < actions.length; index++) {
              continued = reducer(continued, actions[index]!);
              expect(continued, `${how}, action ${index}`).toEqual(replayed[index]);
            }
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("gives plain arrays to JSON, structuredClone, spreading and toEqual", () => {
    const pipeline = new Pipeline(
      "p",
      new Phase("a", { handler: () => 1 }),
      new Phase("b", { handler: () => 2, parallel: true }),
      new Phase("c", { handler: () => 3, parallel: true }),
    );
    const reducer = pipeline.buildReducer();
    const state = [
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "b", attempt: 1, at: 1 }),
      action(PHASE_START, { name: "c", attempt: 1, at: 2 }),
    ].reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
    expect(Array.isArray(state.phases)).toBe(true);
    expect(Object.isFrozen(state.phases)).toBe(true);
    // Built once per state object, then the same array.
    expect(state.phases).toBe(state.phases);
    expect(state.running).toBe(state.running);
    expect(state.running).toEqual(["b", "c"]);
    expect(state.currentPhase).toBe("c");
    const json = JSON.parse(JSON.stringify(state));
    expect(Object.keys(json)).toEqual(Object.keys(state));
    expect(json.running).toEqual(["b", "c"]);
    expect(structuredClone(state).phases.map((phase) => phase.status)).toEqual([
      "pending",
      "running",
      "running",
    ]);
    expect({ ...state }).toEqual(state);
    // The current phase after a round trip: c ends, so b is current again.
    const after = reducer(json, action(PHASE_COMPLETE, { name: "c", at: 3 }));
    expect(after.currentPhase).toBe("b");
    expect(after.running).toEqual(["b"]);
  });

  it("keeps phases named like numbers, prototype keys and emoji in declaration order", async () => {
    const names = ["10", "2", "__proto__", "1", "constructor", "🚀 launch", "toString"];
    const pipeline = new Pipeline(
      "odd names",
      ...names.map(
        (name, index) =>
          new Phase(name, {
            dependsOn: index === 0 ? [] : [names[index - 1]!],
            handler: (ctx) => {
              ctx.log(`in ${name}`);
              return name;
            },
          }),
      ),
    );
    const actions: AnyAction[] = [];
    const { done } = runPipeline(pipeline, { onAction: (_s, a) => actions.push(a) });
    await vi.runAllTimersAsync();
    const state = await done;
    expect(state.status).toBe("completed");
    expect(state.phases.map((phase) => phase.name)).toEqual(names);
    for (const name of names) {
      expect(phaseStatus(state, name)).toMatchObject({ name, status: "completed", logCount: 1 });
    }
    expect(phaseStatus(state, "hasOwnProperty")).toBeUndefined();
    const json: PipelineState = JSON.parse(JSON.stringify(state));
    expect(json.phases.map((phase) => phase.name)).toEqual(names);
    expect(phaseStatus(json, "__proto__")?.status).toBe("completed");
    expect(toTimeline(json).phases.map((phase) => phase.name)).toEqual(names);
    // Half way through, through JSON, then the rest: the same end, still in order.
    const reducer = pipeline.buildReducer();
    const half = Math.floor(actions.length / 2);
    let continued: PipelineState = JSON.parse(
      JSON.stringify(actions.slice(0, half).reduce(reducer, reducer(undefined, actions[0]!))),
    );
    for (const dispatched of actions.slice(half)) continued = reducer(continued, dispatched);
    expect(continued).toEqual(state);
    expect(continued.phases.map((phase) => phase.name)).toEqual(names);
  });

  it("continues from a state saved in the older form, phases as a record by name", () => {
    const pipeline = new Pipeline(
      "old",
      new Phase("2", { handler: () => 1 }),
      new Phase("1", { handler: () => 1 }),
    );
    const reducer = pipeline.buildReducer();
    const state = [
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "2", attempt: 1, at: 0 }),
      action(PHASE_LOG, { name: "2", line: "x", stream: "stdout", at: 1 }),
    ].reduce(reducer, reducer(undefined, { type: INIT, payload: undefined }));
    const { running: _running, phases, ...rest } = JSON.parse(JSON.stringify(state));
    const old = {
      ...rest,
      phases: Object.fromEntries(phases.map((phase: { name: string }) => [phase.name, phase])),
    } as unknown as PipelineState;
    const next = reducer(old, action(PHASE_COMPLETE, { name: "2", at: 2 }));
    expect(next.phases.map((phase) => [phase.name, phase.status])).toEqual([
      ["2", "completed"],
      ["1", "pending"],
    ]);
  });
});
