import { describe, expect, it } from "vitest";
import { runCriticalPath } from "../../../hooks/useCriticalPath";
import { recordedGraph, recordedState } from "../../../test/recordedRun";
import { expectedPhases, timelineCriticalPath } from "../timelineCriticalPath";

describe("timelineCriticalPath", () => {
  it("is the chain that set a finished run's duration, with links and every phase's slack", () => {
    const state = recordedState();
    const path = timelineCriticalPath(runCriticalPath(recordedGraph, state, state.endedAt!)!);
    expect(path.estimated).toBe(false);
    expect(path.steps.map((step) => step.name)).toEqual([
      "checkout",
      "fetch-deps",
      "build",
      "test",
    ]);
    expect(path.links.map((link) => `${link.from}→${link.to}`)).toEqual([
      "checkout→fetch-deps",
      "fetch-deps→build",
      "build→test",
    ]);
    expect(path.links[1]).toMatchObject({
      fromEnd: path.byName.get("fetch-deps")!.end,
      toStart: path.byName.get("build")!.start,
      waitedOn: "dependency",
    });
    // lint was skipped long before fetch-deps got through its retries.
    expect(path.slack.get("lint")).toBeGreaterThan(1000);
    // test started a millisecond after build ended.
    expect(path.slack.get("build")).toBeLessThanOrEqual(1);
    expect(path.durationMs).toBe(state.endedAt! - state.startedAt!);
  });

  it("expects the rest of a run under way, and the phases it still has to run", () => {
    // Through build's start: test has not started yet.
    const state = recordedState(25);
    expect(state.status).toBe("running");
    const now = state.phases.find((phase) => phase.name === "build")!.startedAt! + 100;
    const path = timelineCriticalPath(runCriticalPath(recordedGraph, state, now)!);
    expect(path.estimated).toBe(true);
    expect(path.steps.at(-1)).toMatchObject({ name: "test", estimated: true });
    expect(path.end).toBeGreaterThan(now);
    // build runs now; test is still to come.
    expect(expectedPhases(path)).toEqual(["build", "test"]);
  });

  it("is null before the run has started", () => {
    const state = recordedState(0);
    expect(runCriticalPath(recordedGraph, state, 0)).toBeNull();
    expect(expectedPhases(null)).toEqual([]);
  });
});
