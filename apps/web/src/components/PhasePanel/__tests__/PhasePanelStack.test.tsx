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

const STACK =
  "    at lint (/work/pipeline.ts:12:9)\nCaused by: eslint crashed\n    at run (/work/lint.ts:3:1)";

describe("PhasePanel's error stack", () => {
  it("folds the failing attempt's stack and causes under the message", () => {
    const recorded = phaseStatus(recordedState(), "lint")!;
    const attempts = recorded.attempts.map((attempt, index) =>
      index === recorded.attempts.length - 1 ? { ...attempt, stack: STACK } : attempt,
    );
    renderPanel({ ...recorded, attempts });
    const stack = screen.getByTestId("phase-stack");
    expect(stack.tagName).toBe("DETAILS");
    expect((stack as HTMLDetailsElement).open).toBe(false);
    expect(stack.querySelector("summary")!.textContent).toBe("Stack trace and causes");
    expect(stack.querySelector("pre")!.textContent).toBe(STACK);
  });

  it("shows no stack section when the failure has none", () => {
    renderPanel(phaseStatus(recordedState(), "lint")!);
    expect(screen.queryByTestId("phase-stack")).toBeNull();
  });
});
