import { describe, expect, it } from "vitest";
import { estimateRun } from "../../src/index";
import { graphOf, log, ranOnce, replay } from "./runLog";

const spans = (estimate: ReturnType<typeof estimateRun>) =>
  estimate.phases.map(({ name, start, end }) => [name, start, end]);

describe("estimateRun", () => {
  it("on a chain: the running phase's expected rest, then the phases after it", () => {
    const graph = graphOf([
      ["a", []],
      ["b", ["a"]],
      ["c", ["b"]],
    ]);
    const state = replay(graph, [
      log.start(0),
      ...ranOnce([["a", 0, 10]]),
      log.phaseStart("b", 10),
    ]);
    const estimate = estimateRun(graph, state, { now: 25, durations: { b: 20, c: 10 } });
    expect(estimate.expectedEnd).toBe(40);
    expect(estimate.remainingMs).toBe(15);
    expect(spans(estimate)).toEqual([
      ["a", 0, 10],
      ["b", 10, 30],
      ["c", 30, 40],
    ]);
    expect(estimate.phases.map((phase) => phase.estimated)).toEqual([false, true, true]);
  });

  it("never gives a running phase less than no time left", () => {
    const graph = graphOf([
      ["a", []],
      ["b", ["a"]],
    ]);
    const state = replay(graph, [log.start(0), log.phaseStart("a", 0)]);
    const estimate = estimateRun(graph, state, { now: 50, durations: { a: 10, b: 5 } });
    expect(spans(estimate)).toEqual([
      ["a", 0, 50],
      ["b", 50, 55],
    ]);
  });

  it("fans out under the concurrency limit, the longest path first, then by name", () => {
    const graph = graphOf([
      ["root", []],
      ["c1", ["root"]],
      ["c2", ["root"]],
      ["c3", ["root"]],
      ["c4", ["root"], { weight: 3 }],
    ]);
    const state = replay(graph, [log.start(0), ...ranOnce([["root", 0, 10]])]);
    const estimate = estimateRun(graph, state, {
      now: 10,
      concurrency: 2,
      durations: { c1: 30, c2: 10, c3: 10, c4: 10 },
    });
    expect(spans(estimate)).toEqual([
      ["root", 0, 10],
      ["c4", 10, 20],
      ["c1", 10, 40],
      ["c2", 20, 30],
      ["c3", 30, 40],
    ]);
    expect(estimate.expectedEnd).toBe(40);
  });

  it("runs a non-parallel phase alone, when nothing else runs", () => {
    const graph = graphOf([
      ["root", []],
      ["a", ["root"]],
      ["b", ["root"]],
      ["solo", ["root"], { parallel: false }],
    ]);
    const state = replay(graph, [log.start(0), ...ranOnce([["root", 0, 10]])]);
    const durations = { a: 10, b: 10, solo: 20 };
    // Equal priorities: "a" comes first by name, so the parallel phases go first.
    expect(spans(estimateRun(graph, state, { now: 10, durations }))).toEqual([
      ["root", 0, 10],
      ["a", 10, 20],
      ["b", 10, 20],
      ["solo", 20, 40],
    ]);
    // A heavier solo phase goes first, and alone.
    const heavier = graphOf([
      ["root", []],
      ["a", ["root"]],
      ["b", ["root"]],
      ["solo", ["root"], { parallel: false, weight: 5 }],
    ]);
    expect(
      spans(
        estimateRun(heavier, replay(heavier, [log.start(0), ...ranOnce([["root", 0, 10]])]), {
          now: 10,
          durations,
        }),
      ),
    ).toEqual([
      ["root", 0, 10],
      ["solo", 10, 30],
      ["a", 30, 40],
      ["b", 30, 40],
    ]);
  });

  it("guesses a phase with no history from the time per unit of weight so far", () => {
    const graph = graphOf([
      ["a", [], { weight: 2 }],
      ["b", ["a"], { weight: 3 }],
    ]);
    const state = replay(graph, [log.start(0), ...ranOnce([["a", 0, 20]])]);
    expect(estimateRun(graph, state, { now: 20 }).expectedEnd).toBe(50);
  });

  it("starts nothing more after a failure that stops the run", () => {
    const graph = graphOf([
      ["a", []],
      ["b", []],
      ["c", ["b"]],
    ]);
    const state = replay(graph, [
      log.start(0),
      log.phaseStart("a", 0),
      log.phaseStart("b", 0),
      log.phaseFailed("a", 5),
    ]);
    const estimate = estimateRun(graph, state, { now: 5, durations: { b: 10, c: 10 } });
    expect(estimate.expectedEnd).toBe(10);
    expect(spans(estimate)).toEqual([
      ["a", 0, 5],
      ["b", 0, 10],
    ]);
  });

  it("simulates a run not yet started from now, and returns a finished run as recorded", () => {
    const graph = graphOf([
      ["a", []],
      ["b", ["a"]],
    ]);
    const pending = replay(graph, []);
    expect(estimateRun(graph, pending, { now: 100, durations: { a: 1, b: 2 } }).expectedEnd).toBe(
      103,
    );
    const finished = replay(graph, [
      log.start(0),
      ...ranOnce([
        ["a", 0, 4],
        ["b", 4, 9],
      ]),
      log.complete(9),
    ]);
    const estimate = estimateRun(graph, finished, { now: 50, durations: { a: 100 } });
    expect(estimate).toEqual({
      expectedEnd: 9,
      remainingMs: 0,
      phases: [
        { name: "a", start: 0, end: 4, estimated: false },
        { name: "b", start: 4, end: 9, estimated: false },
      ],
    });
  });

  it("says what is wrong with a concurrency it cannot use", () => {
    const graph = graphOf([["a", []]]);
    expect(() => estimateRun(graph, replay(graph, []), { now: 0, concurrency: 0 })).toThrow(
      /concurrency must be a whole number of 1 or more/,
    );
  });
  it("counts a phase reused from an earlier run as done in no time, and not as history", () => {
    const graph = graphOf([
      ["cached", []],
      ["a", ["cached"]],
      ["b", ["a"]],
    ]);
    const state = replay(graph, [
      log.start(0),
      { type: "@@PHASE_REUSED", payload: { name: "cached", fromRun: "earlier", at: 0 } },
      ...ranOnce([["a", 0, 8]]),
    ]);
    const estimate = estimateRun(graph, state, { now: 8 });
    expect(spans(estimate)).toEqual([
      ["cached", 0, 0],
      ["a", 0, 8],
      ["b", 8, 16],
    ]);
  });
});
