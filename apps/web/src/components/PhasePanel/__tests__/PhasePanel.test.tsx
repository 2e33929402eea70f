import { type PhaseStatus, phaseStatus } from "@milo/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { recordedGraph, recordedState } from "../../../test/recordedRun";
import { PhasePanel } from "../PhasePanel";

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

const phase = recordedGraph.phases.find((p) => p.name === "lint")!;

function renderPanel(status: PhaseStatus) {
  return render(
    <PhasePanel
      graph={recordedGraph}
      phase={phase}
      run={{ runId: "run-1", status, blockedBy: null, firstFailure: false, live: false, now: 0 }}
      onSelect={() => {}}
      onClose={() => {}}
    />,
    { wrapper },
  );
}

describe("PhasePanel", () => {
  it("shows the phase's status, attempts, full error and logs", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPanel(status);
    expect(screen.getByTestId("phase-panel").dataset.phase).toBe("lint");
    expect(screen.getByTestId("phase-status").dataset.status).toBe("skipped");
    expect(screen.getByTestId("phase-error").textContent).toBe(status.error);
    const logs = screen.getByTestId("phase-logs");
    for (const line of status.logs) expect(logs.textContent).toContain(line.line);
  });

  it("renders text from the pipeline as text, never as HTML", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    const hostile = '<img src="x" onerror="alert(1)"><b>bold</b>';
    renderPanel({
      ...status,
      error: hostile,
      logs: [{ line: hostile, stream: "stderr", at: 0 }],
      logCount: 1,
    });
    expect(screen.getByTestId("phase-error").textContent).toBe(hostile);
    expect(screen.getByTestId("phase-panel").querySelector("img, b")).toBeNull();
  });

  it("offers the lines the state no longer keeps", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPanel({ ...status, logCount: status.logs.length + 250 });
    expect(screen.getByTestId("phase-logs-older").textContent).toBe("Show 250 earlier lines");
  });
});
