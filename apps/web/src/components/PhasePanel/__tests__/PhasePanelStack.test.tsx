import { phaseStatus } from "@milo/core";
import { screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recordedState } from "../../../test/recordedRun";
import { renderPhasePanel } from "../../../test/renderPhasePanel";

const STACK =
  "    at lint (/work/pipeline.ts:12:9)\nCaused by: eslint crashed\n    at run (/work/lint.ts:3:1)";

describe("PhasePanel's error stack", () => {
  it("folds the failing attempt's stack and causes under the message", () => {
    const recorded = phaseStatus(recordedState(), "lint")!;
    const attempts = recorded.attempts.map((attempt, index) =>
      index === recorded.attempts.length - 1 ? { ...attempt, stack: STACK } : attempt,
    );
    renderPhasePanel({ ...recorded, attempts });
    const stack = screen.getByTestId("phase-stack");
    expect(stack.tagName).toBe("DETAILS");
    expect((stack as HTMLDetailsElement).open).toBe(false);
    expect(stack.querySelector("summary")!.textContent).toBe("Stack trace and causes");
    expect(stack.querySelector("pre")!.textContent).toBe(STACK);
  });

  it("shows no stack section when the failure has none", () => {
    renderPhasePanel(phaseStatus(recordedState(), "lint")!);
    expect(screen.queryByTestId("phase-stack")).toBeNull();
  });
});
