import {
  createPipelineReducer,
  INIT,
  PHASE_COMPLETE,
  PHASE_FAILED,
  PHASE_START,
  PIPELINE_COMPLETE,
  PIPELINE_START,
  type PipelineGraph,
  type PipelineState,
} from "@milo/core";
import { describe, expect, it } from "vitest";
import { columnsInView, fitViewport, phaseBounds } from "../fitViewport";
import { initialViewport, MIN_FIT_ZOOM, START_ZOOM, type Viewport } from "../initialViewport";
import { DEFAULT_LAYOUT_OPTIONS, layoutGraph } from "../layout";
import { openingViewport } from "../openingViewport";

const node = { width: DEFAULT_LAYOUT_OPTIONS.nodeWidth, height: DEFAULT_LAYOUT_OPTIONS.nodeHeight };
const pane = { width: 1200, height: 600 };

/** 20 columns of 20 phases, each depending on the phase before it in its row. */
const graph: PipelineGraph = {
  name: "grid",
  phases: Array.from({ length: 400 }, (_, index) => ({
    name: `p${index}`,
    dependsOn: index < 20 ? [] : [`p${index - 20}`],
    parallel: true,
    weight: 1,
    description: "",
  })),
};
const layout = layoutGraph(graph);

function stateAfter(actions: [string, Record<string, unknown>][]): PipelineState {
  const reduce = createPipelineReducer(graph);
  let state = reduce(undefined, { type: INIT, payload: undefined });
  for (const [type, payload] of actions) state = reduce(state, { type, payload });
  return state;
}

/** The screen box of a phase's node at `viewport`. */
function onScreen(name: string, viewport: Viewport) {
  const position = layout.positions.find((entry) => entry.name === name)!;
  return {
    left: position.x * viewport.zoom + viewport.x,
    top: position.y * viewport.zoom + viewport.y,
    right: (position.x + node.width) * viewport.zoom + viewport.x,
    bottom: (position.y + node.height) * viewport.zoom + viewport.y,
  };
}
const inPane = (box: ReturnType<typeof onScreen>) =>
  box.left >= 0 && box.top >= 0 && box.right <= pane.width && box.bottom <= pane.height;

const options = { pane, node, minZoom: 0.03 };
// Columns 0–4 done; column 5's phases run.
const doneUpTo = (columns: number) =>
  Array.from({ length: columns * 20 }, (_, index) => [
    [PHASE_START, { name: `p${index}`, attempt: 1, at: 1 }],
    [PHASE_COMPLETE, { name: `p${index}`, at: 2 }],
  ]).flat() as [string, Record<string, unknown>][];

describe("openingViewport", () => {
  it("without a run, opens as the pipeline does", () => {
    expect(openingViewport(layout, null, options)).toEqual(
      initialViewport(layout, pane, node.height),
    );
  });

  it("opens on the running phases, readable, with them in view", () => {
    const running = ["p100", "p101", "p102"];
    const state = stateAfter([
      [PIPELINE_START, { at: 0 }],
      ...doneUpTo(5),
      ...running.map(
        (name) => [PHASE_START, { name, attempt: 1, at: 3 }] as [string, Record<string, unknown>],
      ),
    ]);
    const viewport = openingViewport(layout, state, options);
    expect(viewport.zoom).toBeGreaterThanOrEqual(MIN_FIT_ZOOM);
    for (const name of running) expect(inPane(onScreen(name, viewport)), name).toBe(true);
    // Not the first column, where everything is done.
    expect(inPane(onScreen("p0", viewport))).toBe(false);
  });

  it("opens on the first failure before anything running", () => {
    const state = stateAfter([
      [PIPELINE_START, { at: 0 }],
      ...doneUpTo(5),
      [PHASE_START, { name: "p100", attempt: 1, at: 3 }],
      [PHASE_START, { name: "p150", attempt: 1, at: 3 }],
      [PHASE_FAILED, { name: "p150", at: 4, error: "boom" }],
    ]);
    const viewport = openingViewport(layout, state, options);
    expect(viewport.zoom).toBe(START_ZOOM);
    const box = onScreen("p150", viewport);
    expect((box.left + box.right) / 2).toBeCloseTo(pane.width / 2);
    expect((box.top + box.bottom) / 2).toBeCloseTo(pane.height / 2);
  });

  it("opens a finished run on the whole graph, and one not started on its start", () => {
    const ended = stateAfter([
      [PIPELINE_START, { at: 0 }],
      ...doneUpTo(20),
      [PIPELINE_COMPLETE, { at: 9 }],
    ]);
    const whole = openingViewport(layout, ended, options);
    for (const name of ["p0", "p19", "p380", "p399"]) {
      expect(inPane(onScreen(name, whole)), name).toBe(true);
    }
    const fresh = stateAfter([]);
    expect(openingViewport(layout, fresh, options)).toEqual(
      initialViewport(layout, pane, node.height),
    );
  });
});

describe("fitViewport", () => {
  it("centers the box, within the zoom limits", () => {
    const bounds = { x: 100, y: 100, width: 200, height: 100 };
    const viewport = fitViewport(bounds, pane, { minZoom: 0.1, maxZoom: 1, padding: 20 });
    expect(viewport.zoom).toBe(1);
    expect(viewport.x + 200 * viewport.zoom).toBeCloseTo(pane.width / 2);
    const wide = fitViewport({ x: 0, y: 0, width: 100_000, height: 10 }, pane, {
      minZoom: 0.4,
      maxZoom: 1,
      padding: 20,
    });
    expect(wide.zoom).toBe(0.4);
  });

  it("bounds only the named phases, and tells whether their columns are in view", () => {
    const names = new Set(["p0", "p1"]);
    const bounds = phaseBounds(layout.positions, names, node)!;
    expect(bounds.height).toBeGreaterThan(node.height);
    const viewport = fitViewport(bounds, pane, { minZoom: 0.1, maxZoom: 1, padding: 20 });
    expect(columnsInView(layout.positions, names, node, viewport, pane)).toBe(true);
    expect(columnsInView(layout.positions, new Set(["p399"]), node, viewport, pane)).toBe(false);
    expect(phaseBounds(layout.positions, new Set(["nope"]), node)).toBeNull();
  });
});
