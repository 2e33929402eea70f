import { clockTime, criticalPath, estimateRun } from "@milo/core";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { runEstimate } from "../../../hooks/useRunEstimate";
import { recordedGraph, recordedState } from "../../../test/recordedRun";
import { CriticalPathPanel } from "../CriticalPathPanel";
import { RunEta } from "../RunEta";

const rowNames = (testId: string) =>
  screen.getAllByTestId(`${testId}-row`).map((row) => row.getAttribute("data-phase"));

describe("CriticalPathPanel", () => {
  const path = criticalPath(recordedGraph, recordedState());

  it("lists the steps in order with their share and wait, and selects a phase", () => {
    const onSelect = vi.fn();
    render(<CriticalPathPanel path={path} onSelect={onSelect} />);
    expect(rowNames("critical-path-steps")).toEqual(path.steps.map((step) => step.name));
    const first = screen.getAllByTestId("critical-path-steps-row")[0]!;
    expect(first.textContent).toContain(`${Math.round(path.steps[0]!.share * 100)}%`);
    expect(first.textContent).toContain("the run's start");
    fireEvent.click(within(first).getByRole("button", { name: path.steps[0]!.name }));
    expect(onSelect).toHaveBeenCalledWith(path.steps[0]!.name);
    const stepSlack = screen
      .getAllByTestId("critical-path-slack-row")
      .find((row) => row.getAttribute("data-phase") === path.steps[0]!.name)!;
    expect(stepSlack.textContent).toContain("none: on the path");
  });

  it("sorts by a column, longest first, and back", () => {
    render(<CriticalPathPanel path={path} onSelect={() => {}} />);
    const table = screen.getByTestId("critical-path-steps");
    fireEvent.click(within(table).getByRole("button", { name: "Duration" }));
    const longestFirst = [...path.steps].sort((a, b) => b.durationMs - a.durationMs);
    expect(rowNames("critical-path-steps")).toEqual(longestFirst.map((step) => step.name));
    expect(
      within(table)
        .getByRole("columnheader", { name: /Duration/ })
        .getAttribute("aria-sort"),
    ).toBe("descending");
    fireEvent.click(within(table).getByRole("button", { name: /Duration/ }));
    expect(rowNames("critical-path-steps")).toEqual(
      [...longestFirst].reverse().map((step) => step.name),
    );
  });

  it("shows the least slack first, the top ten until asked for all", () => {
    const many = {
      ...path,
      slack: Array.from({ length: 14 }, (_, index) => ({
        name: `p${index}`,
        slackMs: 1000 - index,
      })),
    };
    render(<CriticalPathPanel path={many} onSelect={() => {}} />);
    expect(rowNames("critical-path-slack")).toHaveLength(10);
    expect(rowNames("critical-path-slack")[0]).toBe("p13");
    fireEvent.click(screen.getByRole("button", { name: "Show all 14" }));
    expect(rowNames("critical-path-slack")).toHaveLength(14);
  });
});

describe("RunEta", () => {
  it("says when a running run should end, and nothing for one that has ended", () => {
    const running = recordedState(10);
    const now = running.startedAt! + 500;
    const estimate = estimateRun(recordedGraph, running, { now, durations: { test: 60_000 } });
    const { rerender } = render(<RunEta estimate={estimate} />);
    const eta = screen.getByTestId("run-eta");
    expect(eta.textContent).toMatch(/^ends in ~1 m \d+ s \(\d\d:\d\d\)$/);
    expect(Number(eta.dataset.remainingMs)).toBe(Math.round(estimate.remainingMs));
    rerender(<RunEta estimate={null} />);
    expect(screen.queryByTestId("run-eta")).toBeNull();
  });

  it("at a past moment says what was expected then, not a countdown", () => {
    const running = recordedState(10);
    const now = running.startedAt! + 500;
    const estimate = estimateRun(recordedGraph, running, { now, durations: { test: 60_000 } });
    render(<RunEta estimate={estimate} past />);
    const eta = screen.getByTestId("run-eta");
    expect(eta.textContent).toBe(`expected then to end at ${clockTime(estimate.expectedEnd)}`);
    expect(eta.dataset.past).toBe("true");
  });

  it("has no estimate while nothing is known: no history and no phase done", () => {
    const justStarted = recordedState(2);
    expect(justStarted.status).toBe("running");
    const now = justStarted.startedAt! + 100;
    const none = { durations: {}, concurrency: null };
    expect(runEstimate(recordedGraph, justStarted, now, none)).toBeNull();
    const known = { durations: { checkout: 1000 }, concurrency: null };
    expect(runEstimate(recordedGraph, justStarted, now, known)).not.toBeNull();
  });
});
