import { fileURLToPath } from "node:url";
import { Pipeline } from "@milo/core";
import { describe, expect, test } from "vitest";
import { LoadError, loadPipelineModule, loadPipelines } from "../src/index";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

describe("loadPipelines", () => {
  test("finds every pipeline a module exports", async () => {
    const pipelines = await loadPipelineModule(fixture("pipelines.ts"));
    expect(pipelines.map((pipeline) => pipeline.name)).toEqual([
      "quick",
      "broken",
      "holding",
      "chatty",
    ]);
  });

  test("adopts a pipeline from another copy of @milo/core by its shape", async () => {
    const [foreign] = await loadPipelineModule(fixture("foreignPipeline.ts"));
    expect(foreign).toBeInstanceOf(Pipeline);
    expect(foreign!.toGraph()).toEqual({
      name: "foreign",
      phases: [
        { name: "one", dependsOn: [], parallel: false, weight: 1, description: "" },
        { name: "two", dependsOn: ["one"], parallel: false, weight: 1, description: "" },
      ],
    });
  });

  test("a folder: each module in it and each subfolder's pipeline.ts; a broken one is a warning", async () => {
    const loaded = await loadPipelines([fileURLToPath(new URL("./fixtures", import.meta.url))]);
    expect(loaded.pipelines.map((pipeline) => pipeline.name).sort()).toEqual([
      "broken",
      "chatty",
      "foreign",
      "holding",
      "nested",
      "quick",
    ]);
    expect(loaded.warnings).toEqual([expect.stringContaining("this module is broken on purpose")]);
  });

  test("the same name twice: the first is kept, the second is a warning", async () => {
    const loaded = await loadPipelines([fixture("pipelines.ts"), fixture("pipelines.ts")]);
    expect(loaded.pipelines).toHaveLength(4);
    expect(loaded.warnings).toHaveLength(4);
    expect(loaded.warnings[0]).toContain('Pipeline "quick"');
  });

  test("a named file that cannot be used is an error that says why", async () => {
    await expect(loadPipelines(["no/such/file.ts"])).rejects.toThrow(LoadError);
    await expect(loadPipelines(["no/such/file.ts"])).rejects.toThrow("No such file or folder");
    await expect(loadPipelines([fixture("nothing.ts")])).rejects.toThrow("exports no pipeline");
    await expect(loadPipelines([fixture("throws.ts")])).rejects.toThrow("broken on purpose");
    await expect(
      loadPipelineModule(fileURLToPath(new URL("../package.json", import.meta.url))),
    ).rejects.toThrow("must end in .ts, .mts, .js, .mjs");
  });
});
