import { describe, expect, it } from "vitest";
import { countCrossings } from "../countCrossings";
import { isotonicWithGaps } from "../isotonicWithGaps";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout, type LayoutInput, layoutGraph } from "../layout";

const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;

function phase(name: string, ...dependsOn: string[]) {
  return { name, dependsOn };
}

/** The worker's "large" example's shape: levels of phases, each with 1–3 dependencies. */
function levelledGraph(levels: number, width: number, seed = 7): LayoutInput {
  let random = seed;
  const next = () => {
    random = (random * 1103515245 + 12345) % 2147483648;
    return random / 2147483648;
  };
  const phases: { name: string; dependsOn: string[] }[] = [];
  for (let level = 0; level < levels; level++) {
    for (let index = 0; index < width; index++) {
      const dependsOn = new Set<string>();
      if (level > 0) {
        const wanted = 1 + Math.floor(next() * 3);
        while (dependsOn.size < wanted) {
          const fromLevel = Math.max(0, level - 1 - Math.floor(next() * 2));
          dependsOn.add(`p${fromLevel}_${Math.floor(next() * width)}`);
        }
      }
      phases.push({ name: `p${level}_${index}`, dependsOn: [...dependsOn] });
    }
  }
  return { phases };
}

function expectNoOverlap(layout: GraphLayout) {
  const sorted = [...layout.positions].sort((a, b) => a.x - b.x || a.y - b.y);
  for (let i = 0; i < sorted.length; i++) {
    for (let j = i + 1; j < sorted.length; j++) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      if (b.x >= a.x + nodeWidth) break;
      const apart = Math.abs(a.y - b.y) >= nodeHeight;
      expect(apart, `${a.name} overlaps ${b.name}`).toBe(true);
    }
  }
}

function expectLeftToRight(graph: LayoutInput, layout: GraphLayout) {
  const byName = new Map(layout.positions.map((position) => [position.name, position]));
  for (const { name, dependsOn } of graph.phases) {
    for (const dependency of dependsOn) {
      const from = byName.get(dependency)!;
      const to = byName.get(name)!;
      expect(from.rank).toBeLessThan(to.rank);
      expect(from.x + nodeWidth).toBeLessThanOrEqual(to.x);
    }
  }
}

describe("layoutGraph", () => {
  it("returns an empty layout for an empty graph", () => {
    expect(layoutGraph({ phases: [] })).toEqual({
      positions: [],
      routes: [],
      width: 0,
      height: 0,
      rankCount: 0,
    });
  });

  it("puts each phase one column after its deepest dependency", () => {
    const graph = {
      phases: [
        phase("fetch"),
        phase("lint", "fetch"),
        phase("compile", "fetch"),
        phase("test", "compile"),
        phase("package", "lint", "test"),
      ],
    };
    const layout = layoutGraph(graph);
    const rankOf = Object.fromEntries(layout.positions.map((p) => [p.name, p.rank]));
    expect(rankOf).toEqual({ fetch: 0, lint: 1, compile: 1, test: 2, package: 3 });
    expect(layout.rankCount).toBe(4);
    expect(layout.positions.map((p) => p.name)).toEqual(graph.phases.map((p) => p.name));
    expectNoOverlap(layout);
    expectLeftToRight(graph, layout);
  });

  it("centers a lone dependent between its dependencies", () => {
    const graph = { phases: [phase("a"), phase("b"), phase("join", "a", "b")] };
    const layout = layoutGraph(graph);
    const [a, b, join] = layout.positions;
    expect(join!.y).toBeCloseTo((a!.y + b!.y) / 2, 0);
  });

  it("orders columns to avoid crossings in a graph that has a crossing-free drawing", () => {
    // Dependencies listed crosswise: a naive order would cross every edge.
    const graph = {
      phases: [
        phase("a"),
        phase("b"),
        phase("c"),
        phase("after-c", "c"),
        phase("after-b", "b"),
        phase("after-a", "a"),
      ],
    };
    const layout = layoutGraph(graph);
    const y = Object.fromEntries(layout.positions.map((p) => [p.name, p.y]));
    expect(y["after-a"]!).toBeLessThan(y["after-b"]!);
    expect(y["after-b"]!).toBeLessThan(y["after-c"]!);
  });

  it("gives the same layout for the same graph", () => {
    const graph = levelledGraph(6, 8);
    expect(layoutGraph(graph)).toEqual(layoutGraph(graph));
  });

  it("never overlaps nodes and keeps every edge left to right on random graphs", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const graph = levelledGraph(8, 12, seed);
      const layout = layoutGraph(graph);
      expectNoOverlap(layout);
      expectLeftToRight(graph, layout);
      for (const position of layout.positions) {
        expect(position.x).toBeGreaterThanOrEqual(0);
        expect(position.y).toBeGreaterThanOrEqual(0);
        expect(position.x + nodeWidth).toBeLessThanOrEqual(layout.width);
        expect(position.y + nodeHeight).toBeLessThanOrEqual(layout.height + 0.5);
      }
    }
  });

  it("lays out a 2,000-phase pipeline (40 levels of 50)", () => {
    const graph = levelledGraph(40, 50);
    const layout = layoutGraph(graph);
    expect(layout.positions).toHaveLength(2000);
    // Some phases skip a level, so the longest chain may be a little shorter than 40.
    expect(layout.rankCount).toBeLessThanOrEqual(40);
    expect(layout.rankCount).toBeGreaterThan(20);
    expectNoOverlap(layout);
    expectLeftToRight(graph, layout);
  });

  it("does not hang on a cycle and still places every node", () => {
    const layout = layoutGraph({ phases: [phase("a", "b"), phase("b", "a"), phase("c")] });
    expect(layout.positions).toHaveLength(3);
    expectNoOverlap(layout);
  });
});

describe("countCrossings", () => {
  it("counts the pairs of edges between neighbouring columns whose ends are in opposite order", () => {
    // Edges 0→5, 0→3, 1→4 and 2→3. In the order 3, 4, 5: 0→5 crosses 1→4 and 2→3, and 1→4
    // crosses 2→3; edges that share an end never cross. In the order 5, 4, 3 only 0→3 and 1→4 do.
    const down = [[5, 3], [4], [3], [], [], []];
    expect(
      countCrossings(
        [
          [0, 1, 2],
          [3, 4, 5],
        ],
        down,
      ),
    ).toBe(3);
    expect(
      countCrossings(
        [
          [0, 1, 2],
          [5, 4, 3],
        ],
        down,
      ),
    ).toBe(1);
  });
});

/** isotonicWithGaps with the same gap between every two neighbours. */
const isotonicWithSpacing = (desired: number[], spacing: number) =>
  isotonicWithGaps(
    desired,
    desired.slice(1).map(() => spacing),
  );

describe("isotonicWithGaps", () => {
  it("keeps desired positions that are already far enough apart", () => {
    expect(isotonicWithSpacing([0, 100, 300], 50)).toEqual([0, 100, 300]);
  });

  it("spreads colliding positions evenly around their mean", () => {
    expect(isotonicWithSpacing([10, 10, 10], 20)).toEqual([-10, 10, 30]);
  });

  it("keeps order even when the desired positions are reversed", () => {
    const placed = isotonicWithSpacing([100, 0], 10);
    expect(placed[1]! - placed[0]!).toBe(10);
    expect((placed[0]! + placed[1]!) / 2).toBe(50);
  });

  it("keeps each pair of neighbours its own gap apart", () => {
    // A waypoint (gap 46 to the phases around it) between two phases wanted at the same height.
    expect(isotonicWithGaps([0, 0, 0], [46, 46])).toEqual([-46, 0, 46]);
    expect(isotonicWithGaps([0, 100, 200], [46, 88])).toEqual([0, 100, 200]);
  });
});
