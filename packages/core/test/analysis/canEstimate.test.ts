import { describe, expect, it } from "vitest";
import { canEstimate } from "../../src/index";
import { graphOf, log, ranOnce, replay } from "./runLog";

describe("canEstimate", () => {
  const graph = graphOf([
    ["a", []],
    ["b", ["a"]],
  ]);

  it("has nothing to go on before any phase ends, without history", () => {
    const started = replay(graph, [log.start(0), log.phaseStart("a", 0)]);
    expect(canEstimate(started, {})).toBe(false);
    expect(canEstimate(started, { b: 500 })).toBe(true);
  });

  it("guesses by weight once a phase has completed", () => {
    const state = replay(graph, [log.start(0), ...ranOnce([["a", 0, 40]])]);
    expect(canEstimate(state, {})).toBe(true);
  });
});
