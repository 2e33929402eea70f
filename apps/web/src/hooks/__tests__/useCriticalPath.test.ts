import { phaseStatus } from "@milo/core";
import { renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recordedGraph, recordedState } from "../../test/recordedRun";
import { useCriticalPath } from "../useCriticalPath";

describe("useCriticalPath", () => {
  it("gives a finished run's path at once, and none while disabled", () => {
    const state = recordedState();
    const { result, rerender } = renderHook(
      ({ enabled }: { enabled: boolean }) =>
        useCriticalPath({ graph: recordedGraph, state, now: state.endedAt! }, enabled),
      { initialProps: { enabled: true } },
    );
    expect(result.current?.steps.map((step) => step.name)).toEqual([
      "checkout",
      "fetch-deps",
      "build",
      "test",
    ]);
    rerender({ enabled: false });
    expect(result.current).toBeNull();
  });

  it("simulates a running run's expected path off the render", async () => {
    const state = recordedState(25);
    const now = phaseStatus(state, "build")!.startedAt! + 100;
    const { result } = renderHook(() =>
      useCriticalPath({ graph: recordedGraph, state, now, durations: { test: 1000 } }, true),
    );
    // Not in the render itself, so a run's stream of updates never waits on it.
    expect(result.current).toBeNull();
    await waitFor(() => expect(result.current?.estimated).toBe(true));
    expect(result.current?.steps.at(-1)).toMatchObject({ name: "test", estimated: true });
  });

  it("is null before the run has started", () => {
    const state = recordedState(0);
    const { result } = renderHook(() =>
      useCriticalPath({ graph: recordedGraph, state, now: 0 }, true),
    );
    expect(result.current).toBeNull();
  });
});
