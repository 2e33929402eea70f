import { layout as dagreLayout, graphlib } from "@dagrejs/dagre";
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";
import { edgePolylines } from "../../../apps/web/src/components/Graph/edgePolylines";
import {
  DEFAULT_LAYOUT_OPTIONS,
  type EdgeRoute,
  layoutGraph,
} from "../../../apps/web/src/components/Graph/layout";
import type { Box } from "../../../apps/web/src/components/Graph/segmentGeometry";
import type { Dag } from "../shared/dagShapes";

export const LAYOUT_ENGINES = [
  "dashboard layout.ts",
  "elkjs (defaults)",
  "dagre (defaults)",
] as const;
export type LayoutEngine = (typeof LAYOUT_ENGINES)[number];

const { nodeWidth: width, nodeHeight: height } = DEFAULT_LAYOUT_OPTIONS;

/** Lays `dag` out once with `engine`, every engine given the dashboard's node size. */
export async function layOut(engine: LayoutEngine, dag: Dag): Promise<void> {
  if (engine === "dashboard layout.ts") layoutGraph({ phases: dag.phases });
  else if (engine === "elkjs (defaults)") await new ELK().layout(elkGraph(dag));
  else dagreLayout(dagreGraph(dag));
}

function elkGraph(dag: Dag): ElkNode {
  return {
    id: "root",
    children: dag.phases.map((phase) => ({ id: phase.name, width, height })),
    edges: dag.phases.flatMap((phase) =>
      phase.dependsOn.map((dependency) => ({
        id: `${dependency}->${phase.name}`,
        sources: [dependency],
        targets: [phase.name],
      })),
    ),
  };
}

function dagreGraph(dag: Dag): graphlib.Graph {
  const graph = new graphlib.Graph();
  graph.setGraph({});
  graph.setDefaultEdgeLabel(() => ({}));
  for (const phase of dag.phases) graph.setNode(phase.name, { width, height });
  for (const phase of dag.phases) {
    for (const dependency of phase.dependsOn) graph.setEdge(dependency, phase.name);
  }
  return graph;
}

/** A finished drawing: every node's box and every edge as the polyline it is drawn along. */
export interface Drawing {
  readonly nodes: ReadonlyMap<string, Box>;
  readonly edges: readonly EdgeRoute[];
}

/** Lays `dag` out with `engine` and reads back where it put the nodes and how it routed edges. */
export async function drawLayout(engine: LayoutEngine, dag: Dag): Promise<Drawing> {
  if (engine === "dashboard layout.ts") {
    const layout = layoutGraph({ phases: dag.phases });
    return {
      nodes: new Map(layout.positions.map((p) => [p.name, { x: p.x, y: p.y, width, height }])),
      edges: edgePolylines({ phases: dag.phases }, layout),
    };
  }
  if (engine === "elkjs (defaults)") {
    const result = await new ELK().layout(elkGraph(dag));
    const nodes = new Map(
      (result.children ?? []).map((child) => [
        child.id,
        { x: child.x ?? 0, y: child.y ?? 0, width, height },
      ]),
    );
    const edges = (result.edges ?? []).map((edge) => ({
      source: edge.sources[0]!,
      target: edge.targets[0]!,
      points: (edge.sections ?? []).flatMap((section) => [
        section.startPoint,
        ...(section.bendPoints ?? []),
        section.endPoint,
      ]),
    }));
    return { nodes, edges };
  }
  const graph = dagreGraph(dag);
  dagreLayout(graph);
  // dagre gives node centers.
  const nodes = new Map(
    graph.nodes().map((name) => {
      const node = graph.node(name);
      return [name, { x: node.x - width / 2, y: node.y - height / 2, width, height }];
    }),
  );
  const edges = graph.edges().map((edge) => ({
    source: edge.v,
    target: edge.w,
    points: graph.edge(edge).points ?? [],
  }));
  return { nodes, edges };
}
