import { layout as dagreLayout, graphlib } from "@dagrejs/dagre";
import ELK from "elkjs/lib/elk.bundled.js";
import { DEFAULT_LAYOUT_OPTIONS, layoutGraph } from "../../../apps/web/src/components/Graph/layout";
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
  if (engine === "dashboard layout.ts") {
    layoutGraph({ phases: dag.phases });
    return;
  }
  if (engine === "elkjs (defaults)") {
    await new ELK().layout({
      id: "root",
      children: dag.phases.map((phase) => ({ id: phase.name, width, height })),
      edges: dag.phases.flatMap((phase) =>
        phase.dependsOn.map((dependency) => ({
          id: `${dependency}->${phase.name}`,
          sources: [dependency],
          targets: [phase.name],
        })),
      ),
    });
    return;
  }
  const graph = new graphlib.Graph();
  graph.setGraph({});
  graph.setDefaultEdgeLabel(() => ({}));
  for (const phase of dag.phases) graph.setNode(phase.name, { width, height });
  for (const phase of dag.phases) {
    for (const dependency of phase.dependsOn) graph.setEdge(dependency, phase.name);
  }
  dagreLayout(graph);
}
