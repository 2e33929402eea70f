import { phaseStatus } from "@milo/core";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { runCriticalPath } from "../../../hooks/useCriticalPath";
import { recordedGraph, recordedState } from "../../../test/recordedRun";
import { RunTimeline, type RunTimelineProps } from "../RunTimeline";

// `seq` 0: no recorded actions to page in, so queue waits stay out of these tests (the e2e test
// loads them from the real worker).
function renderTimeline(props: Partial<RunTimelineProps> = {}) {
  const onSelect = vi.fn();
  const element = (more: Partial<RunTimelineProps>) => {
    const state = more.state ?? recordedState();
    const now = more.now ?? state.endedAt ?? state.startedAt ?? 0;
    return (
      <RunTimeline
        graph={recordedGraph}
        state={state}
        now={now}
        criticalPath={runCriticalPath(recordedGraph, state, now)}
        runId="run-1"
        seq={0}
        selected={null}
        onSelect={onSelect}
        {...more}
      />
    );
  };
  const view = render(element(props));
  return { onSelect, rerender: (more: Partial<RunTimelineProps>) => view.rerender(element(more)) };
}

describe("RunTimeline", () => {
  it("draws a bar per attempt, colored by how it ended, and selects a phase on click", () => {
    const { onSelect } = renderTimeline();
    const timeline = screen.getByTestId("run-timeline");
    expect(timeline.textContent).toContain("5 of 5 phases started");
    const attempts = phaseStatus(recordedState(), "fetch-deps")!.attempts;
    expect(attempts).toHaveLength(3);
    expect(screen.getByTestId("timeline-bar-fetch-deps-1").dataset.status).toBe("retrying");
    expect(screen.getByTestId("timeline-bar-fetch-deps-3").dataset.status).toBe("completed");
    expect(screen.getByTestId("timeline-bar-lint-1").dataset.status).toBe("skipped");
    fireEvent.click(screen.getByTestId("timeline-row-build"));
    expect(onSelect).toHaveBeenCalledWith("build");
  });

  it("says so while no phase has started yet", () => {
    const state = recordedState(1);
    renderTimeline({ state, now: state.startedAt! });
    expect(screen.getByTestId("run-timeline").textContent).toContain(
      "Waiting for the first phase to start",
    );
  });

  it("marks the critical path's rows, with the others' slack, and hides it on request", () => {
    renderTimeline();
    for (const phase of ["checkout", "fetch-deps", "build", "test"]) {
      expect(screen.getByTestId(`timeline-row-${phase}`).dataset.critical).toBe("true");
    }
    expect(screen.getByTestId("timeline-row-lint").dataset.critical).toBeUndefined();
    expect(screen.getByTestId("timeline-slack-lint")).toBeTruthy();
    expect(screen.getByTestId("timeline-row-lint").title).toMatch(/of slack/);
    expect(screen.getByTestId("timeline-critical-summary").textContent).toContain(
      "critical path 4 phases",
    );
    fireEvent.click(screen.getByTestId("timeline-critical-toggle"));
    expect(screen.getByTestId("timeline-row-build").dataset.critical).toBeUndefined();
    expect(screen.queryByTestId("timeline-slack-lint")).toBeNull();
  });

  it("draws a running run's expected critical path, the phases yet to run included", async () => {
    const state = recordedState(25);
    const now = phaseStatus(state, "build")!.startedAt! + 100;
    const criticalPath = runCriticalPath(recordedGraph, state, now, { durations: { test: 1000 } });
    renderTimeline({ state, now, criticalPath });
    const expected = await screen.findByTestId("timeline-expected-test");
    expect(expected.title).toContain("expected to take 1.0s");
    expect(screen.getByTestId("timeline-critical-summary").textContent).toContain(
      "expected critical path",
    );
    expect(screen.getByTestId("timeline-row-test").dataset.critical).toBe("true");
  });

  it("groups by level into rows that fold, and unfolds the group of the selected phase", () => {
    const { rerender } = renderTimeline();
    fireEvent.change(screen.getByTestId("timeline-group-by"), { target: { value: "level" } });
    const level2 = screen.getByTestId("timeline-group-level 2");
    expect(level2.getAttribute("aria-expanded")).toBe("true");
    fireEvent.click(level2);
    expect(level2.getAttribute("aria-expanded")).toBe("false");
    expect(screen.queryByTestId("timeline-row-lint")).toBeNull();
    // A group holding the critical path says so.
    expect(level2.dataset.critical).toBe("true");
    rerender({ selected: "lint" });
    expect(screen.getByTestId("timeline-row-lint")).toBeTruthy();
    expect(screen.getByTestId("timeline-row-lint").getAttribute("aria-pressed")).toBe("true");
  });

  it("sorts by duration, the longest first", () => {
    renderTimeline();
    fireEvent.change(screen.getByTestId("timeline-sort-by"), { target: { value: "duration" } });
    const order = [...screen.getAllByTestId(/^timeline-row-/)].map((row) =>
      row.dataset.testid!.slice("timeline-row-".length),
    );
    expect(order[0]).toBe("fetch-deps");
    expect(order).toHaveLength(5);
  });

  it("zooms with the buttons and resets to the whole run", () => {
    renderTimeline();
    const reset = screen.getByTestId("timeline-reset-zoom") as HTMLButtonElement;
    expect(reset.disabled).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Zoom in" }));
    expect(reset.disabled).toBe(false);
    fireEvent.click(reset);
    expect(reset.disabled).toBe(true);
  });
});
