import { describe, expect, it } from "vitest";
import { edgePolylines } from "../edgePolylines";
import { DEFAULT_LAYOUT_OPTIONS, type LayoutInput, layoutGraph } from "../layout";
import { segmentCrossesBox, segmentsCross } from "../segmentGeometry";

const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;

/** A seeded random DAG whose edges reach up to `reach` phases back: many skip columns. */
function randomDag(count: number, reach: number, seed: number): LayoutInput {
  let random = seed;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };
  const phases = Array.from({ length: count }, (_, index) => {
    const dependsOn = new Set<string>();
    const wanted = index === 0 ? 0 : Math.floor(next() * 4);
    for (let k = 0; k < wanted; k++) {
      dependsOn.add(`n${Math.max(0, index - 1 - Math.floor(next() * reach))}`);
    }
    return { name: `n${index}`, dependsOn: [...dependsOn] };
  });
  return { phases };
}

/** A build with a deploy that also waits on the checkout: that edge skips three columns. */
const skipping: LayoutInput = {
  phases: [
    { name: "checkout", dependsOn: [] },
    { name: "build", dependsOn: ["checkout"] },
    { name: "test", dependsOn: ["build"] },
    { name: "package", dependsOn: ["test"] },
    { name: "deploy", dependsOn: ["package", "checkout"] },
    { name: "docs", dependsOn: ["checkout"] },
    { name: "announce", dependsOn: ["deploy", "docs", "build"] },
  ],
};

/** Every (edge, node) pair where a segment of the edge runs through a node it does not join. */
function edgesThroughNodes(graph: LayoutInput): string[] {
  const layout = layoutGraph(graph);
  const hits: string[] = [];
  for (const edge of edgePolylines(graph, layout)) {
    for (const node of layout.positions) {
      if (node.name === edge.source || node.name === edge.target) continue;
      const box = { x: node.x, y: node.y, width: nodeWidth, height: nodeHeight };
      for (let index = 1; index < edge.points.length; index++) {
        if (segmentCrossesBox(edge.points[index - 1]!, edge.points[index]!, box)) {
          hits.push(`${edge.source}→${edge.target} through ${node.name}`);
          break;
        }
      }
    }
  }
  return hits;
}

describe("edge routing", () => {
  it("takes an edge that skips columns around the nodes between its ends", () => {
    const layout = layoutGraph(skipping);
    const route = layout.routes.find((r) => r.source === "checkout" && r.target === "deploy");
    // Two points in each of the three columns it crosses (build, test, package).
    expect(route?.points).toHaveLength(6);
    expect(edgesThroughNodes(skipping)).toEqual([]);
  });

  it("routes nothing for edges between neighbouring columns", () => {
    const layout = layoutGraph({
      phases: [
        { name: "a", dependsOn: [] },
        { name: "b", dependsOn: ["a"] },
      ],
    });
    expect(layout.routes).toEqual([]);
  });

  it("never runs an edge behind a node on random DAGs", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      for (const [count, reach] of [
        [30, 10],
        [80, 40],
        [120, 6],
      ] as const) {
        expect(edgesThroughNodes(randomDag(count, reach, seed)), `seed ${seed}, ${count}`).toEqual(
          [],
        );
      }
    }
  });

  it("keeps routed points inside the layout's bounds", () => {
    const layout = layoutGraph(randomDag(80, 40, 9));
    for (const route of layout.routes) {
      for (const point of route.points) {
        expect(point.y).toBeGreaterThanOrEqual(0);
        expect(point.y).toBeLessThanOrEqual(layout.height);
        expect(point.x + nodeWidth).toBeLessThanOrEqual(layout.width + nodeWidth);
      }
    }
  });
});

describe("segment geometry", () => {
  const box = { x: 0, y: 0, width: 10, height: 10 };

  it("tells a segment through a box from one that passes by or touches it", () => {
    expect(segmentCrossesBox({ x: -5, y: 5 }, { x: 15, y: 5 }, box)).toBe(true);
    expect(segmentCrossesBox({ x: -5, y: -5 }, { x: 15, y: 15 }, box)).toBe(true);
    expect(segmentCrossesBox({ x: -5, y: 12 }, { x: 15, y: 12 }, box)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: 10 }, { x: 15, y: 10 }, box)).toBe(false);
    expect(segmentCrossesBox({ x: -5, y: 5 }, { x: -1, y: 5 }, box)).toBe(false);
  });

  it("counts a proper crossing, not a shared end", () => {
    expect(segmentsCross({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }, { x: 10, y: 0 })).toBe(
      true,
    );
    expect(segmentsCross({ x: 0, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(
      false,
    );
    expect(segmentsCross({ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 0, y: 5 }, { x: 10, y: 5 })).toBe(
      false,
    );
  });
});
