import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { BROKEN_ERROR } from "./fixtures/pipelines";
import { runMilo } from "./helpers";

const _workerRoot = fileURLToPath(new URL("..", import.meta.url));
const FIXTURES = "test/fixtures/pipelines.ts";

function jsonLines(
  stdout: string,
): { seq: number; type: string; payload: Record<string, unknown> }[] {
  return stdout
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe.concurrent("milo run", () => {
  test("a completing pipeline: exit 0, a plain line per transition and a summary", async () => {
    const result = await runMilo(["run", FIXTURES, "--pipeline", "quick"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    for (const phase of ["fetch", "left", "right", "join"]) {
      expect(result.stdout).toContain(`▶ ${phase} started`);
      expect(result.stdout).toMatch(new RegExp(`✓ ${phase} completed in \\d+ms`));
    }
    expect(result.stdout).toContain("Pipeline quick completed");
    // Not a TTY: no colors, no cursor movement.
    expect(result.stdout).not.toContain("\u001b");
  });

  test("a failing pipeline: exit 1 with the phase's error shown", async () => {
    const result = await runMilo(["run", FIXTURES, "--pipeline", "broken"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`✗ explode failed`);
    expect(result.stdout).toContain(`explode: ${BROKEN_ERROR}`);
    expect(result.stdout).toContain("Pipeline broken failed");
  });

  test("--json prints only JSON lines of actions, ending with the terminal action", async () => {
    const result = await runMilo([
      "run",
      FIXTURES,
      "--pipeline",
      "quick",
      "--json",
      "--concurrency",
      "1",
    ]);
    expect(result.code).toBe(0);
    const actions = jsonLines(result.stdout);
    expect(actions.map((action) => action.seq)).toEqual(actions.map((_, index) => index + 1));
    expect(actions[0]!.type).toBe("@@PIPELINE_START");
    expect(actions.at(-1)!.type).toBe("@@PIPELINE_COMPLETE");
    expect(actions.filter((action) => action.type === "@@PHASE_COMPLETE")).toHaveLength(4);
  });

  test("--json of a failing run ends with @@PIPELINE_FAILED, exit 1", async () => {
    const result = await runMilo(["run", FIXTURES, "--pipeline", "broken", "--json"]);
    expect(result.code).toBe(1);
    const last = jsonLines(result.stdout).at(-1)!;
    expect(last.type).toBe("@@PIPELINE_FAILED");
    expect(last.payload.error).toContain(BROKEN_ERROR);
  });

  test("Ctrl-C cancels the run cleanly: exit 130, the cancellation recorded", async () => {
    const result = await runMilo(["run", FIXTURES, "--pipeline", "holding", "--json"], {
      interruptWhen: (stdout) => stdout.includes('"line":"holding"'),
    });
    expect(result.code).toBe(130);
    const actions = jsonLines(result.stdout);
    expect(actions.at(-1)!.type).toBe("@@PIPELINE_CANCELLED");
    expect(actions).toContainEqual(
      expect.objectContaining({
        type: "@@PHASE_CANCELLED",
        payload: expect.objectContaining({ name: "hold" }),
      }),
    );
  });

  test("a pipeline from another copy of @milo/core is found by its shape", async () => {
    const result = await runMilo(["run", "test/fixtures/foreignPipeline.ts"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("Pipeline foreign completed");
  });
});

describe.concurrent("milo run, used wrongly: exit 2 and a clear message", () => {
  test("a missing file", async () => {
    const result = await runMilo(["run", "no/such/pipeline.ts"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("No such file: no/such/pipeline.ts");
    expect(result.stdout).toBe("");
  });

  test("several pipelines and no --pipeline: the names are listed", async () => {
    const result = await runMilo(["run", FIXTURES]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--pipeline");
    for (const name of ["quick", "broken", "holding", "chatty"])
      expect(result.stderr).toContain(name);
  });

  test("an unknown --pipeline", async () => {
    const result = await runMilo(["run", FIXTURES, "--pipeline", "nope"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no pipeline named "nope"');
  });

  test("a module without pipelines, and one that throws", async () => {
    const empty = await runMilo(["run", "test/fixtures/nothing.ts"]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain("exports no pipeline");
    const throwing = await runMilo(["run", "test/fixtures/throws.ts"]);
    expect(throwing.code).toBe(2);
    expect(throwing.stderr).toContain("this module is broken on purpose");
  });

  test("a bad option value", async () => {
    const result = await runMilo(["run", FIXTURES, "--pipeline", "quick", "--concurrency", "0"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--concurrency");
  });
});
