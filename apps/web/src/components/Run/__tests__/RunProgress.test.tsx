import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recordedActions, recordedState } from "../../../test/recordedRun";
import { RunProgress } from "../RunProgress";
import { StatusCounts } from "../StatusCounts";

describe("RunProgress", () => {
  it("shows weighted progress as a whole percentage, with elapsed time ticking from the start", () => {
    const state = recordedState(25);
    expect(state.status).toBe("running");
    render(<RunProgress state={state} now={state.startedAt! + 65_000} />);
    const bar = screen.getByTestId("run-progress");
    expect(bar.getAttribute("role")).toBe("progressbar");
    expect(bar.getAttribute("aria-valuenow")).toBe(String(Math.round(state.progress * 100)));
    expect(Number.isInteger(Number(bar.getAttribute("aria-valuenow")))).toBe(true);
    expect(screen.getByTestId("run-elapsed").textContent).toBe("1m 05s");
    expect(screen.getByTestId("run-current-phase").textContent).toBe(state.currentPhase);
  });

  it("stops the clock at the run's end", () => {
    const state = recordedState();
    render(<RunProgress state={state} now={state.endedAt! + 999_999} />);
    expect(screen.getByTestId("run-progress").getAttribute("aria-valuenow")).toBe("100");
    expect(screen.getByTestId("run-elapsed").textContent).toBe(
      `${(state.elapsed / 1000).toFixed(1)}s`,
    );
  });
});

describe("StatusCounts", () => {
  it("counts the phases in each status", () => {
    const state = recordedState(recordedActions.length);
    render(<StatusCounts state={state} />);
    expect(screen.getByTestId("status-count-completed").dataset.count).toBe("4");
    expect(screen.getByTestId("status-count-skipped").dataset.count).toBe("1");
    expect(screen.getByTestId("status-count-failed").dataset.count).toBe("0");
  });
});
