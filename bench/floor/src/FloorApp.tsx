import { type Edge, type Node, type NodeHandle, Position, ReactFlow } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";

/** What the benchmark serves as /floor-graph.json: the dashboard's own positions for the graph. */
export interface FloorGraph {
  readonly nodes: readonly { readonly id: string; readonly x: number; readonly y: number }[];
  readonly edges: readonly { readonly source: string; readonly target: string }[];
  readonly nodeWidth: number;
  readonly nodeHeight: number;
}

const STATUSES = ["pending", "running", "completed"] as const;
const COLORS: Record<(typeof STATUSES)[number], string> = {
  pending: "#f1f5f9",
  running: "#bfdbfe",
  completed: "#bbf7d0",
};

/**
 * The floor of the dashboard benchmark: React Flow drawing the same nodes at the same places,
 * with its default nodes and edges and no app logic. `?view=same&x=&y=&zoom=&width=&height=`
 * (default) is the least React Flow can do: a pane of the size given, opened on the viewport
 * given (both the dashboard's),
 * renders only what is visible, and is told every node's size and handles so it measures
 * nothing. `?view=all` is a naive page: fit the whole graph, every node drawn and measured. `?updates=N` recolors N nodes a second,
 * the plain React Flow way (a new nodes array).
 */
export function FloorApp() {
  const params = new URLSearchParams(window.location.search);
  const view = params.get("view") === "all" ? "all" : "same";
  const viewport = {
    x: Number(params.get("x") ?? 0),
    y: Number(params.get("y") ?? 0),
    zoom: Number(params.get("zoom") ?? 1),
  };
  const paneStyle =
    view === "same" && params.has("width")
      ? { width: Number(params.get("width")), height: Number(params.get("height")) }
      : { width: "100%", height: "100%" };
  const updatesPerSecond = Number(params.get("updates") ?? 0);
  const [graph, setGraph] = useState<FloorGraph | null>(null);
  const [nodes, setNodes] = useState<Node[]>([]);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    void fetch("/floor-graph.json")
      .then((response) => response.json() as Promise<FloorGraph>)
      .then((loaded) => {
        setGraph(loaded);
        const width = loaded.nodeWidth;
        const height = loaded.nodeHeight;
        const handles: NodeHandle[] = [
          { type: "target", position: Position.Top, x: width / 2, y: 0, width: 1, height: 1 },
          {
            type: "source",
            position: Position.Bottom,
            x: width / 2,
            y: height - 1,
            width: 1,
            height: 1,
          },
        ];
        const known =
          view === "same" ? { width, height, measured: { width, height }, handles } : {};
        setNodes(
          loaded.nodes.map((node) => ({
            id: node.id,
            position: { x: node.x, y: node.y },
            data: { label: node.id },
            style: { width, height, background: COLORS.pending },
            ...known,
          })),
        );
      });
  }, [view]);

  const edges = useMemo<Edge[]>(
    () =>
      graph?.edges.map((edge) => ({
        id: `${edge.source}->${edge.target}`,
        source: edge.source,
        target: edge.target,
      })) ?? [],
    [graph],
  );

  useEffect(() => {
    if (!ready || updatesPerSecond <= 0) return;
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((updatesPerSecond * tickMs) / 1000));
    let next = 0;
    const timer = setInterval(() => {
      setNodes((current) => {
        const changed = current.slice();
        for (let k = 0; k < perTick; k++) {
          const index = next++ % changed.length;
          const node = changed[index]!;
          const status = STATUSES[Math.floor(next / changed.length + 1) % STATUSES.length]!;
          changed[index] = { ...node, style: { ...node.style, background: COLORS[status] } };
        }
        return changed;
      });
    }, tickMs);
    return () => clearInterval(timer);
  }, [ready, updatesPerSecond]);

  return (
    <div data-testid="floor-graph" data-ready={ready ? "true" : undefined} style={paneStyle}>
      {graph && (
        <ReactFlow
          nodes={nodes}
          edges={edges}
          fitView={view === "all"}
          defaultViewport={view === "same" ? viewport : undefined}
          minZoom={0.03}
          onlyRenderVisibleElements={view === "same"}
          onInit={() => setReady(true)}
        />
      )}
    </div>
  );
}
