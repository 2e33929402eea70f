import type { PipelineGraph } from "@milo/core";
import {
  polylineLength,
  segmentCrossesBox,
  segmentsCross,
} from "../../apps/web/src/components/Graph/segmentGeometry";
import { large } from "../../examples/large";
import { wide } from "../../examples/wide";
import { type Drawing, drawLayout, LAYOUT_ENGINES, type LayoutEngine } from "./peers/layoutEngines";
import { createRandom } from "./shared/createRandom";
import { type Dag, randomDag } from "./shared/dagShapes";
import {
  atMost,
  type BenchmarkOptions,
  type BenchmarkResult,
  milliseconds,
  type Table,
  type TargetCheck,
} from "./shared/report";

/** Above this many phases dagre takes minutes (70 s at 2,000): it is left out there. */
const DAGRE_MAX_PHASES = 500;
/** Crossings may be at most this much above elkjs layered's. */
const CROSSING_SLACK = 1.1;
/** Total edge length must stay at most this share of elkjs layered's (its edges detour a lot). */
const LENGTH_SHARE = 0.75;

interface Quality {
  readonly crossings: number;
  readonly edgeLength: number;
  /** Edges with a segment through a node box other than their own ends. */
  readonly throughNodes: number;
  readonly ms: number;
}

interface Segment {
  readonly edge: number;
  readonly a: { x: number; y: number };
  readonly b: { x: number; y: number };
  readonly minX: number;
  readonly maxX: number;
}

/** Proper crossings between segments of edges that share no phase (a sweep along x). */
function countCrossings(drawing: Drawing): number {
  const segments: Segment[] = [];
  drawing.edges.forEach((edge, index) => {
    for (let k = 1; k < edge.points.length; k++) {
      const a = edge.points[k - 1]!;
      const b = edge.points[k]!;
      segments.push({ edge: index, a, b, minX: Math.min(a.x, b.x), maxX: Math.max(a.x, b.x) });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  let crossings = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    const e = drawing.edges[s.edge]!;
    for (let j = i + 1; j < segments.length && segments[j]!.minX <= s.maxX; j++) {
      const t = segments[j]!;
      if (t.edge === s.edge) continue;
      const f = drawing.edges[t.edge]!;
      if (
        e.source === f.source ||
        e.source === f.target ||
        e.target === f.source ||
        e.target === f.target
      ) {
        continue;
      }
      if (segmentsCross(s.a, s.b, t.a, t.b)) crossings++;
    }
  }
  return crossings;
}

function countThroughNodes(drawing: Drawing): number {
  const boxes = [...drawing.nodes];
  let count = 0;
  for (const edge of drawing.edges) {
    const through = boxes.some(
      ([name, box]) =>
        name !== edge.source &&
        name !== edge.target &&
        edge.points.some((point, k) => k > 0 && segmentCrossesBox(edge.points[k - 1]!, point, box)),
    );
    if (through) count++;
  }
  return count;
}

async function measure(engine: LayoutEngine, dag: Dag): Promise<Quality> {
  const started = performance.now();
  const drawing = await drawLayout(engine, dag);
  const ms = performance.now() - started;
  return {
    crossings: countCrossings(drawing),
    edgeLength: drawing.edges.reduce((sum, edge) => sum + polylineLength(edge.points), 0),
    throughNodes: countThroughNodes(drawing),
    ms,
  };
}

function fromGraph(name: string, graph: PipelineGraph): Dag {
  return {
    name,
    phases: graph.phases.map((phase) => ({
      name: phase.name,
      dependsOn: phase.dependsOn,
      parallel: phase.parallel,
      duration: phase.weight,
    })),
  };
}

/** A random DAG whose dependencies reach far back: most of its edges skip columns. */
function skipping(count: number): Dag {
  const dag = randomDag(createRandom(20_261_203), 0, count, count);
  return { ...dag, name: `skips-${count}` };
}

const thousands = (value: number) => Math.round(value).toLocaleString("en-US");

/**
 * Layout quality of the dashboard's layout beside elkjs layered and dagre, on the example
 * pipelines and a graph whose edges skip columns: crossings, total edge length, and edges drawn
 * through a node they do not join (which suggest a dependency that is not there).
 */
export async function runLayoutQuality(options: BenchmarkOptions): Promise<BenchmarkResult> {
  const graphs: Dag[] = options.smoke
    ? [skipping(30)]
    : [fromGraph("wide", wide.toGraph()), fromGraph("large", large.toGraph()), skipping(200)];
  const results: Record<string, Partial<Record<LayoutEngine, Quality>>> = {};
  const rows: string[][] = [];
  for (const dag of graphs) {
    results[dag.name] = {};
    for (const engine of LAYOUT_ENGINES) {
      if (engine === "dagre (defaults)" && dag.phases.length > DAGRE_MAX_PHASES) continue;
      const quality = await measure(engine, dag);
      results[dag.name]![engine] = quality;
      options.log(
        `  layout: ${dag.name} with ${engine}: ${thousands(quality.crossings)} crossings`,
      );
      rows.push([
        `${dag.name} (${dag.phases.length} phases)`,
        engine,
        thousands(quality.crossings),
        thousands(quality.edgeLength),
        String(quality.throughNodes),
        milliseconds(quality.ms),
      ]);
    }
  }
  const table: Table = {
    title: "Layout quality (px at the dashboard's node size, 224 × 68)",
    columns: ["graph", "engine", "crossings", "edge length", "edges through nodes", "layout"],
    rows,
  };

  const targets: TargetCheck[] = [];
  for (const dag of graphs) {
    const ours = results[dag.name]!["dashboard layout.ts"]!;
    const elk = results[dag.name]!["elkjs (defaults)"]!;
    targets.push({
      target: `layout: no edge drawn through a node on ${dag.name}`,
      measured: `${ours.throughNodes} edges`,
      met: ours.throughNodes === 0,
      margin: ours.throughNodes === 0 ? "met" : `missed by ${ours.throughNodes} edges`,
    });
    if (dag.name === "wide" || dag.name === "large") {
      targets.push(
        atMost(
          `layout: crossings on ${dag.name} within 10% of elkjs layered (${thousands(elk.crossings)})`,
          ours.crossings,
          Math.max(1, elk.crossings * CROSSING_SLACK),
          thousands,
        ),
        atMost(
          `layout: total edge length on ${dag.name} at most ${LENGTH_SHARE * 100}% of elkjs layered's (${thousands(elk.edgeLength)} px)`,
          ours.edgeLength,
          elk.edgeLength * LENGTH_SHARE,
          (value) => `${thousands(value)} px`,
        ),
      );
    }
  }
  return {
    id: "layout",
    title: "Layout quality (crossings, edge length, edges through nodes)",
    tables: [table],
    targets,
    notes: [
      "Edges are measured as drawn: elkjs's orthogonal sections and dagre's points as polylines; the dashboard's edges from the right side of a node to the left side of the next, through the waypoints it routes an edge that skips columns along.",
      "A crossing is a proper intersection of two segments of edges that share no phase; an edge through a node has a segment inside the box of a node that is neither of its ends.",
      "The layout column is one cold run of each engine (JIT warm-up included), for scale only: the dashboard benchmark times layouts properly.",
      `dagre is left out above ${DAGRE_MAX_PHASES} phases (about 70 s at 2,000; see the dashboard benchmark) and draws top to bottom, its default.`,
    ],
    data: results,
  };
}
