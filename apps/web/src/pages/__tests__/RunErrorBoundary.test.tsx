import { type PipelineState, phaseStatus } from "@milo/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { PhasePanel } from "../../components/PhasePanel/PhasePanel";
import { StatusCounts } from "../../components/Run/StatusCounts";
import { RunTimeline } from "../../components/Timeline/RunTimeline";
import { recordedGraph, recordedState } from "../../test/recordedRun";
import { RunErrorBoundary } from "../RunErrorBoundary";

/** The recorded run as a worker might send it, with one phase's error an object, not a string. */
function stateWithObjectError(): PipelineState {
  const state: PipelineState = JSON.parse(JSON.stringify(recordedState()));
  return {
    ...state,
    phases: state.phases.map((phase) =>
      phase.name === "lint" ? { ...phase, error: { code: 42 } as unknown as string } : phase,
    ),
  };
}

function RunContent({ state }: { readonly state: PipelineState }) {
  const phase = recordedGraph.phases.find((p) => p.name === "lint")!;
  return (
    <>
      <StatusCounts state={state} />
      <PhasePanel
        graph={recordedGraph}
        phase={phase}
        run={{
          runId: "run-1",
          status: phaseStatus(state, "lint")!,
          blockedBy: null,
          firstFailure: false,
          live: false,
          now: 0,
        }}
        onSelect={() => {}}
        onClose={() => {}}
      />
      <RunTimeline
        graph={recordedGraph}
        state={state}
        now={state.endedAt!}
        runId="run-1"
        seq={0}
        criticalPath={null}
        selected={null}
        onSelect={() => {}}
      />
    </>
  );
}

function renderPage(state: PipelineState, onError = vi.fn()) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <header data-testid="page-header">
        <a href="/">Pipelines</a>
      </header>
      <RunErrorBoundary onError={onError}>
        <RunContent state={state} />
      </RunErrorBoundary>
    </QueryClientProvider>,
  );
  return onError;
}

describe("RunErrorBoundary", () => {
  it("a phase whose error is an object does not blank the page: it says what went wrong", () => {
    // React reports the caught error on the console as well; keep the test output quiet.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const onError = renderPage(stateWithObjectError());
      expect(screen.getByTestId("page-header").textContent).toBe("Pipelines");
      const alert = screen.getByTestId("run-content-error");
      expect(alert.textContent).toContain("This run could not be shown");
      expect(alert.textContent).toMatch(/Objects are not valid as a React child/);
      expect(onError).toHaveBeenCalled();
      expect(screen.queryByTestId("phase-panel")).toBeNull();
      // The rest of the page still works: the header's link is there to leave by.
      expect(screen.getByRole("link", { name: "Pipelines" })).toBeTruthy();
      fireEvent.click(screen.getByRole("button", { name: "Try again" }));
      expect(screen.getByTestId("run-content-error")).toBeTruthy();
    } finally {
      quiet.mockRestore();
    }
  });

  it("shows the run's content when nothing goes wrong", () => {
    const onError = renderPage(recordedState());
    expect(screen.getByTestId("phase-panel").dataset.phase).toBe("lint");
    expect(screen.queryByTestId("run-content-error")).toBeNull();
    expect(onError).not.toHaveBeenCalled();
  });
});
