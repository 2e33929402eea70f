import { describe, expect, it } from "vitest";
import { criticalPath } from "../../src/index";
import { graphOf, log, ranOnce, replay } from "./runLog";

describe("criticalPath", () => {
  it("follows the chain of dependencies that set a finished run's duration", () => {
    const graph = graphOf([
      ["a", []],
      ["b", ["a"]],
      ["c", ["b"]],
      ["side", []],
    ]);
    const state = replay(graph, [
      log.start(0),
      ...ranOnce([
        ["a", 0, 10],
        ["side", 0, 5],
        ["b", 10, 30],
        ["c", 30, 35],
      ]),
      log.complete(35),
    ]);
    const path = criticalPath(graph, state);
    expect(path).toMatchObject({ start: 0, end: 35, durationMs: 35, estimated: false });
    expect(path.steps).toEqual([
      {
        name: "a",
        start: 0,
        end: 10,
        durationMs: 10,
        waitMs: 0,
        waitedOn: "start",
        share: 10 / 35,
        estimated: false,
      },
      {
        name: "b",
        start: 10,
        end: 30,
        durationMs: 20,
        waitMs: 0,
        waitedOn: "dependency",
        share: 20 / 35,
        estimated: false,
      },
      {
        name: "c",
        start: 30,
        end: 35,
        durationMs: 5,
        waitMs: 0,
        waitedOn: "dependency",
        share: 5 / 35,
        estimated: false,
      },
    ]);
    expect(path.slack).toEqual([
      { name: "a", slackMs: 0 },
      { name: "b", slackMs: 0 },
      { name: "c", slackMs: 0 },
      { name: "side", slackMs: 30 },
    ]);
  });

  it("goes through the phase whose end freed a slot when a phase waited for one", () => {
    // Concurrency 1: "late" needed nothing but a free slot.
    const graph = graphOf([
      ["first", []],
      ["late", []],
    ]);
    const state = replay(graph, [
      log.start(0),
      ...ranOnce([
        ["first", 0, 10],
        ["late", 10, 25],
      ]),
      log.complete(25),
    ]);
    const path = criticalPath(graph, state);
    expect(path.steps.map((step) => [step.name, step.waitedOn])).toEqual([
      ["first", "start"],
      ["late", "slot"],
    ]);
    expect(path.slack).toEqual([
      { name: "first", slackMs: 0 },
      { name: "late", slackMs: 0 },
    ]);
  });

  it("takes the later of two dependencies, and gives the other its slack", () => {
    const graph = graphOf([
      ["quick", []],
      ["slow", []],
      ["join", ["quick", "slow"]],
    ]);
    const state = replay(graph, [
      log.start(0),
      ...ranOnce([
        ["quick", 0, 10],
        ["slow", 0, 20],
        ["join", 20, 30],
      ]),
      log.complete(30),
    ]);
    const path = criticalPath(graph, state);
    expect(path.steps.map((step) => step.name)).toEqual(["slow", "join"]);
    expect(path.slack).toEqual([
      { name: "quick", slackMs: 10 },
      { name: "slow", slackMs: 0 },
      { name: "join", slackMs: 0 },
    ]);
  });

  it("counts a retried phase's wall time, back-off included, and a wait before a start", () => {
    const graph = graphOf([
      ["flaky", []],
      ["after", ["flaky"]],
    ]);
    const state = replay(graph, [
      log.start(0),
      log.phaseStart("flaky", 0),
      log.phaseRetry("flaky", 5, 10),
      log.phaseStart("flaky", 15, 2),
      log.phaseComplete("flaky", 20),
      // An agent took 4 ms to pick the next phase up.
      log.phaseStart("after", 24),
      log.phaseComplete("after", 30),
      log.complete(30),
    ]);
    const path = criticalPath(graph, state);
    expect(
      path.steps.map(({ name, durationMs, waitMs }) => ({ name, durationMs, waitMs })),
    ).toEqual([
      { name: "flaky", durationMs: 20, waitMs: 0 },
      { name: "after", durationMs: 6, waitMs: 4 },
    ]);
    expect(path.slack).toEqual([
      { name: "flaky", slackMs: 4 },
      { name: "after", slackMs: 0 },
    ]);
  });

  it("leaves out phases that never ran after a failure", () => {
    const graph = graphOf([
      ["a", []],
      ["b", ["a"]],
    ]);
    const state = replay(graph, [
      log.start(0),
      log.phaseStart("a", 0),
      log.phaseFailed("a", 7),
      log.failed(7),
    ]);
    const path = criticalPath(graph, state);
    expect(path.steps.map((step) => step.name)).toEqual(["a"]);
    expect(path.slack).toEqual([{ name: "a", slackMs: 0 }]);
  });

  it("for a run under way, simulates the rest from the expected durations", () => {
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
    const path = criticalPath(graph, state, { now: 20, durations: { b: 30, c: 5 } });
    expect(path).toMatchObject({ start: 0, end: 45, durationMs: 45, estimated: true });
    expect(
      path.steps.map(({ name, start, end, estimated }) => ({ name, start, end, estimated })),
    ).toEqual([
      { name: "a", start: 0, end: 10, estimated: false },
      { name: "b", start: 10, end: 40, estimated: true },
      { name: "c", start: 40, end: 45, estimated: true },
    ]);
  });

  it("asks for the estimate's inputs for a run under way", () => {
    const graph = graphOf([["a", []]]);
    const state = replay(graph, [log.start(0), log.phaseStart("a", 0)]);
    expect(() => criticalPath(graph, state)).toThrow(/pass \{ now, durations, concurrency \}/);
  });

  it("is plain data that survives JSON", () => {
    const graph = graphOf([["a", []]]);
    const state = replay(graph, [log.start(0), ...ranOnce([["a", 0, 3]]), log.complete(3)]);
    const path = criticalPath(graph, state);
    expect(JSON.parse(JSON.stringify(path))).toEqual(path);
    expect(criticalPath(graph, JSON.parse(JSON.stringify(state)))).toEqual(path);
  });
});
