import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { tempDir } from "./helpers";

const workerRoot = fileURLToPath(new URL("..", import.meta.url));

function miloRun(
  args: readonly string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["bin/milo.mjs", "run", "test/inputFixtures/greet.ts", ...args],
      {
        cwd: workerRoot,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" },
      },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
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
