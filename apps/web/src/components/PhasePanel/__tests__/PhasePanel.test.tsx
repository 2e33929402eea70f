import { phaseStatus } from "@milo/core";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recordedState } from "../../../test/recordedRun";
import { renderPhasePanel } from "../../../test/renderPhasePanel";

describe("PhasePanel", () => {
  it("shows the phase's status, attempts, full error and logs", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPhasePanel(status);
    expect(screen.getByTestId("phase-panel").dataset.phase).toBe("lint");
    expect(screen.getByTestId("phase-status").dataset.status).toBe("skipped");
    expect(screen.getByTestId("phase-error").textContent).toBe(status.error);
    const logs = screen.getByTestId("phase-logs");
    for (const line of status.logs) expect(logs.textContent).toContain(line.line);
  });

  it("renders text from the pipeline as text, never as HTML", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    const hostile = '<img src="x" onerror="alert(1)"><b>bold</b>';
    renderPhasePanel({
      ...status,
      error: hostile,
      logs: [{ line: hostile, stream: "stderr", at: 0 }],
      logCount: 1,
    });
    expect(screen.getByTestId("phase-error").textContent).toBe(hostile);
    expect(screen.getByTestId("phase-panel").querySelector("img, b")).toBeNull();
  });

  it("keeps only the lines in view in the page, however long the log", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPhasePanel({ ...status, logCount: 100_000 });
    expect(screen.getByTestId("phase-logs-count").textContent).toBe("100,000 lines");
    const rows = screen.getByTestId("phase-logs").querySelectorAll("[data-index]");
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(100);
  });
});
