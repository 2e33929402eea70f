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

describe("PhasePanel: agents", () => {
  it("names the agent of the current attempt, and of each attempt in the list", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPanel({
      ...status,
      attempt: 2,
      attempts: [
        { attempt: 1, startedAt: 0, endedAt: 10, error: "agent build-1 stopped", agent: "build-1" },
        {
          attempt: 2,
          startedAt: 20,
          endedAt: 30,
          error: null,
          outcome: "completed",
          agent: "build-2",
        },
      ],
    });
    expect(screen.getByTestId("phase-agent").textContent).toBe("build-2");
    const panel = screen.getByTestId("phase-panel").textContent ?? "";
    expect(panel).toContain("on build-1");
    expect(panel).toContain("on build-2");
  });

  it("says in process when the attempt ran without an agent", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPanel({
      ...status,
      attempt: 1,
      attempts: [{ attempt: 1, startedAt: 0, endedAt: 10, error: null, outcome: "completed" }],
    });
    expect(screen.getByTestId("phase-agent").textContent).toBe("in process");
  });
});
