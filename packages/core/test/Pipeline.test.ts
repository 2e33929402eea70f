import { describe, expect, it } from "vitest";
import { CycleError, Phase, Pipeline, PipelineError, validateGraph } from "../src/index";

const noop = () => undefined;
const phase = (name: string, dependsOn: string[] = [], extra: object = {}) =>
  new Phase(name, { handler: noop, dependsOn, ...extra });

function buildPipeline() {
  return new Pipeline(
    "build",
    phase("discover"),
    phase("parse", ["discover"]),
    phase("render", ["parse"], { parallel: true }),
    phase("assets", ["parse"], { parallel: true }),
    phase("write", ["render", "assets"]),
  );
}

function errorOf(build: () => unknown): PipelineError {
  try {
    build();
  } catch (error) {
    if (error instanceof PipelineError) return error;
    throw error;
  }
  throw new Error("expected a PipelineError");
}

describe("Phase", () => {
  it("exposes its options read-only, with defaults", () => {
    const p = new Phase("a", { handler: noop });
    expect(p).toMatchObject({
      name: "a",
      dependsOn: [],
      parallel: false,
      weight: 1,
      description: "",
      maxLogLines: 200,
      policy: { onFail: "stop", maxRetries: 0, retryDelayMs: 1000, retryBackoff: "fixed" },
    });
    expect(Object.isFrozen(p)).toBe(true);
    expect(() => {
      (p as { weight: number }).weight = 3;
    }).toThrow();
  });

  it("rejects a bad policy, weight or handler with a code and a fix", () => {
    const bad = (options: object) => errorOf(() => new Phase("x", { handler: noop, ...options }));
    expect(bad({ policy: { onFail: "explode" } })).toMatchObject({
      code: "INVALID_POLICY",
      message: expect.stringMatching(/onFail must be one of stop, skip, retry/),
    });
    expect(bad({ policy: { maxRetries: -1 } }).code).toBe("INVALID_POLICY");
    expect(bad({ policy: { retryBackoff: "random" } }).code).toBe("INVALID_POLICY");
    expect(bad({ policy: { timeoutMs: 0 } }).code).toBe("INVALID_POLICY");
    expect(bad({ weight: -1 })).toMatchObject({ code: "INVALID_WEIGHT" });
    expect(bad({ weight: Number.NaN }).code).toBe("INVALID_WEIGHT");
    expect(bad({ weight: Number.POSITIVE_INFINITY }).code).toBe("INVALID_WEIGHT");
    expect(errorOf(() => new Phase("x", {} as never)).message).toMatch(/has no handler/);
  });

  it("takes an optional group, rejected when empty, kept in its graph only when given", () => {
    const bad = (group: unknown) =>
      errorOf(() => new Phase("x", { handler: noop, group: group as string }));
    expect(bad("")).toMatchObject({
      code: "INVALID_PHASE",
      message: expect.stringMatching(/group must be a non-empty string/),
    });
    expect(bad("  ").code).toBe("INVALID_PHASE");
    expect(bad(3).code).toBe("INVALID_PHASE");
    expect(new Phase("x", { handler: noop, group: "build" }).toGraph()).toMatchObject({
      group: "build",
    });
    expect("group" in new Phase("x", { handler: noop }).toGraph()).toBe(false);
  });

  it("rejects a graph whose phase has an empty group", () => {
    const graph = {
      name: "g",
      phases: [
        { name: "a", dependsOn: [], parallel: false, weight: 1, description: "", group: "" },
      ],
    };
    expect(errorOf(() => validateGraph(graph)).message).toBe(
      'Phase "a" has group "": a group must be a non-empty string, or left out.',
    );
  });
});

describe("Pipeline", () => {
  it("resolves the execution order by levels, names sorted inside a level", () => {
    expect(buildPipeline().executionOrder()).toEqual([
      "discover",
      "parse",
      "assets",
      "render",
      "write",
    ]);
    expect(buildPipeline().executionLevels()).toEqual([
      ["discover"],
      ["parse"],
      ["assets", "render"],
      ["write"],
    ]);
  });

  it("append returns a new pipeline and leaves the original unchanged", () => {
    const pipeline = buildPipeline();
    const longer = pipeline.append(phase("health", ["write"]));
    expect(longer).not.toBe(pipeline);
    expect(longer.executionOrder().at(-1)).toBe("health");
    expect(pipeline.phases).toHaveLength(5);
    expect(() => pipeline.append(phase("write"))).toThrow(/Duplicate phase "write"/);
  });

  it("serializes to a graph", () => {
    const graph = new Pipeline(
      "g",
      new Phase("a", { handler: noop, description: "first", weight: 2, maxLogLines: 10 }),
      new Phase("b", { handler: noop, dependsOn: ["a"], parallel: true }),
    ).toGraph();
    expect(JSON.parse(JSON.stringify(graph))).toEqual({
      name: "g",
      phases: [
        {
          name: "a",
          dependsOn: [],
          parallel: false,
          weight: 2,
          description: "first",
          maxLogLines: 10,
        },
        { name: "b", dependsOn: ["a"], parallel: true, weight: 1, description: "" },
      ],
    });
  });

  it("names an unknown dependency and lists the phases that exist", () => {
    const error = errorOf(() => new Pipeline("p", phase("a"), phase("b", ["x"])));
    expect(error.code).toBe("UNKNOWN_DEPENDENCY");
    expect(error.message).toBe(
      'Phase "b" depends on "x", which does not exist. Available phases: a, b',
    );
  });

  it("rejects duplicate phases and non-phases", () => {
    expect(errorOf(() => new Pipeline("p", phase("a"), phase("a"))).code).toBe("DUPLICATE_PHASE");
    expect(errorOf(() => new Pipeline("p", {} as Phase)).message).toMatch(/is not a Phase/);
    expect(errorOf(() => new Pipeline("", phase("a"))).message).toMatch(/non-empty string name/);
  });

  it("reports a cycle as a path that starts and ends at the same phase, deterministically", () => {
    const build = () =>
      new Pipeline("p", phase("c", ["b"]), phase("b", ["a"]), phase("a", ["c"]), phase("d"));
    const error = errorOf(build);
    expect(error).toBeInstanceOf(CycleError);
    expect(error.code).toBe("CYCLE");
    expect(error.message).toBe("Circular dependency: a → c → b → a");
    expect(errorOf(build).message).toBe(error.message);
    expect(errorOf(() => new Pipeline("p", phase("a", ["a"]))).message).toBe(
      "Circular dependency: a → a",
    );
  });

  it("handles a chain of 20,000 phases without overflowing the stack", () => {
    const phases = Array.from({ length: 20_000 }, (_, i) =>
      phase(`p${i}`, i === 0 ? [] : [`p${i - 1}`]),
    );
    expect(new Pipeline("chain", ...phases).executionOrder()).toHaveLength(20_000);
  });
});
