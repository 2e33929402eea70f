import { describe, expect, it } from "vitest";
import { compareRuns } from "../../src/index";
import { graphOf, log, ranOnce, replay } from "./runLog";

describe("compareRuns", () => {
  const graph = graphOf([
    ["a", []],
    ["b", []],
    ["c", []],
    ["d", ["c"]],
  ]);
  const before = replay(graph, [
    log.start(0),
    ...ranOnce([
      ["a", 0, 10],
      ["b", 0, 20],
      ["c", 0, 5],
      ["d", 5, 6],
    ]),
    log.complete(20),
  ]);
  const after = replay(graph, [
    log.start(0),
    log.phaseStart("b", 0),
    log.phaseStart("c", 0),
    log.phaseStart("a", 0),
    log.phaseRetry("a", 10, 5),
    log.phaseStart("a", 15, 2),
    log.phaseComplete("a", 30),
    log.phaseFailed("b", 8),
    log.phaseComplete("c", 4),
    log.failed(30),
  ]);

  it("puts status changes first, then the largest duration changes", () => {
    const comparison = compareRuns(graph, before, after);
    expect(comparison).toEqual([
      {
        name: "b",
        before: { status: "completed", durationMs: 20 },
        after: { status: "failed", durationMs: 8 },
        deltaMs: -12,
        ratio: 0.4,
        statusChanged: true,
      },
      {
        name: "d",
        before: { status: "completed", durationMs: 1 },
        after: { status: "pending", durationMs: null },
        deltaMs: null,
        ratio: null,
        statusChanged: true,
      },
      {
        // Wall time over both attempts, back-off included.
        name: "a",
        before: { status: "completed", durationMs: 10 },
        after: { status: "completed", durationMs: 30 },
        deltaMs: 20,
        ratio: 3,
        statusChanged: false,
      },
      {
        name: "c",
        before: { status: "completed", durationMs: 5 },
        after: { status: "completed", durationMs: 4 },
        deltaMs: -1,
        ratio: 0.8,
        statusChanged: false,
      },
    ]);
  });

  it("gives no ratio against a phase that took no time", () => {
    const g = graphOf([["a", []]]);
    const instant = replay(g, [log.start(0), ...ranOnce([["a", 0, 0]]), log.complete(0)]);
    const slower = replay(g, [log.start(0), ...ranOnce([["a", 0, 5]]), log.complete(5)]);
    expect(compareRuns(g, instant, slower)[0]).toMatchObject({ deltaMs: 5, ratio: null });
  });
});
