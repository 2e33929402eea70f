import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { type MiloOutcome, runMilo, tempDir } from "./helpers";

const _workerRoot = fileURLToPath(new URL("..", import.meta.url));

function miloRun(args: readonly string[]): Promise<MiloOutcome> {
  return runMilo(["run", "test/inputFixtures/greet.ts", ...args]);
}

describe.concurrent("milo run with inputs", () => {
  test("--input key=value reaches the handler in its agent process", async () => {
    const result = await miloRun(["--input", "name=Ada", "--input", "times=2", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"line":"hello Ada x2"');
  });

  test("--inputs file.json, with the schema's defaults", async () => {
    const file = join(tempDir(), "inputs.json");
    writeFileSync(file, JSON.stringify({ name: "Lin" }));
    const result = await miloRun(["--inputs", file, "--json", "--in-process"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('"line":"hello Lin x1"');
  });

  test("a missing or mistyped input is a usage error naming the field", async () => {
    const result = await miloRun(["--input", "times=x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Invalid inputs for pipeline "greet": inputs.name');
    expect(result.stderr).toContain("inputs.times");
  });
});
