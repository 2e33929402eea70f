import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  action,
  dispatcher,
  PHASE_CANCELLED,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
  PHASE_SKIPPED,
  PHASE_START,
  Phase,
  type PhaseContext,
  type PhaseOptions,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
  Pipeline,
  type PipelineState,
  phaseStatus,
  put,
  Store,
  type Task,
} from "../src/index";
import { intervalsOf, payloadsOf, runWithFakeTime, sleep } from "./helpers";

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const waits = (ms: number, value?: unknown) => async () => {
  await sleep(ms);
  return value;
};
const phase = (name: string, options: Partial<PhaseOptions> = {}) =>
  new Phase(name, { handler: waits(10), ...options });

describe("the pipeline saga", () => {
  it("runs the build pipeline to completion and returns each phase's result", async () => {
    const pipeline = new Pipeline(
      "build",
      phase("discover", { handler: waits(10, ["a.md"]) }),
      phase("parse", { dependsOn: ["discover"], handler: (ctx) => ctx.results.discover }),
      phase("render", { dependsOn: ["parse"], parallel: true }),
      phase("assets", { dependsOn: ["parse"], parallel: true }),
      phase("write", { dependsOn: ["render", "assets"] }),
    );
    const { store, actions, result } = await runWithFakeTime(pipeline, { concurrency: 4 });
    expect(store.getState()).toMatchObject({ status: "completed", progress: 1, elapsed: 30 });
    expect(result).toMatchObject({ status: "completed", results: { parse: ["a.md"] } });
    expect(actions[0]).toEqual(action(PIPELINE_START, { at: 0 }));
    expect(actions.at(-1)).toEqual(action(PIPELINE_COMPLETE, { at: 30 }));
    // parse is synchronous; render and assets ran side by side
    const spans = intervalsOf(actions);
    expect(spans.get("parse")).toEqual([{ start: 10, end: 10 }]);
    expect(spans.get("render")).toEqual([{ start: 10, end: 20 }]);
    expect(spans.get("assets")).toEqual([{ start: 10, end: 20 }]);
  });

  it("starts each phase as soon as its own dependencies end, not a whole wave later", async () => {
    const pipeline = new Pipeline(
      "eager",
      phase("slow", { parallel: true, handler: waits(100) }),
      phase("fast", { parallel: true, handler: waits(10) }),
      phase("afterFast", { parallel: true, dependsOn: ["fast"], handler: waits(10) }),
    );
    const { actions } = await runWithFakeTime(pipeline);
    expect(intervalsOf(actions).get("afterFast")).toEqual([{ start: 10, end: 20 }]);
  });

  it("runs a non-parallel phase alone and keeps to the concurrency limit", async () => {
    const pipeline = new Pipeline(
      "mixed",
      ...["p1", "p2", "p3"].map((name) => phase(name, { parallel: true })),
      phase("solo"),
    );
    const { actions } = await runWithFakeTime(pipeline, { concurrency: 2 });
    const spans = intervalsOf(actions);
    const solo = spans.get("solo")![0]!;
    for (const name of ["p1", "p2", "p3"]) {
      const span = spans.get(name)![0]!;
      expect(span.end <= solo.start || span.start >= solo.end).toBe(true);
    }
    const starts = payloadsOf<{ at: number }>(actions, PHASE_START).map((p) => p.at);
    expect(starts.filter((at) => at === starts[0]).length).toBeLessThanOrEqual(2);
  });

  it("fills free slots with parallel work while a non-parallel phase waits for the run to go idle", async () => {
    const pipeline = new Pipeline(
      "backfill",
      phase("q", { parallel: true, handler: waits(10) }),
      phase("long", { parallel: true, handler: waits(50) }),
      phase("solo", { dependsOn: ["q"], weight: 5, handler: waits(10) }),
      phase("filler", { dependsOn: ["q"], parallel: true, handler: waits(20) }),
    );
    const { store, actions } = await runWithFakeTime(pipeline);
    const spans = intervalsOf(actions);
    // Draining for `solo` at t=10 would leave a slot empty until `long` ends at 50.
    expect(spans.get("filler")).toEqual([{ start: 10, end: 30 }]);
    expect(spans.get("solo")).toEqual([{ start: 50, end: 60 }]);
    expect(store.getState().elapsed).toBe(60);
  });

  it("starts the ready phase with the longest weighted path to the end first, then by name", async () => {
    const pipeline = new Pipeline(
      "priority",
      phase("a"),
      phase("b"),
      phase("c", { weight: 5 }),
      phase("z"),
      phase("afterZ", { dependsOn: ["z"], weight: 10 }),
    );
    const { actions } = await runWithFakeTime(pipeline, { concurrency: 1 });
    const order = payloadsOf<{ name: string }>(actions, PHASE_START).map((p) => p.name);
    expect(order).toEqual(["z", "afterZ", "c", "a", "b"]);
  });

  it("calls handlers with results, attempt, phase, signal and a live log", async () => {
    const contexts: PhaseContext[] = [];
    const seenLogsBeforeReturn: number[] = [];
    let store: Store<unknown> | undefined;
    const pipeline = new Pipeline(
      "ctx",
      phase("one", { handler: () => 1 }),
      phase("skipped", {
        policy: { onFail: "skip" },
        handler: () => {
          throw new Error("nope");
        },
      }),
      phase("two", {
        dependsOn: ["one", "skipped"],
        handler: async (ctx) => {
          await sleep(1);
          contexts.push(ctx);
          ctx.log("hello");
          ctx.log("warn", "stderr");
          seenLogsBeforeReturn.push(
            phaseStatus(store!.getState() as PipelineState, "two")!.logCount,
          );
          return "ok";
        },
      }),
    );
    const { actions } = await runWithFakeTime(pipeline, {}, (s) => {
      store = s as Store<unknown>;
    });
    expect(contexts[0]).toMatchObject({
      results: { one: 1, skipped: undefined },
      attempt: 1,
      phase: { name: "two", dependsOn: ["one", "skipped"] },
    });
    expect(contexts[0]!.signal).toBeInstanceOf(AbortSignal);
    expect(seenLogsBeforeReturn).toEqual([2]);
    expect(payloadsOf(actions, PHASE_LOG)).toEqual([
      { name: "two", line: "hello", stream: "stdout", at: 1 },
      { name: "two", line: "warn", stream: "stderr", at: 1 },
    ]);
  });

  it("onFail stop: no new phase starts, running ones finish, the run fails", async () => {
    const pipeline = new Pipeline(
      "stop",
      phase("bad", {
        parallel: true,
        handler: async () => {
          await sleep(5);
          throw "plain string";
        },
      }),
      phase("long", { parallel: true, handler: waits(50) }),
      phase("after", { dependsOn: ["bad"] }),
      phase("later", { dependsOn: ["long"] }),
    );
    const { store, actions } = await runWithFakeTime(pipeline);
    const state = store.getState();
    expect(state.status).toBe("failed");
    expect(state.error).toBe('Phase "bad" failed: plain string');
    expect(phaseStatus(state, "long")?.status).toBe("completed");
    expect(phaseStatus(state, "after")?.status).toBe("pending");
    expect(phaseStatus(state, "later")?.status).toBe("pending");
    expect(payloadsOf(actions, PHASE_FAILED)).toEqual([
      { name: "bad", error: "plain string", at: 5 },
    ]);
    expect(actions.at(-1)).toEqual(
      action(PIPELINE_FAILED, { at: 50, error: 'Phase "bad" failed: plain string' }),
    );
  });

  it("failFast aborts running phases through their signal and marks them cancelled", async () => {
    let aborted = false;
    const pipeline = new Pipeline(
      "fast",
      phase("bad", {
        parallel: true,
        handler: async () => {
          await sleep(5);
          throw new Error("broken");
        },
      }),
      phase("long", {
        parallel: true,
        handler: async (ctx) => {
          ctx.signal.addEventListener("abort", () => {
            aborted = true;
          });
          await sleep(1000);
        },
      }),
    );
    const { store, actions } = await runWithFakeTime(pipeline, { failFast: true });
    expect(aborted).toBe(true);
    expect(phaseStatus(store.getState(), "long")?.status).toBe("cancelled");
    expect(store.getState().status).toBe("failed");
    const types = actions.map((a) => a.type);
    expect(types.indexOf(PHASE_CANCELLED)).toBeLessThan(types.indexOf(PIPELINE_FAILED));
    expect(store.getState().elapsed).toBe(5);
  });

  it("onFail skip: the phase is skipped and its dependents still run", async () => {
    const pipeline = new Pipeline(
      "skip",
      phase("optional", {
        policy: { onFail: "skip" },
        handler: () => {
          throw new Error("optional failed");
        },
      }),
      phase("next", { dependsOn: ["optional"] }),
    );
    const { store, actions } = await runWithFakeTime(pipeline);
    expect(store.getState().status).toBe("completed");
    expect(payloadsOf(actions, PHASE_SKIPPED)).toEqual([
      {
        name: "optional",
        error: "optional failed",
        // Where the handler threw, trimmed to its own frames.
        stack: expect.stringMatching(/^ {4}at handler .*createPipelineSaga\.test\.ts/),
        at: 0,
      },
    ]);
    expect(phaseStatus(store.getState(), "next")?.status).toBe("completed");
  });

  it("onFail retry: retries with exponential backoff capped at 30 s, then succeeds", async () => {
    let calls = 0;
    const pipeline = new Pipeline(
      "retry",
      phase("flaky", {
        policy: { onFail: "retry", maxRetries: 8, retryDelayMs: 5000, retryBackoff: "exponential" },
        handler: (ctx) => {
          calls++;
          if (ctx.attempt < 5) throw new Error(`attempt ${ctx.attempt} failed`);
          return "finally";
        },
      }),
    );
    const { store, actions } = await runWithFakeTime(pipeline);
    expect(calls).toBe(5);
    expect(payloadsOf<{ delayMs: number }>(actions, PHASE_RETRY).map((p) => p.delayMs)).toEqual([
      5000, 10000, 20000, 30000,
    ]);
    expect(payloadsOf<{ attempt: number; at: number }>(actions, PHASE_START)).toEqual([
      { name: "flaky", attempt: 1, at: 0 },
      { name: "flaky", attempt: 2, at: 5000 },
      { name: "flaky", attempt: 3, at: 15000 },
      { name: "flaky", attempt: 4, at: 35000 },
      { name: "flaky", attempt: 5, at: 65000 },
    ]);
    expect(phaseStatus(store.getState(), "flaky")).toMatchObject({
      status: "completed",
      attempt: 5,
    });
  });

  it("onFail retry: fails after maxRetries + 1 attempts with a fixed delay", async () => {
    const pipeline = new Pipeline(
      "retry",
      phase("broken", {
        policy: { onFail: "retry", maxRetries: 2, retryDelayMs: 100 },
        handler: () => {
          throw new Error("always");
        },
      }),
    );
    const { store, actions } = await runWithFakeTime(pipeline);
    expect(payloadsOf(actions, PHASE_START)).toHaveLength(3);
    expect(payloadsOf<{ at: number }>(actions, PHASE_RETRY).map((p) => p.at)).toEqual([0, 100]);
    expect(phaseStatus(store.getState(), "broken")).toMatchObject({ status: "failed", attempt: 3 });
    expect(store.getState().status).toBe("failed");
  });

  it("timeoutMs aborts the handler's signal and fails the attempt", async () => {
    let reason: unknown;
    const pipeline = new Pipeline(
      "timeout",
      phase("hangs", {
        policy: { timeoutMs: 250 },
        handler: (ctx) =>
          new Promise(() => {
            ctx.signal.addEventListener("abort", () => {
              reason = ctx.signal.reason;
            });
          }),
      }),
    );
    const { store } = await runWithFakeTime(pipeline);
    expect(phaseStatus(store.getState(), "hangs")).toMatchObject({
      status: "failed",
      error: "timed out after 250 ms",
      elapsed: 250,
    });
    expect(reason).toBeInstanceOf(Error);
  });

  it("task.cancel() aborts running handlers, marks them cancelled and ends the run cancelled", async () => {
    const signals: AbortSignal[] = [];
    const pipeline = new Pipeline(
      "cancel",
      phase("a", {
        parallel: true,
        handler: async (ctx) => {
          signals.push(ctx.signal);
          await sleep(1000);
        },
      }),
      phase("b", { parallel: true, handler: waits(1000) }),
      phase("c", { dependsOn: ["a"] }),
    );
    const store = new Store(pipeline.buildReducer());
    const types: string[] = [];
    store.subscribe((_state, a) => types.push(a.type));
    const task = store.runSaga(pipeline.buildSaga());
    await vi.advanceTimersByTimeAsync(100);
    task.cancel();
    expect(await task.toPromise()).toBeUndefined();
    expect(signals[0]?.aborted).toBe(true);
    const state = store.getState();
    expect(state.status).toBe("cancelled");
    expect(state.elapsed).toBe(100);
    expect(phaseStatus(state, "a")?.status).toBe("cancelled");
    expect(phaseStatus(state, "b")?.status).toBe("cancelled");
    expect(phaseStatus(state, "c")?.status).toBe("pending");
    expect(types.slice(-3)).toEqual([PHASE_CANCELLED, PHASE_CANCELLED, PIPELINE_CANCELLED]);
  });

  it("can be tested step by step: the effects are plain data", () => {
    const pipeline = new Pipeline("steps", phase("only", { handler: () => "x" }));
    const clock = { now: () => 42 };
    const generator = pipeline.buildSaga({ clock })();
    expect(generator.next().value).toEqual(put(action(PIPELINE_START, { at: 42 })));
    const fork = generator.next().value as { type: string; args: unknown[] };
    expect(fork.type).toBe("FORK");
    expect((fork.args[0] as Phase).name).toBe("only");
    expect((generator.next({}).value as { type: string }).type).toBe("TAKE");
    expect(generator.next({ name: "only", status: "completed", value: "x" }).value).toEqual(
      put(action(PIPELINE_COMPLETE, { at: 42 })),
    );
    // Its finally block asks whether the run was cancelled: it was not.
    expect(generator.next().value).toEqual({ type: "CANCELLED" });
    const end = generator.next(false);
    expect(end.done).toBe(true);
    expect(end.value).toEqual({ status: "completed", results: { only: "x" } });
    // The phase saga asks for the store's dispatch first, to hand the handler a live log.
    expect(dispatcher()).toEqual({ type: "DISPATCHER" });
  });

  it("rejects a bad concurrency with a clear error", () => {
    const pipeline = new Pipeline("c", phase("a"));
    expect(() => pipeline.buildSaga({ concurrency: 0 })).toThrow(
      /concurrency must be a whole number/,
    );
    expect(() => pipeline.buildSaga({ concurrency: 1.5 })).toThrow(/concurrency/);
  });

  it("runs sync handlers of a 10,000-phase chain without growing the stack", async () => {
    vi.useRealTimers();
    const phases = Array.from(
      { length: 10_000 },
      (_, i) => new Phase(`p${i}`, { handler: () => i, dependsOn: i === 0 ? [] : [`p${i - 1}`] }),
    );
    const pipeline = new Pipeline("chain", ...phases);
    const store = new Store(pipeline.buildReducer());
    await store.runSaga(pipeline.buildSaga()).toPromise();
    expect(store.getState().status).toBe("completed");
    expect(phaseStatus(store.getState(), "p9999")?.status).toBe("completed");
  });

  it("a cancel that lands after a phase reported its end keeps that outcome", async () => {
    const pipeline = new Pipeline(
      "late-cancel",
      phase("bad", {
        parallel: true,
        handler: async () => {
          await sleep(1);
          throw new Error("bad");
        },
      }),
      phase("long", { parallel: true, handler: waits(1000) }),
    );
    const store = new Store(pipeline.buildReducer());
    let task: Task | undefined;
    store.subscribe((_state, dispatched) => {
      if (dispatched.type === PHASE_FAILED) task?.cancel();
    });
    task = store.runSaga(pipeline.buildSaga());
    await vi.runAllTimersAsync();
    await task.toPromise();
    const state = store.getState();
    expect(state.status).toBe("cancelled");
    expect(phaseStatus(state, "bad")).toMatchObject({ status: "failed", error: "bad" });
    expect(phaseStatus(state, "long")?.status).toBe("cancelled");
  });

  it("cancelling a run clears the timers of its timed attempts", async () => {
    const pipeline = new Pipeline(
      "timers",
      phase("deaf", { policy: { timeoutMs: 60_000 }, handler: () => new Promise(() => {}) }),
    );
    const store = new Store(pipeline.buildReducer());
    const task = store.runSaga(pipeline.buildSaga());
    await vi.advanceTimersByTimeAsync(10);
    task.cancel();
    await task.toPromise();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("drops a line logged after its attempt ended", async () => {
    const pipeline = new Pipeline(
      "zombie",
      phase("a", {
        policy: { timeoutMs: 20, onFail: "retry", maxRetries: 1, retryDelayMs: 0 },
        handler: (ctx) =>
          new Promise((resolve) => {
            setTimeout(() => {
              ctx.log(`late line from attempt ${ctx.attempt}`);
              resolve(ctx.attempt);
            }, 30);
          }),
      }),
    );
    const { store } = await runWithFakeTime(pipeline);
    expect(phaseStatus(store.getState(), "a")).toMatchObject({ status: "failed", logCount: 0 });
  });

  it("returns whatever a handler returns, generators and async generators included, as its value", async () => {
    async function* stream() {
      yield 1;
    }
    function* lines() {
      yield "a";
    }
    const pipeline = new Pipeline(
      "values",
      phase("asyncGen", { handler: () => stream() }),
      phase("gen", { handler: () => lines() }),
      phase("genTimed", { handler: () => lines(), policy: { timeoutMs: 100 } }),
    );
    const { result } = await runWithFakeTime(pipeline);
    expect(result?.status).toBe("completed");
    for (const name of ["asyncGen", "gen", "genTimed"]) {
      expect(typeof (result!.results[name] as Iterator<unknown>).next).toBe("function");
    }
  });
});
