import { phaseStatus } from "@milo/core";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recordedState } from "../../../test/recordedRun";
import { renderPhasePanel } from "../../../test/renderPhasePanel";

describe("PhasePanel: agents", () => {
  it("names the agent of the current attempt, and of each attempt in the list", () => {
    const status = phaseStatus(recordedState(), "lint")!;
    renderPhasePanel({
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
    renderPhasePanel({
      ...status,
      attempt: 1,
      attempts: [{ attempt: 1, startedAt: 0, endedAt: 10, error: null, outcome: "completed" }],
    });
    expect(screen.getByTestId("phase-agent").textContent).toBe("in process");
  });
});
