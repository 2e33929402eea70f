import { phaseStatus } from "@milo/core";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { recordedState } from "../../../test/recordedRun";
import { RunTimeline } from "../RunTimeline";

describe("RunTimeline", () => {
  it("draws a bar per attempt, colored by how it ended, and selects a phase on click", () => {
    const state = recordedState();
    const onSelect = vi.fn();
    render(<RunTimeline state={state} now={state.endedAt!} selected={null} onSelect={onSelect} />);
    const timeline = screen.getByTestId("run-timeline");
    expect(timeline.textContent).toContain("5 of 5 phases started");
    const attempts = phaseStatus(state, "fetch-deps")!.attempts;
    expect(attempts).toHaveLength(3);
    expect(screen.getByTestId("timeline-bar-fetch-deps-1").dataset.status).toBe("retrying");
    expect(screen.getByTestId("timeline-bar-fetch-deps-3").dataset.status).toBe("completed");
    expect(screen.getByTestId("timeline-bar-lint-1").dataset.status).toBe("skipped");
    fireEvent.click(screen.getByTestId("timeline-row-build"));
    expect(onSelect).toHaveBeenCalledWith("build");
  });

  it("says so while no phase has started yet", () => {
    const state = recordedState(1);
    render(
      <RunTimeline state={state} now={state.startedAt!} selected={null} onSelect={() => {}} />,
    );
    expect(screen.getByTestId("run-timeline").textContent).toContain(
      "Waiting for the first phase to start",
    );
  });
});
