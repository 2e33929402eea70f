import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { toSvg } from "@milo/core";
import { describe, expect, test } from "vitest";
import { ODD_NAMES, oddNames } from "./fixtures/graph/oddNames";
import { tempDir } from "./helpers";

const workerRoot = fileURLToPath(new URL("..", import.meta.url));
const FIXTURE = "test/fixtures/graph/oddNames.ts";

/** `node bin/milo.mjs graph ...args` as a child process. */
function graph(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["bin/milo.mjs", "graph", ...args],
      { cwd: workerRoot, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe.concurrent("milo graph", () => {
  test("--format json prints exactly the pipeline's graph", async () => {
    const result = await graph([FIXTURE, "--pipeline", "odd names", "--format", "json"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(oddNames.toGraph());
  });

  test("Mermaid by default, every odd name escaped into a label", async () => {
    const result = await graph([FIXTURE, "--pipeline", "odd names"]);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("flowchart LR");
    expect(lines).toContain('  p0("say #34;hi#34;")');
    expect(lines).toContain('  p1("#60;b#62;bold#60;/b#62; #38; co")');
    expect(lines).toContain('  p2[["naïve 日本 🚀"]]');
    expect(lines).toContain('  p3("back\\slash #35;1")');
    expect(lines.filter((line) => line.includes("-->"))).toHaveLength(4);
  });

  test("--format svg --out writes the SVG drawing, every name escaped", async () => {
    const out = join(tempDir(), "graph.svg");
    const result = await graph([
      FIXTURE,
      "--pipeline",
      "odd names",
      "--format",
      "svg",
      "--out",
      out,
    ]);
    expect(result).toEqual({ code: 0, stdout: "", stderr: "" });
    const svg = readFileSync(out, "utf8");
    // The drawing is the core's, whose own tests check it parses as XML.
    expect(svg).toBe(toSvg(oddNames.toGraph()));
    expect(svg).toContain("<title>say &quot;hi&quot;</title>");
    expect(svg).toContain("<title>&lt;b&gt;bold&lt;/b&gt; &amp; co</title>");
    expect(svg).toContain(`<title>${ODD_NAMES[2]}</title>`);
  });

  test("--format dot quotes and escapes every name", async () => {
    const result = await graph([FIXTURE, "--pipeline", "odd names", "--format", "dot"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('digraph "odd names" {');
    expect(result.stdout).toContain('  "say \\"hi\\"" -> "<b>bold</b> & co";');
    expect(result.stdout).toContain('  "back\\\\slash #1";');
  });

  test("a bad format, pipeline or output path: exit 2 with one line saying what to do", async () => {
    const cases: [string[], string][] = [
      [
        [FIXTURE, "--pipeline", "plain", "--format", "png"],
        'milo: --format must be one of mermaid, svg, dot, json, not "png".',
      ],
      [
        [FIXTURE, "--pipeline", "nope"],
        `milo: ${FIXTURE} has no pipeline named "nope". It exports: odd names, plain.`,
      ],
      [
        [FIXTURE],
        `milo: ${FIXTURE} exports 2 pipelines (odd names, plain): pick one with --pipeline NAME.`,
      ],
      [
        ["no/such/file.ts"],
        `milo: No such file: no/such/file.ts (looked for ${join(workerRoot, "no/such/file.ts")}).`,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await graph(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trimEnd()).toBe(message);
    }
    const unwritable = await graph([
      FIXTURE,
      "--pipeline",
      "plain",
      "--out",
      join(tempDir(), "missing", "g.mmd"),
    ]);
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(
      /^milo: cannot write --out .* \(ENOENT\): give a path in a folder that exists/,
    );
  });
});
