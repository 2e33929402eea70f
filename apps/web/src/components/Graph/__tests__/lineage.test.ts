import type { PipelineGraph } from "@milo/core";
import { describe, expect, it } from "vitest";
import { isLineageEdge, lineageOf } from "../lineage";

const graph: PipelineGraph = {
  name: "site",
  phases: [
    ["fetch"],
    ["build", "fetch"],
    ["docs", "fetch"],
    ["test", "build"],
    ["publish", "test", "docs"],
    ["unrelated"],
  ].map(([name, ...dependsOn]) => ({
    name: name!,
    dependsOn,
    parallel: false,
    weight: 1,
    description: "",
  })),
};

describe("lineageOf", () => {
  it("finds everything upstream and downstream of a phase", () => {
    const lineage = lineageOf(graph, "build");
    expect([...lineage.upstream].sort()).toEqual(["fetch"]);
    expect([...lineage.downstream].sort()).toEqual(["publish", "test"]);
  });

  it("keeps edges through the selected phase and drops side paths", () => {
    const lineage = lineageOf(graph, "build");
    expect(isLineageEdge(lineage, "build", "fetch", "build")).toBe(true);
    expect(isLineageEdge(lineage, "build", "test", "publish")).toBe(true);
    expect(isLineageEdge(lineage, "build", "fetch", "docs")).toBe(false);
    expect(isLineageEdge(lineage, "build", "docs", "publish")).toBe(false);
  });
});
