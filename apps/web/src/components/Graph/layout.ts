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

export interface GraphLayout {
  /** One entry per phase, in the input's order. */
  readonly positions: readonly NodePosition[];
  readonly width: number;
  readonly height: number;
  readonly rankCount: number;
}

export const DEFAULT_LAYOUT_OPTIONS: LayoutOptions = {
  nodeWidth: 224,
  nodeHeight: 68,
  rankGap: 72,
  nodeGap: 20,
  orderingSweeps: 4,
  placementSweeps: 4,
};

/**
 * Lays a DAG out left to right in O(sweeps · (V + E) log V), fast enough for thousands of phases
 * where general-purpose layered layouts (dagre, elk) take seconds to minutes:
 * 1. longest-path layering: a phase's column is one past its deepest dependency;
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
  if (count === 0) return { positions: [], width: 0, height: 0, rankCount: 0 };

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
  const rankCount = Math.max(...ranks) + 1;
  const columns: number[][] = Array.from({ length: rankCount }, () => []);
  ranks.forEach((rank, index) => {
    columns[rank]!.push(index);
  });

  orderColumns(columns, dependencies, dependents, options.orderingSweeps);
  const ys = placeVertically(columns, dependencies, dependents, options);

  const columnStep = options.nodeWidth + options.rankGap;
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const y of ys) {
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const orderOf = new Array<number>(count).fill(0);
  for (const column of columns) {
    column.forEach((node, order) => {
      orderOf[node] = order;
    });
  }
  const positions = graph.phases.map((phase, index) => ({
    name: phase.name,
    x: ranks[index]! * columnStep,
    y: round(ys[index]! - minY),
    rank: ranks[index]!,
    order: orderOf[index]!,
  }));
  return {
    positions,
    width: (rankCount - 1) * columnStep + options.nodeWidth,
    height: round(maxY - minY) + options.nodeHeight,
    rankCount,
  };
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

  sweep(columns, sweeps, (column, forward) =>
    sortColumn(column, forward ? dependencies : dependents),
  );
}

/** Vertical positions: columns stacked in order, each node drawn toward its neighbours. */
function placeVertically(
  columns: number[][],
  dependencies: number[][],
  dependents: number[][],
  options: LayoutOptions,
): Float64Array {
  const step = options.nodeHeight + options.nodeGap;
  const ys = new Float64Array(dependencies.length);
  for (const column of columns) {
    // Centered on 0 so short columns sit in the middle of tall ones.
    const offset = ((column.length - 1) * step) / 2;
    column.forEach((node, order) => {
      ys[node] = order * step - offset;
    });
  }
  const pull = (column: number[], neighbours: number[][]) => {
    const desired = column.map((node) => {
      const list = neighbours[node]!;
      if (list.length === 0) return ys[node]!;
      let sum = 0;
      for (const neighbour of list) sum += ys[neighbour]!;
      return sum / list.length;
    });
    const placed = isotonicWithSpacing(desired, step);
    column.forEach((node, order) => {
      ys[node] = placed[order]!;
    });
  };
  sweep(columns, options.placementSweeps, (column, forward) =>
    pull(column, forward ? dependencies : dependents),
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
  visit: (column: number[], forward: boolean) => void,
): void {
  for (let pass = 0; pass < count; pass++) {
    if (pass % 2 === 0) {
      for (let rank = 1; rank < columns.length; rank++) visit(columns[rank]!, true);
    } else {
      for (let rank = columns.length - 2; rank >= 0; rank--) visit(columns[rank]!, false);
    }
  }
}

/**
 * The positions closest (least squares) to `desired` that keep their order and are at least
 * `spacing` apart. With z_i = y_i − i·spacing the constraint becomes z non-decreasing: pool
 * adjacent violators solves that in linear time.
 */
export function isotonicWithSpacing(desired: readonly number[], spacing: number): number[] {
  const blocks: { sum: number; size: number }[] = [];
  desired.forEach((value, index) => {
    blocks.push({ sum: value - index * spacing, size: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1]!;
      const previous = blocks[blocks.length - 2]!;
      if (previous.sum / previous.size <= last.sum / last.size) break;
      previous.sum += last.sum;
      previous.size += last.size;
      blocks.pop();
    }
  });
  const result: number[] = [];
  for (const block of blocks) {
    const mean = block.sum / block.size;
    for (let k = 0; k < block.size; k++) result.push(mean + result.length * spacing);
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
