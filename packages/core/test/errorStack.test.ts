import { describe, expect, it } from "vitest";
import {
  type AnyAction,
  errorStack,
  PHASE_FAILED,
  PHASE_RETRY,
  Phase,
  Pipeline,
  phaseStatus,
  runPipeline,
} from "../src/index";

function failingDeploy(): never {
  throw new Error("upload failed", { cause: new Error("connection refused") });
}

describe("errorStack", () => {
  it("keeps the handler's frames and follows the cause chain", () => {
    let thrown: unknown;
    try {
      failingDeploy();
    } catch (error) {
      thrown = error;
    }
    const stack = errorStack(thrown)!;
    expect(stack).toMatch(/at failingDeploy .*errorStack\.test\.ts/);
    expect(stack).toMatch(/\nCaused by: connection refused\n {4}at /);
    expect(stack).not.toMatch(/node:internal/);
  });

  it("has nothing to show for a thrown string, null, a symbol or an unreadable object", () => {
    const unreadable = new Proxy(
      {},
      {
        get: () => {
          throw new Error("no access");
        },
      },
    );
    for (const thrown of ["plain", null, undefined, Symbol("s"), 42, unreadable]) {
      expect(errorStack(thrown)).toBeUndefined();
    }
  });

  it("stops at a cause chain that loops", () => {
    const first = new Error("first");
    const second = new Error("second", { cause: first });
    (first as { cause?: unknown }).cause = second;
    const stack = errorStack(first)!;
    expect(stack.match(/Caused by:/g)!.length).toBe(5);
  });
});

describe("a failing phase's stack", () => {
  it("is recorded in the failure and retry actions and kept on each attempt", async () => {
    const pipeline = new Pipeline(
      "deploy",
      new Phase("upload", {
        handler: failingDeploy,
        policy: { onFail: "retry", maxRetries: 1, retryDelayMs: 0 },
      }),
    );
    const actions: AnyAction[] = [];
    const run = runPipeline(pipeline, { onAction: (_state, action) => actions.push(action) });
    const state = await run.done;
    const ends = actions.filter((a) => a.type === PHASE_RETRY || a.type === PHASE_FAILED);
    expect(ends.map((a) => a.type)).toEqual([PHASE_RETRY, PHASE_FAILED]);
    for (const end of ends) {
      expect((end.payload as { stack?: string }).stack).toMatch(/failingDeploy[\s\S]*Caused by/);
    }
    const attempts = phaseStatus(state, "upload")!.attempts;
    expect(
      attempts.map((attempt) => attempt.stack?.includes("Caused by: connection refused")),
    ).toEqual([true, true]);
    // The stack survives the state's round trip like every other field.
    expect(JSON.parse(JSON.stringify(state)).phases[0].attempts[1].stack).toBe(attempts[1]!.stack);
  });
});
