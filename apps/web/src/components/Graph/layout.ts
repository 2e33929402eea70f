import { countCrossings } from "./countCrossings";
import { isotonicWithGaps } from "./isotonicWithGaps";

/** The part of a phase the layout looks at. */
export interface LayoutPhase {
  readonly name: string;
  readonly dependsOn: readonly string[];
}

export interface LayoutInput {
  readonly phases: readonly LayoutPhase[];
}

export interface LayoutOptions {
  readonly nodeWidth: number;
  readonly nodeHeight: number;
  /** Horizontal space between two columns of nodes. */
  readonly rankGap: number;
  /** Vertical space between two nodes of a column. */
  readonly nodeGap: number;
  /** Vertical space between an edge crossing a column and the node or edge next to it. */
  readonly edgeGap: number;
  /** Barycenter ordering passes (alternately left-to-right and right-to-left). */
  readonly orderingSweeps: number;
  /** Passes that pull each node toward its neighbours' height. */
  readonly placementSweeps: number;
}

export interface NodePosition {
  readonly name: string;
  /** Top-left corner. */
  readonly x: number;
  readonly y: number;
  /** The column: the longest dependency chain leading to the phase. */
  readonly rank: number;
  /** Place in the column, top to bottom. */
  readonly order: number;
}

/** A point of an edge's path, in the layout's coordinates. */
export interface RoutePoint {
  readonly x: number;
  readonly y: number;
}

/** The path of an edge that skips columns: around the nodes of the columns it crosses. */
export interface EdgeRoute {
  readonly source: string;
  readonly target: string;
  /**
   * Two points per column crossed (where it enters on the column's left and leaves on its
   * right), at a height kept clear of every node of that column; the edge runs straight across
   * the column between them and from one column to the next through the gap between columns.
   */
  readonly points: readonly RoutePoint[];
}

export interface GraphLayout {
  /** One entry per phase, in the input's order. */
  readonly positions: readonly NodePosition[];
  /** One entry per edge that skips at least one column, in the input's order. */
  readonly routes: readonly EdgeRoute[];
  readonly width: number;
  readonly height: number;
  readonly rankCount: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  nodeWidth: 224,
  nodeHeight: 68,
  rankGap: 72,
  nodeGap: 20,
  edgeGap: 12,
  orderingSweeps: 8,
  placementSweeps: 4,
};

/**
 * Lays a DAG out left to right in O(sweeps · (V + E') log V), fast enough for thousands of phases
 * where general-purpose layered layouts (dagre, elk) take seconds to minutes:
 * 1. longest-path layering: a phase's column is one past its deepest dependency; an edge that
 *    skips columns gets a waypoint in each column it crosses (E' counts those), as in any
 *    layered layout, so that it is ordered and placed like a thin node and never runs behind one;
 * 2. barycenter ordering: each column is sorted by the mean position of its neighbours, sweeping
 *    forward and back a few times to untangle crossings;
 * 3. coordinates: x from the column; y pulled toward the neighbours' mean height while keeping
 *    the column's order and spacing (an isotonic regression, solved exactly in one pass).
 * Pure: the same graph always gives the same positions.
 */
export function layoutGraph(
  graph: LayoutInput,
  overrides: Partial<LayoutOptions> = {},
): GraphLayout {
  const options = { ...DEFAULT_LAYOUT_OPTIONS, ...overrides };
  const count = graph.phases.length;
  if (count === 0) return { positions: [], routes: [], width: 0, height: 0, rankCount: 0 };

  const indexOf = new Map<string, number>();
  graph.phases.forEach((phase, index) => {
    indexOf.set(phase.name, index);
  });
  const dependencies: number[][] = graph.phases.map((phase) =>
    phase.dependsOn.flatMap((name) => {
      const index = indexOf.get(name);
      return index === undefined ? [] : [index];
    }),
  );
  const dependents: number[][] = graph.phases.map(() => []);
  dependencies.forEach((list, index) => {
    for (const dependency of list) dependents[dependency]!.push(index);
  });

  const ranks = longestPathRanks(dependencies, dependents);
  const layered = withWaypoints(ranks, dependencies);
  let rankCount = 0;
  for (const rank of ranks) rankCount = Math.max(rankCount, rank + 1);
  const columns: number[][] = Array.from({ length: rankCount }, () => []);
  layered.rankOf.forEach((rank, item) => {
    columns[rank]!.push(item);
  });

  orderColumns(columns, layered.up, layered.down, options.orderingSweeps);
  const heightOf = (item: number) => (item < count ? options.nodeHeight : 0);
  const ys = placeVertically(columns, layered, heightOf, count, options);

  const columnStep = options.nodeWidth + options.rankGap;
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  ys.forEach((y, item) => {
    top = Math.min(top, y - heightOf(item) / 2);
    bottom = Math.max(bottom, y + heightOf(item) / 2);
  });
  const orderOf = new Array<number>(count).fill(0);
  for (const column of columns) {
    let order = 0;
    for (const item of column) if (item < count) orderOf[item] = order++;
  }
  const positions = graph.phases.map((phase, index) => ({
    name: phase.name,
    x: ranks[index]! * columnStep,
    y: round(ys[index]! - options.nodeHeight / 2 - top),
    rank: ranks[index]!,
    order: orderOf[index]!,
  }));
  const routes = layered.chains.map(({ source, target, waypoints }) => ({
    source: graph.phases[source]!.name,
    target: graph.phases[target]!.name,
    points: waypoints.flatMap((item) => {
      const x = layered.rankOf[item]! * columnStep;
      const y = round(ys[item]! - top);
      return [
        { x, y },
        { x: x + options.nodeWidth, y },
      ];
    }),
  }));
  return {
    positions,
    routes,
    width: (rankCount - 1) * columnStep + options.nodeWidth,
    height: round(bottom - top),
    rankCount,
  };
}

/**
 * The layered graph: the phases (items 0..n-1), then a waypoint per column crossed by each edge
 * that skips columns; `up` and `down` link items of neighbouring columns only.
 */
interface LayeredGraph {
  readonly rankOf: number[];
  readonly up: number[][];
  readonly down: number[][];
  readonly chains: { source: number; target: number; waypoints: number[] }[];
}

function withWaypoints(ranks: readonly number[], dependencies: readonly number[][]): LayeredGraph {
  const rankOf = [...ranks];
  const up: number[][] = ranks.map(() => []);
  const down: number[][] = ranks.map(() => []);
  const chains: LayeredGraph["chains"] = [];
  const link = (from: number, to: number) => {
    up[to]!.push(from);
    down[from]!.push(to);
  };
  dependencies.forEach((list, target) => {
    for (const source of list) {
      // Edges inside a cycle's column (only from a graph that was never validated) stay direct.
      if (ranks[target]! - ranks[source]! <= 1) {
        link(source, target);
        continue;
      }
      const waypoints: number[] = [];
      let previous = source;
      for (let rank = ranks[source]! + 1; rank < ranks[target]!; rank++) {
        const item = rankOf.length;
        rankOf.push(rank);
        up.push([]);
        down.push([]);
        link(previous, item);
        waypoints.push(item);
        previous = item;
      }
      link(previous, target);
      chains.push({ source, target, waypoints });
    }
  });
  return { rankOf, up, down, chains };
}

/** Column of each node (Kahn's order); nodes caught in a cycle go after everything else. */
function longestPathRanks(dependencies: number[][], dependents: number[][]): number[] {
  const count = dependencies.length;
  const ranks = new Array<number>(count).fill(0);
  const waiting = dependencies.map((list) => list.length);
  const queue: number[] = [];
  for (let index = 0; index < count; index++) if (waiting[index] === 0) queue.push(index);
  let placed = 0;
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    placed++;
    for (const dependent of dependents[node]!) {
      ranks[dependent] = Math.max(ranks[dependent]!, ranks[node]! + 1);
      waiting[dependent]! -= 1;
      if (waiting[dependent] === 0) queue.push(dependent);
    }
  }
  if (placed < count) {
    // A cycle cannot come from a validated pipeline, but a layout must never hang on one.
    const last = Math.max(...ranks) + 1;
    for (let index = 0; index < count; index++) if (waiting[index]! > 0) ranks[index] = last;
  }
  return ranks;
}

/** Sorts each column by the barycenter of its neighbours' relative positions. */
function orderColumns(
  columns: number[][],
  dependencies: number[][],
  dependents: number[][],
  sweeps: number,
): void {
  const relative = new Float64Array(dependencies.length);
  const updateRelative = (column: number[]) => {
    // Relative (0..1) positions let columns of different sizes be compared.
    column.forEach((node, order) => {
      relative[node] = (order + 0.5) / column.length;
    });
  };
  for (const column of columns) updateRelative(column);

  const sortColumn = (column: number[], neighbours: number[][]) => {
    const keys = new Map<number, number>();
    for (const node of column) {
      const list = neighbours[node]!;
      if (list.length === 0) {
        keys.set(node, relative[node]!);
        continue;
      }
      let sum = 0;
      for (const neighbour of list) sum += relative[neighbour]!;
      keys.set(node, sum / list.length);
    }
    const current = new Map(column.map((node, order) => [node, order]));
    column.sort((a, b) => keys.get(a)! - keys.get(b)! || current.get(a)! - current.get(b)!);
    updateRelative(column);
  };

  // Barycenter sweeps can also make things worse: keep the order with the fewest crossings.
  let best = countCrossings(columns, dependents);
  let bestColumns = columns.map((column) => [...column]);
  for (let pass = 0; pass < sweeps && best > 0; pass++) {
    sweepOnce(columns, pass % 2 === 0, (column, forward) =>
      sortColumn(column, forward ? dependencies : dependents),
    );
    const crossings = countCrossings(columns, dependents);
    if (crossings < best) {
      best = crossings;
      bestColumns = columns.map((column) => [...column]);
    }
  }
  bestColumns.forEach((column, rank) => {
    columns[rank] = column;
  });
}

/**
 * Vertical centers: columns stacked in order, each item drawn toward its neighbours. Phases keep
 * `nodeGap` between them; a waypoint keeps `edgeGap` from whatever is next to it.
 */
function placeVertically(
  columns: number[][],
  layered: LayeredGraph,
  heightOf: (item: number) => number,
  phaseCount: number,
  options: LayoutOptions,
): Float64Array {
  const ys = new Float64Array(layered.rankOf.length);
  const gapsOf = (column: number[]) =>
    column.slice(1).map((item, index) => {
      const previous = column[index]!;
      const gap = item < phaseCount && previous < phaseCount ? options.nodeGap : options.edgeGap;
      return (heightOf(previous) + heightOf(item)) / 2 + gap;
    });
  const gaps = columns.map(gapsOf);
  columns.forEach((column, rank) => {
    // Centered on 0 so short columns sit in the middle of tall ones.
    const stacked = isotonicWithGaps(new Array<number>(column.length).fill(0), gaps[rank]!);
    column.forEach((item, order) => {
      ys[item] = stacked[order]!;
    });
  });
  const pull = (column: number[], rank: number, neighbours: number[][]) => {
    const desired = column.map((item) => {
      const list = neighbours[item]!;
      if (list.length === 0) return ys[item]!;
      let sum = 0;
      for (const neighbour of list) sum += ys[neighbour]!;
      return sum / list.length;
    });
    const placed = isotonicWithGaps(desired, gaps[rank]!);
    column.forEach((item, order) => {
      ys[item] = placed[order]!;
    });
  };
  sweep(columns, options.placementSweeps, (column, forward, rank) =>
    pull(column, rank, forward ? layered.up : layered.down),
  );
  return ys;
}

/**
 * Visits the columns left to right (each after the first, looking at its dependencies), then
 * right to left (each before the last, looking at its dependents), and so on, `count` times.
 */
function sweep(
  columns: number[][],
  count: number,
  visit: (column: number[], forward: boolean, rank: number) => void,
): void {
  for (let pass = 0; pass < count; pass++) sweepOnce(columns, pass % 2 === 0, visit);
}

function sweepOnce(
  columns: number[][],
  forward: boolean,
  visit: (column: number[], forward: boolean, rank: number) => void,
): void {
  if (forward) {
    for (let rank = 1; rank < columns.length; rank++) visit(columns[rank]!, true, rank);
  } else {
    for (let rank = columns.length - 2; rank >= 0; rank--) visit(columns[rank]!, false, rank);
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
