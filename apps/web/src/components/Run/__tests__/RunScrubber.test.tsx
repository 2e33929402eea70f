import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { RunStreamSnapshot } from "../../../api/createRunStream";
import { useShownState } from "../../../hooks/useShownState";
import { history } from "../../../router/history";
import { recordedMoments } from "../../../test/recordedMoments";
import { recordedActions, recordedGraph, recordedState } from "../../../test/recordedRun";
import { RunScrubber } from "../RunScrubber";

const lastSeq = recordedActions.length;
const ended: RunStreamSnapshot = {
  state: recordedState(),
  lastSeq,
  connection: "ended",
  endStatus: "completed",
  problem: null,
};

function Scrubbed({ live = ended }: { readonly live?: RunStreamSnapshot }) {
  const shown = useShownState("run-1", recordedGraph, live, lastSeq, recordedMoments().source);
  return (
    <>
      <RunScrubber shown={shown} now={shown.at ?? 0} />
      <output data-testid="drawn">
        {JSON.stringify(shown.state?.phases.map((p) => p.status))}
      </output>
    </>
  );
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));
const slider = () => screen.getByRole("slider", { name: /Moment of the run/ });
const scrubber = () => screen.getByTestId("run-scrubber");
const drawnStatuses = (seq: number) =>
  JSON.stringify(recordedState(seq).phases.map((p) => p.status));

/** Moves the page to `url` as a navigation does, so the router's location follows. */
function goTo(url: string) {
  const unsubscribe = history.subscribe(() => {});
  history.navigate(url, { replace: true });
  unsubscribe();
}

afterEach(() => {
  cleanup(); // first, so no page left mounted writes its position back
  goTo("/");
});

describe("RunScrubber", () => {
  it("sits at the end of a finished run, labelled, with End pressed", () => {
    render(<Scrubbed />);
    expect(slider()).toHaveProperty("value", String(lastSeq));
    expect(slider().getAttribute("max")).toBe(String(lastSeq));
    expect(slider().getAttribute("aria-valuetext")).toMatch(
      new RegExp(`^action ${lastSeq} of ${lastSeq}, \\+`),
    );
    const end = screen.getByRole("button", { name: "End" });
    expect(end.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByTestId("drawn").textContent).toBe(drawnStatuses(lastSeq));
  });

  it("steps with , and . and draws that moment, kept in the URL", async () => {
    render(<Scrubbed />);
    fireEvent.keyDown(slider(), { key: "," });
    fireEvent.keyDown(slider(), { key: "," });
    await settle();
    await settle();
    expect(scrubber().dataset.shownSeq).toBe(String(lastSeq - 2));
    expect(window.location.search).toBe(`?at=${lastSeq - 2}`);
    expect(screen.getByTestId("drawn").textContent).toBe(drawnStatuses(lastSeq - 2));
    fireEvent.keyDown(slider(), { key: "." });
    await settle();
    expect(scrubber().dataset.shownSeq).toBe(String(lastSeq - 1));

    fireEvent.click(screen.getByRole("button", { name: "End" }));
    expect(scrubber().dataset.live).toBe("true");
    expect(window.location.search).toBe("");
  });

  it("dragging shows the moment; the URL's ?at= opens there", async () => {
    goTo("/runs/run-1?at=7");
    render(<Scrubbed />);
    await settle();
    expect(scrubber().dataset.position).toBe("7");
    expect(screen.getByTestId("drawn").textContent).toBe(drawnStatuses(7));
    fireEvent.change(slider(), { target: { value: "20" } });
    await settle();
    expect(scrubber().dataset.shownSeq).toBe("20");
    expect(window.location.search).toBe("?at=20");
    // Back or forward to another moment moves there; to none, back to the end.
    act(() => goTo("/runs/run-1?at=3"));
    await settle();
    expect(scrubber().dataset.shownSeq).toBe("3");
    act(() => goTo("/runs/run-1"));
    expect(scrubber().dataset.live).toBe("true");
  });

  it("offers the speeds as pressed buttons, and says Live for a run still going", () => {
    const going: RunStreamSnapshot = {
      ...ended,
      state: recordedState(20),
      lastSeq: 20,
      connection: "open",
    };
    render(<Scrubbed live={going} />);
    expect(screen.getByRole("button", { name: "Live" }).getAttribute("aria-pressed")).toBe("true");
    const fast = screen.getByRole("button", { name: "16×" });
    fireEvent.click(fast);
    expect(fast.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByRole("button", { name: "1×" }).getAttribute("aria-pressed")).toBe("false");
  });
});
