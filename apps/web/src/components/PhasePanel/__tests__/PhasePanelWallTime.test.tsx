import type { PhaseStatus } from "@milo/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { recordedGraph } from "../../../test/recordedRun";
import { PhasePanel } from "../PhasePanel";

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>;
}

const phase = recordedGraph.phases.find((p) => p.name === "lint")!;

// Three attempts with back-offs between them: 1s, wait 2s, 1s, wait 4s, then the third.
const retried: PhaseStatus = {
  name: "lint",
  status: "running",
  startedAt: 8000,
  endedAt: null,
  elapsed: 0,
  error: null,
  attempt: 3,
  logs: [],
  logCount: 0,
  attempts: [
    { attempt: 1, startedAt: 0, endedAt: 1000, error: "flaky", outcome: "retrying" },
    { attempt: 2, startedAt: 3000, endedAt: 4000, error: "flaky", outcome: "retrying" },
    { attempt: 3, startedAt: 8000, endedAt: null, error: null },
  ],
};

function renderPanel(status: PhaseStatus, now: number, live: boolean) {
  return render(
    <PhasePanel
      graph={recordedGraph}
      phase={phase}
      run={{ runId: "run-1", status, blockedBy: null, firstFailure: false, live, now }}
      onSelect={() => {}}
      onClose={() => {}}
    />,
    { wrapper },
  );
}

describe("PhasePanel wall time", () => {
  it("counts a running retried phase from its first attempt's start to now", () => {
    renderPanel(retried, 9500, true);
    expect(screen.getByTestId("phase-elapsed").textContent).toBe("9.5s over 3 attempts");
    const attempts = screen.getByText("Attempts").parentElement!.textContent!;
    expect(attempts).toContain("#11.0s");
    expect(attempts).toContain("#21.0s");
    expect(attempts).toContain("#31.5s so far");
  });

  it("counts an ended retried phase to its end, not its last attempt's start", () => {
    const ended: PhaseStatus = {
      ...retried,
      status: "completed",
      endedAt: 10_000,
      elapsed: 2000,
      attempts: [
        ...retried.attempts.slice(0, 2),
        { attempt: 3, startedAt: 8000, endedAt: 10_000, error: null, outcome: "completed" },
      ],
    };
    renderPanel(ended, 60_000, false);
    expect(screen.getByTestId("phase-elapsed").textContent).toBe("10s over 3 attempts");
  });
});
