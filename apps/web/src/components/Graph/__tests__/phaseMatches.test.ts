import { Phase, Pipeline } from "@milo/core";
import { describe, expect, it } from "vitest";
import { phaseMatches } from "../phaseMatches";

const graph = new Pipeline(
  "site",
  new Phase("discover", { handler: () => 1, description: "Find the Markdown pages" }),
  new Phase("render", { handler: () => 2, dependsOn: ["discover"] }),
).toGraph();
const [discover, render] = graph.phases;

describe("phaseMatches", () => {
  it("matches a name or a description, in any case", () => {
    expect(phaseMatches(discover!, "disc")).toBe(true);
    expect(phaseMatches(discover!, "markdown")).toBe(true);
    expect(phaseMatches(render!, "markdown")).toBe(false);
    expect(phaseMatches(render!, "end")).toBe(true);
  });

  it("matches nothing for an empty search", () => {
    expect(phaseMatches(discover!, "")).toBe(false);
  });
});
