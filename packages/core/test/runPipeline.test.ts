import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AnyAction,
  type Clock,
  isFinished,
  PHASE_COMPLETE,
  Phase,
  PIPELINE_CANCELLED,
  PIPELINE_FAILED,
  PIPELINE_START,
  PIPELINE_STATUSES,
  Pipeline,
  runPipeline,
} from "../src/index";
import { sleep } from "./helpers";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const pipeline = new Pipeline(
  "two",
  new Phase("a", { handler: () => sleep(10).then(() => "a") }),
  new Phase("b", { dependsOn: ["a"], handler: () => sleep(10).then(() => "b") }),
);

describe("runPipeline", () => {
  it("hands every action to onAction from the first, and resolves done with the final state", async () => {
    const actual: AnyAction[] = [];
    const { store, task, done } = runPipeline(pipeline, {
      onAction: (_state, dispatched) => actual.push(dispatched),
    });
    expect(actual[0]?.type).toBe(PIPELINE_START);
    await vi.runAllTimersAsync();
    const state = await done;
    expect(state).toBe(store.getState());
    expect(state.status).toBe("completed");
    expect(await task.toPromise()).toMatchObject({ status: "completed", results: { b: "b" } });
    expect(actual).toHaveLength(6);
  });

  it("ends a run whose saga crashed with @@PIPELINE_FAILED and a readable message", async () => {
    let armed = false;
    // A clock that breaks once, inside the saga itself (not in a phase's handler).
    const clock: Clock = {
      now: () => {
        if (armed) {
          armed = false;
          throw new Error("clock broke");
        }
        return Date.now();
      },
    };
    const crashes: unknown[] = [];
    const actual: AnyAction[] = [];
    const { done } = runPipeline(pipeline, {
      clock,
      onCrash: (error) => crashes.push(error),
      onAction: (_state, dispatched) => {
        actual.push(dispatched);
        if (dispatched.type === PHASE_COMPLETE && actual.length > 3) armed = true;
      },
    });
    await vi.runAllTimersAsync();
    const state = await done;
    expect(state.status).toBe("failed");
    expect(state.error).toBe("internal error: clock broke");
    expect(actual.at(-1)).toEqual({
      type: PIPELINE_FAILED,
      payload: { at: 20, error: "internal error: clock broke" },
    });
    expect(crashes).toEqual([new Error("clock broke")]);
  });

  it("a cancelled run resolves done with the cancelled state", async () => {
    const { task, done } = runPipeline(pipeline);
    setTimeout(() => task.cancel(), 5);
    await vi.runAllTimersAsync();
    const state = await done;
    expect(state.status).toBe("cancelled");
    expect(isFinished(state.status)).toBe(true);
  });

  it("rejects bad options before anything runs", () => {
    const actual: AnyAction[] = [];
    expect(() =>
      runPipeline(pipeline, { concurrency: 0, onAction: (_s, a) => actual.push(a) }),
    ).toThrow(/concurrency must be a whole number/);
    expect(actual).toEqual([]);
  });

  it("lists the statuses and tells which are finished", () => {
    expect(PIPELINE_STATUSES.filter(isFinished)).toEqual(["completed", "failed", "cancelled"]);
    expect(PIPELINE_CANCELLED).toBe("@@PIPELINE_CANCELLED");
  });
});
