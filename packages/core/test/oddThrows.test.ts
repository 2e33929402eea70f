import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  errorMessage,
  type OnFail,
  Phase,
  Pipeline,
  type PipelineState,
  phaseStatus,
  runPipeline,
} from "../src/index";
import { sleep } from "./helpers";

// User code may throw anything. Each odd throw becomes a readable message and fails only its own
// attempt: the phase's policy is honoured and a healthy sibling runs to its end.

beforeEach(() => {
  vi.useFakeTimers({ now: 0 });
});
afterEach(() => {
  vi.useRealTimers();
});

const unreadable = () =>
  new Proxy(
    {},
    {
      get: () => {
        throw new Error("no access");
      },
      getPrototypeOf: () => {
        throw new Error("no access");
      },
      has: () => {
        throw new Error("no access");
      },
      ownKeys: () => {
        throw new Error("no access");
      },
      getOwnPropertyDescriptor: () => {
        throw new Error("no access");
      },
    },
  );

const throwingMessage = () => {
  const error = new Error("hidden");
  Object.defineProperty(error, "message", {
    get() {
      throw new Error("message getter");
    },
  });
  return error;
};

const withMessage = (message: unknown) => Object.assign(new Error("x"), { message });

const ODD_THROWS: readonly { name: string; thrown: () => unknown; message: string }[] = [
  {
    name: "message getter throws",
    thrown: throwingMessage,
    message: "Error (its message could not be read)",
  },
  {
    name: "message is an object",
    thrown: () => withMessage({ code: 42 }),
    message: 'Error: {"code":42}',
  },
  { name: "message is a number", thrown: () => withMessage(42), message: "Error: 42" },
  {
    name: "toString throws",
    thrown: () => ({
      reason: "disk full",
      toString() {
        throw new Error("no string");
      },
    }),
    message: '{"reason":"disk full"}',
  },
  { name: "a Symbol", thrown: () => Symbol("boom"), message: "threw Symbol(boom)" },
  { name: "null", thrown: () => null, message: "threw null" },
  {
    name: "a Proxy that throws on every access",
    thrown: unreadable,
    message: "an object that could not be read",
  },
];

/** A phase that throws `thrown` on its first attempt (sync and async alike), then returns. */
const throwsOnce = (name: string, thrown: () => unknown, onFail: OnFail, async: boolean) =>
  new Phase(name, {
    parallel: true,
    policy: { onFail, maxRetries: 1, retryDelayMs: 5 },
    handler: async (ctx) => {
      if (async) await sleep(1);
      if (ctx.attempt === 1) throw thrown();
      return ctx.attempt;
    },
  });

async function finish(pipeline: Pipeline): Promise<PipelineState> {
  const { done } = runPipeline(pipeline);
  await vi.runAllTimersAsync();
  return done;
}

describe("odd throws", () => {
  it("errorMessage gives a readable string for each and never throws", () => {
    for (const odd of ODD_THROWS) expect(errorMessage(odd.thrown()), odd.name).toBe(odd.message);
    expect(errorMessage(undefined)).toBe("threw undefined");
    expect(errorMessage(new Error(""))).toBe("Error");
    expect(errorMessage({ message: "plain object" })).toBe("plain object");
    expect(errorMessage(7)).toBe("7");
  });

  for (const odd of ODD_THROWS) {
    it(`${odd.name}: skip and retry are honoured and a healthy sibling completes`, async () => {
      const pipeline = new Pipeline(
        "odd",
        new Phase("healthy", { parallel: true, handler: () => sleep(100).then(() => "ok") }),
        throwsOnce("skips", odd.thrown, "skip", false),
        throwsOnce("retries", odd.thrown, "retry", true),
        new Phase("afterSkip", { dependsOn: ["skips"], parallel: true, handler: () => 1 }),
      );
      const state = await finish(pipeline);
      expect(state.status).toBe("completed");
      expect(phaseStatus(state, "healthy")?.status).toBe("completed");
      expect(phaseStatus(state, "skips")).toMatchObject({ status: "skipped", error: odd.message });
      expect(phaseStatus(state, "afterSkip")?.status).toBe("completed");
      expect(phaseStatus(state, "retries")).toMatchObject({ status: "completed", attempt: 2 });
      expect(phaseStatus(state, "retries")?.attempts[0]).toMatchObject({
        outcome: "retrying",
        error: odd.message,
      });
    });
  }

  it("a stop failure with an odd throw fails the run with a readable message after its sibling ends", async () => {
    const pipeline = new Pipeline(
      "odd stop",
      new Phase("healthy", { parallel: true, handler: () => sleep(100).then(() => "ok") }),
      throwsOnce("stops", unreadable, "stop", true),
    );
    const state = await finish(pipeline);
    expect(state.status).toBe("failed");
    expect(state.error).toBe('Phase "stops" failed: an object that could not be read');
    expect(phaseStatus(state, "healthy")?.status).toBe("completed");
  });

  it("a handler that returns a value whose `then` cannot be read fails only its attempt", async () => {
    const pipeline = new Pipeline(
      "odd value",
      new Phase("healthy", { parallel: true, handler: () => sleep(10).then(() => "ok") }),
      new Phase("odd", { parallel: true, policy: { onFail: "skip" }, handler: unreadable }),
    );
    const state = await finish(pipeline);
    expect(state.status).toBe("completed");
    expect(phaseStatus(state, "odd")).toMatchObject({ status: "skipped", error: "no access" });
  });
});
