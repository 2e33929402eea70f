import {
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_RETRY,
  PHASE_START,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import {
  axisTicks,
  linearScale,
  timeDomain,
  timelineRows,
  timeTicks,
  visibleRows,
  withEmptyRows,
} from "../timeline";

const graph: PipelineGraph = {
  name: "deploy",
  phases: [
    { name: "fetch", dependsOn: [], parallel: false, weight: 1, description: "" },
    { name: "build", dependsOn: ["fetch"], parallel: true, weight: 3, description: "" },
    { name: "lint", dependsOn: ["fetch"], parallel: true, weight: 1, description: "" },
    { name: "ship", dependsOn: ["build", "lint"], parallel: false, weight: 1, description: "" },
  ],
};

function stateAfter(actions: [string, Record<string, unknown>][]): PipelineState {
  const reduce = createPipelineReducer(graph);
  let state = reduce(undefined, { type: INIT, payload: undefined });
  for (const [type, payload] of actions) state = reduce(state, { type, payload });
  return state;
}

const state = stateAfter([
  [PIPELINE_START, { at: 1000 }],
  [PHASE_START, { name: "fetch", attempt: 1, at: 1000 }],
  [PHASE_COMPLETE, { name: "fetch", at: 2000 }],
  [PHASE_START, { name: "lint", attempt: 1, at: 2000 }],
  [PHASE_START, { name: "build", attempt: 1, at: 2000 }],
  [PHASE_RETRY, { name: "build", attempt: 1, error: "flaky", delayMs: 500, at: 2500 }],
  [PHASE_COMPLETE, { name: "lint", at: 2600 }],
  [PHASE_START, { name: "build", attempt: 2, at: 3000 }],
]);

describe("timelineRows", () => {
  it("has a row per started phase, in start order, with a bar per attempt", () => {
    const rows = timelineRows(state.phases, 4000);
    expect(rows.map((row) => row.phase)).toEqual(["fetch", "build", "lint"]);
    const build = rows[1]!;
    expect(build.bars).toEqual([
      {
        phase: "build",
        attempt: 1,
        start: 2000,
        end: 2500,
        status: "retrying",
        running: false,
        error: "flaky",
      },
      {
        phase: "build",
        attempt: 2,
        start: 3000,
        end: 4000,
        status: "running",
        running: true,
        error: null,
      },
    ]);
    expect(rows[0]!.bars[0]).toMatchObject({ start: 1000, end: 2000, status: "completed" });
  });

  it("grows the running bar with the clock", () => {
    const later = timelineRows(state.phases, 9000);
    expect(later[1]!.bars[1]!.end).toBe(9000);
  });
});

describe("withEmptyRows", () => {
  it("adds an empty row for each phase without one, once", () => {
    const rows = timelineRows(state.phases, 4000);
    const more = withEmptyRows(rows, ["ship", "fetch", "ship"]);
    expect(more.map((row) => row.phase)).toEqual(["fetch", "build", "lint", "ship"]);
    expect(more.at(-1)).toEqual({ phase: "ship", bars: [], wallElapsed: 0 });
    expect(withEmptyRows(rows, [])).toBe(rows);
  });
});

describe("timeDomain", () => {
  it("runs from the run's start to now while it runs", () => {
    const rows = timelineRows(state.phases, 4000);
    expect(timeDomain(rows, state, 4000)).toEqual({ start: 1000, end: 4000 });
  });

  it("ends at the run's end once it has ended", () => {
    expect(timeDomain([], { startedAt: 0, endedAt: 5000 }, 99_999)).toEqual({
      start: 0,
      end: 5000,
    });
  });

  it("is never shorter than the minimum span", () => {
    expect(timeDomain([], { startedAt: 100, endedAt: null }, 150)).toEqual({
      start: 100,
      end: 1100,
    });
  });

  it("starts at now before anything has started", () => {
    expect(timeDomain([], { startedAt: null, endedAt: null }, 500)).toEqual({
      start: 500,
      end: 1500,
    });
  });
});

describe("linearScale", () => {
  it("maps the domain onto the range", () => {
    const scale = linearScale({ start: 1000, end: 3000 }, [0, 400]);
    expect(scale(1000)).toBe(0);
    expect(scale(2000)).toBe(200);
    expect(scale(3000)).toBe(400);
  });
});

describe("timeTicks", () => {
  it("picks the smallest round step that fits", () => {
    expect(timeTicks({ start: 0, end: 10_000 }, 6)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(timeTicks({ start: 5, end: 95_005 }, 5)).toEqual([0, 30_000, 60_000, 90_000]);
  });

  it("uses sub-second steps for short runs", () => {
    expect(timeTicks({ start: 0, end: 1000 }, 5)).toEqual([0, 200, 400, 600, 800, 1000]);
  });
});

describe("axisTicks", () => {
  it("labels a zoomed view with round offsets from the run's start", () => {
    expect(axisTicks({ start: 3300, end: 4400 }, 1000, 6)).toEqual([
      2400, 2600, 2800, 3000, 3200, 3400,
    ]);
  });
});

describe("visibleRows", () => {
  it("covers the viewport plus the overscan", () => {
    expect(visibleRows(0, 100, 20, 1000, 2)).toEqual({ first: 0, last: 7 });
    expect(visibleRows(1000, 100, 20, 1000, 2)).toEqual({ first: 48, last: 57 });
  });

  it("stays within the rows that exist", () => {
    expect(visibleRows(5000, 400, 20, 10)).toEqual({ first: 10, last: 10 });
  });
});
