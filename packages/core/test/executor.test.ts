import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  type AnyAction,
  action,
  inProcessExecutor,
  PHASE_CANCELLED,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_LOG,
  PHASE_RETRY,
  PHASE_START,
  Phase,
  type PhaseAttempt,
  type PhaseExecutor,
  PIPELINE_CANCELLED,
  PIPELINE_COMPLETE,
  PIPELINE_FAILED,
  PIPELINE_START,
  Pipeline,
  phaseStatus,
  runPipeline,
  type Task,
} from "../src/index";
import { sleep } from "./helpers";

// The executor seam: the saga hands each attempt to an executor and records its start when the
// executor says it started, so a queued attempt stays pending until some agent takes it.

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Runs a pipeline on `executor` under fake time; returns every action and the final state. */
async function run(
  pipeline: Pipeline,
  executor: PhaseExecutor,
  whileRunning?: (task: Task) => void,
) {
  const actual: AnyAction[] = [];
  const { done, task } = runPipeline(pipeline, {
    executor,
    runId: "run-1",
    onAction: (_state, dispatched) => actual.push(dispatched),
  });
  whileRunning?.(task);
  await vi.runAllTimersAsync();
  return { actual, state: await done };
}

/** Takes each attempt `queuedMs` after it is handed over, as a queue's agent would. */
const lateAgent = (queuedMs: number, agent?: string): PhaseExecutor => ({
  async execute(attempt, handler) {
    await sleep(queuedMs);
    attempt.started(agent === undefined ? undefined : { agent });
    return handler({
      results: attempt.results,
      inputs: attempt.inputs,
      signal: attempt.signal,
      attempt: attempt.attempt,
      log: (line, stream) => attempt.log(line, stream),
      phase: attempt.phase,
    });
  },
});

describe("the executor seam", () => {
  it("records the start when the executor starts the attempt, and counts the timeout from there", async () => {
    const pipeline = new Pipeline(
      "late",
      new Phase("fits", {
        policy: { timeoutMs: 50 },
        handler: async (ctx) => {
          ctx.log("working");
          await sleep(30);
          return "done";
        },
      }),
      new Phase("tooSlow", {
        dependsOn: ["fits"],
        policy: { timeoutMs: 50 },
        handler: () => sleep(80),
      }),
    );
    const { actual, state } = await run(pipeline, lateAgent(100, "agent-1"));
    const expected = [
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "fits", attempt: 1, at: 100, agent: "agent-1" }),
      action(PHASE_LOG, { name: "fits", line: "working", stream: "stdout", at: 100 }),
      action(PHASE_COMPLETE, { name: "fits", at: 130 }),
      action(PHASE_START, { name: "tooSlow", attempt: 1, at: 230, agent: "agent-1" }),
      action(PHASE_FAILED, { name: "tooSlow", error: "timed out after 50 ms", at: 280 }),
      action(PIPELINE_FAILED, {
        at: 280,
        error: 'Phase "tooSlow" failed: timed out after 50 ms',
      }),
    ];
    expect(actual).toEqual(expected);
    expect(phaseStatus(state, "fits")?.attempts).toEqual([
      {
        attempt: 1,
        startedAt: 100,
        endedAt: 130,
        error: null,
        outcome: "completed",
        agent: "agent-1",
      },
    ]);
  });

  it("records the start itself, right before the outcome, when the executor never said", async () => {
    let calls = 0;
    const silent: PhaseExecutor = {
      async execute(attempt) {
        await sleep(40);
        calls += 1;
        if (attempt.attempt === 1) throw new Error("lost the agent");
        return "value";
      },
    };
    const pipeline = new Pipeline(
      "silent",
      new Phase("only", {
        policy: { onFail: "retry", maxRetries: 1, retryDelayMs: 10 },
        handler: () => "unused",
      }),
    );
    const { actual, state } = await run(pipeline, silent);
    expect(actual).toEqual([
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_START, { name: "only", attempt: 1, at: 40 }),
      action(PHASE_RETRY, {
        name: "only",
        attempt: 1,
        error: "lost the agent",
        stack: expect.stringMatching(/executor\.test\.ts/),
        delayMs: 10,
        at: 40,
      }),
      action(PHASE_START, { name: "only", attempt: 2, at: 90 }),
      action(PHASE_COMPLETE, { name: "only", at: 90 }),
      action(PIPELINE_COMPLETE, { at: 90 }),
    ]);
    expect(calls).toBe(2);
    expect(state.status).toBe("completed");
  });

  it("a line logged before started() starts the attempt first; one logged after its end is dropped", async () => {
    let late: PhaseAttempt | undefined;
    const chatty: PhaseExecutor = {
      async execute(attempt) {
        await sleep(5);
        attempt.log("queued for 5 ms", "stderr");
        attempt.started({ agent: "ignored: already started" });
        late = attempt;
        return 1;
      },
    };
    const pipeline = new Pipeline("chatty", new Phase("only", { handler: () => 0 }));
    const { actual } = await run(pipeline, chatty);
    late!.log("after the end");
    expect(actual.map((a) => a.type)).toEqual([
      PIPELINE_START,
      PHASE_START,
      PHASE_LOG,
      PHASE_COMPLETE,
      PIPELINE_COMPLETE,
    ]);
    expect(actual[1]).toEqual(action(PHASE_START, { name: "only", attempt: 1, at: 5 }));
  });

  it("keeps which agent ran each attempt, and hands the executor the run, pipeline and results", async () => {
    const seen: Omit<PhaseAttempt, "signal" | "log" | "started" | "inputs">[] = [];
    const agents = ["agent-a", "agent-b"];
    const executor: PhaseExecutor = {
      execute(attempt, handler) {
        seen.push({
          runId: attempt.runId,
          pipeline: attempt.pipeline,
          phase: attempt.phase,
          attempt: attempt.attempt,
          results: attempt.results,
        });
        attempt.started({ agent: agents[attempt.attempt - 1]! });
        return inProcessExecutor.execute(attempt, handler);
      },
    };
    const pipeline = new Pipeline(
      "agents",
      new Phase("first", { handler: () => 41 }),
      new Phase("flaky", {
        dependsOn: ["first"],
        policy: { onFail: "retry", maxRetries: 1, retryDelayMs: 0 },
        handler: (ctx) => {
          if (ctx.attempt === 1) throw new Error("flake");
          return (ctx.results.first as number) + 1;
        },
      }),
    );
    const { state } = await run(pipeline, executor);
    expect(state.status).toBe("completed");
    expect(phaseStatus(state, "flaky")?.attempts.map((a) => [a.attempt, a.agent])).toEqual([
      [1, "agent-a"],
      [2, "agent-b"],
    ]);
    expect(seen.map((s) => [s.runId, s.pipeline, s.phase.name, s.attempt, s.results])).toEqual([
      ["run-1", "agents", "first", 1, {}],
      ["run-1", "agents", "flaky", 1, { first: 41 }],
      ["run-1", "agents", "flaky", 2, { first: 41 }],
    ]);
  });

  it("cancelling a queued attempt aborts its signal and leaves the phase pending", async () => {
    const signals: AbortSignal[] = [];
    const queue: PhaseExecutor = {
      execute(attempt) {
        signals.push(attempt.signal);
        return new Promise((_resolve, reject) => {
          attempt.signal.addEventListener("abort", () => {
            // Told after the cancel: the saga has moved on and records none of it.
            attempt.started({ agent: "too-late" });
            attempt.log("too late");
            reject(attempt.signal.reason);
          });
        });
      },
    };
    const pipeline = new Pipeline("queued", new Phase("waits", { handler: () => 1 }));
    const { actual, state } = await run(pipeline, queue, (task) => {
      setTimeout(() => task.cancel(), 10);
    });
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(actual).toEqual([
      action(PIPELINE_START, { at: 0 }),
      action(PHASE_CANCELLED, { name: "waits", at: 10 }),
      action(PIPELINE_CANCELLED, { at: 10 }),
    ]);
    expect(state.status).toBe("cancelled");
    expect(phaseStatus(state, "waits")).toMatchObject({ status: "pending", attempts: [] });
  });
});
