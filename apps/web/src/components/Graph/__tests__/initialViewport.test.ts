import { describe, expect, it } from "vitest";
import { initialViewport, MIN_FIT_ZOOM, START_ZOOM } from "../initialViewport";
import { DEFAULT_LAYOUT_OPTIONS, layoutGraph } from "../layout";

const { nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
const pane = { width: 1200, height: 600 };

describe("initialViewport", () => {
  it("fits and centers a graph small enough to read whole", () => {
    const layout = layoutGraph({
      phases: [
        { name: "a", dependsOn: [] },
        { name: "b", dependsOn: ["a"] },
      ],
    });
    const viewport = initialViewport(layout, pane, nodeHeight);
    expect(viewport.zoom).toBeGreaterThanOrEqual(MIN_FIT_ZOOM);
    expect(viewport.x + (layout.width * viewport.zoom) / 2).toBeCloseTo(pane.width / 2);
    expect(viewport.y + (layout.height * viewport.zoom) / 2).toBeCloseTo(pane.height / 2);
  });

  it("opens a graph too big to read whole on its first column, at a readable zoom", () => {
    const phases = Array.from({ length: 200 }, (_, index) => ({
      name: `p${index}`,
      dependsOn: index < 100 ? [] : [`p${index - 100}`],
    }));
    const layout = layoutGraph({ phases });
    const viewport = initialViewport(layout, pane, nodeHeight);
    expect(viewport.zoom).toBe(START_ZOOM);
    const first = layout.positions.filter((position) => position.rank === 0);
    const top = Math.min(...first.map((position) => position.y));
    const bottom = Math.max(...first.map((position) => position.y + nodeHeight));
    // The first column's middle sits at the pane's middle, and its left edge is on screen.
    expect(viewport.y + ((top + bottom) / 2) * viewport.zoom).toBeCloseTo(pane.height / 2);
    expect(viewport.x).toBeGreaterThan(0);
    expect(viewport.x).toBeLessThan(pane.width / 4);
  });
});
