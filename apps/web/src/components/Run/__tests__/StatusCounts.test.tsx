import type { PipelineState } from "@milo/core";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { recordedActions, recordedState } from "../../../test/recordedRun";
import type { GraphOverlay } from "../../Graph/GraphOverlay";
import type { FitRequest } from "../../Graph/PipelineGraphView";
import { useStatusFilter } from "../../Graph/useStatusFilter";
import { StatusCounts } from "../StatusCounts";

/** Every fit request the filter made, in order (null before the first). */
const fits: (FitRequest | null)[] = [];

/** The counts with a live filter, as the run page wires them, reporting what they do. */
function FilteredCounts({
  state,
  opened,
  overlays,
}: {
  readonly state: PipelineState;
  readonly opened: string[];
  readonly overlays: (GraphOverlay | undefined)[];
}) {
  const filter = useStatusFilter(state, (phase) => opened.push(phase));
  overlays.push(filter.overlayOver(undefined));
  fits.push(filter.fit);
  return <StatusCounts state={state} filter={filter} />;
}

describe("StatusCounts as filters", () => {
  const state = recordedState(recordedActions.length);
  const completed = state.phases.filter((phase) => phase.status === "completed");

  it("picks a status's phases out on the graph and steps through them with n and p", () => {
    const opened: string[] = [];
    const overlays: (GraphOverlay | undefined)[] = [];
    render(<FilteredCounts state={state} opened={opened} overlays={overlays} />);
    expect(overlays.at(-1)).toBeUndefined();
    // An empty status cannot be picked.
    expect(screen.getByTestId("status-filter-failed")).toHaveProperty("disabled", true);

    fireEvent.click(screen.getByTestId("status-filter-completed"));
    expect(screen.getByTestId("status-filter-completed").getAttribute("aria-pressed")).toBe("true");
    const overlay = overlays.at(-1)!;
    expect(overlay.dimOthers).toBe(true);
    expect([...overlay.highlight!]).toEqual(completed.map((phase) => phase.name));
    expect(screen.getByTestId("status-filter-position").textContent).toBe(
      `Completed: ${completed.length} picked out on the graph`,
    );

    act(() => {
      fireEvent.keyDown(document.body, { key: "n" });
    });
    act(() => {
      fireEvent.keyDown(document.body, { key: "n" });
    });
    act(() => {
      fireEvent.keyDown(document.body, { key: "p" });
    });
    expect(opened).toEqual([completed[0]!.name, completed[1]!.name, completed[0]!.name]);
    expect(screen.getByTestId("status-filter-position").textContent).toBe(
      `Completed: 1 of ${completed.length} picked out on the graph`,
    );
    // Previous from the first wraps to the last; the buttons do what the keys do.
    fireEvent.click(screen.getByTestId("status-filter-prev"));
    expect(opened.at(-1)).toBe(completed.at(-1)!.name);

    // Typing in a field is not stepping.
    const input = document.createElement("input");
    document.body.append(input);
    fireEvent.keyDown(input, { key: "n" });
    expect(opened).toHaveLength(4);
    input.remove();

    fireEvent.click(screen.getByTestId("status-filter-clear"));
    expect(screen.queryByTestId("status-filter")).toBeNull();
    expect(overlays.at(-1)).toBeUndefined();
  });

  it("keeps the same overlay object while nothing it shows changes", () => {
    const opened: string[] = [];
    const overlays: (GraphOverlay | undefined)[] = [];
    const { rerender } = render(
      <FilteredCounts state={state} opened={opened} overlays={overlays} />,
    );
    fireEvent.click(screen.getByTestId("status-filter-completed"));
    const first = overlays.at(-1);
    rerender(<FilteredCounts state={recordedState()} opened={opened} overlays={overlays} />);
    expect(overlays.at(-1)).toBe(first);
  });

  it("fits the picked phases into view, and Running jumps to the running front", () => {
    const running = recordedState(25);
    expect(running.running.length).toBeGreaterThan(0);
    fits.length = 0;
    render(<FilteredCounts state={running} opened={[]} overlays={[]} />);
    fireEvent.click(screen.getByTestId("status-filter-completed"));
    const completed = running.phases.filter((phase) => phase.status === "completed");
    expect(fits.at(-1)?.phases).toEqual(completed.map((phase) => phase.name));
    fireEvent.click(screen.getByTestId("status-filter-running"));
    expect(fits.at(-1)?.phases).toBe("running");
    expect(screen.getByTestId("status-filter").dataset.status).toBe("running");
  });
});
