import { describe, expect, it } from "vitest";
import { queueWaits } from "../../src/index";
import { graphOf, log, ranOnce } from "./runLog";

describe("queueWaits", () => {
  it("counts the time a ready phase waited for a slot, with the ready and running counts", () => {
    // Concurrency 1: both could start at 0.
    const graph = graphOf([
      ["a", []],
      ["b", []],
    ]);
    const waits = queueWaits(graph, [
      log.start(0),
      ...ranOnce([
        ["a", 0, 10],
        ["b", 10, 20],
      ]),
      log.complete(20),
    ]);
    expect(waits.phases).toEqual([
      { name: "a", waitMs: 0 },
      { name: "b", waitMs: 10 },
    ]);
    expect(waits.totalWaitMs).toBe(10);
    expect(waits.steps).toEqual([
      { at: 0, ready: 1, running: 1 },
      { at: 10, ready: 0, running: 1 },
      { at: 20, ready: 0, running: 0 },
    ]);
  });

  it("counts from the last dependency's end, and from the end of a retry's back-off", () => {
    const graph = graphOf([
      ["flaky", []],
      ["after", ["flaky"]],
    ]);
    const waits = queueWaits(graph, [
      log.start(0),
      log.phaseStart("flaky", 0),
      log.phaseRetry("flaky", 5, 10),
      // Back-off over at 15; the attempt waited 3 ms for an agent.
      log.phaseStart("flaky", 18, 2),
      log.phaseComplete("flaky", 20),
      log.phaseStart("after", 22),
      log.phaseComplete("after", 30),
      log.complete(30),
    ]);
    expect(waits.phases).toEqual([
      { name: "flaky", waitMs: 3 },
      { name: "after", waitMs: 2 },
    ]);
    // Where each wait was: the retry's after its back-off, the dependent's after its dependency.
    expect(waits.intervals).toEqual([
      { name: "flaky", start: 15, end: 18 },
      { name: "after", start: 20, end: 22 },
    ]);
    expect(waits.steps).toEqual([
      { at: 0, ready: 0, running: 1 },
      { at: 5, ready: 0, running: 0 },
      { at: 15, ready: 1, running: 0 },
      { at: 18, ready: 0, running: 1 },
      { at: 20, ready: 1, running: 0 },
      { at: 22, ready: 0, running: 1 },
      { at: 30, ready: 0, running: 0 },
    ]);
  });

  it("counts a skipped dependency as done, and stops counting at a failure that stops the run", () => {
    const graph = graphOf([
      ["a", []],
      ["b", ["a"]],
      ["c", []],
      ["d", []],
    ]);
    const waits = queueWaits(graph, [
      log.start(0),
      log.phaseStart("a", 0),
      log.phaseSkipped("a", 4),
      log.phaseStart("b", 6),
      log.phaseFailed("b", 10),
      log.failed(10),
    ]);
    // c and d were ready from 0 and never started: they waited until the failure.
    expect(waits.phases).toEqual([
      { name: "a", waitMs: 0 },
      { name: "b", waitMs: 2 },
      { name: "c", waitMs: 10 },
      { name: "d", waitMs: 10 },
    ]);
    expect(waits.totalWaitMs).toBe(22);
    expect(waits.steps.at(-1)).toEqual({ at: 10, ready: 0, running: 0 });
  });

  it("lists the waits of a run under way that are not over yet", () => {
    const graph = graphOf([
      ["a", []],
      ["b", []],
      ["c", ["a"]],
    ]);
    // One slot: b waits from the start, c from a's end; neither has started yet.
    const waits = queueWaits(graph, [
      log.start(0),
      log.phaseStart("a", 0),
      log.phaseComplete("a", 5),
    ]);
    expect(waits.waiting).toEqual([
      { name: "b", since: 0 },
      { name: "c", since: 5 },
    ]);
    expect(waits.totalWaitMs).toBe(0);
    const ended = queueWaits(graph, [
      log.start(0),
      ...ranOnce([
        ["a", 0, 5],
        ["b", 5, 10],
        ["c", 10, 15],
      ]),
      log.complete(15),
    ]);
    expect(ended.waiting).toEqual([]);
  });

  it("ignores log lines and unknown phases", () => {
    const graph = graphOf([["a", []]]);
    const waits = queueWaits(graph, [
      log.start(0),
      { type: "@@PHASE_LOG", payload: { name: "a", line: "hi", stream: "stdout", at: 1 } },
      log.phaseStart("ghost", 1),
      ...ranOnce([["a", 2, 3]]),
    ]);
    expect(waits.phases).toEqual([{ name: "a", waitMs: 2 }]);
  });
  it("counts a phase reused from an earlier run as done, with no wait of its own", () => {
    const graph = graphOf([
      ["cached", []],
      ["next", ["cached"]],
    ]);
    const waits = queueWaits(graph, [
      log.start(0),
      { type: "@@PHASE_REUSED", payload: { name: "cached", fromRun: "earlier", at: 0 } },
      ...ranOnce([["next", 1, 5]]),
      log.complete(5),
    ]);
    expect(waits.phases).toEqual([
      { name: "cached", waitMs: 0 },
      { name: "next", waitMs: 1 },
    ]);
  });
  it("makes one step of the changes at one instant, and none of a change undone at once", () => {
    const graph = graphOf([
      ["a", []],
      ["b", []],
    ]);
    const waits = queueWaits(graph, [
      log.start(0),
      ...ranOnce([
        ["a", 0, 5],
        ["b", 5, 9],
      ]),
      log.complete(9),
    ]);
    // At 5, "a" ends and "b" starts: one running before and after, so no step at 5.
    expect(waits.steps).toEqual([
      { at: 0, ready: 1, running: 1 },
      { at: 5, ready: 0, running: 1 },
      { at: 9, ready: 0, running: 0 },
    ]);
    const chain = graphOf([
      ["x", []],
      ["y", ["x"]],
    ]);
    const chained = queueWaits(chain, [
      log.start(0),
      ...ranOnce([
        ["x", 0, 5],
        ["y", 5, 9],
      ]),
      log.complete(9),
    ]);
    expect(chained.steps).toEqual([
      { at: 0, ready: 0, running: 1 },
      { at: 9, ready: 0, running: 0 },
    ]);
  });
});
