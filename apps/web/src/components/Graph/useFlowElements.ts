import type { PhaseStatus, PipelineGraph, PipelineState } from "@milo/core";
import { type Edge, MarkerType, Position } from "@xyflow/react";
import { useMemo, useRef } from "react";
import { blockedBy } from "./blockedBy";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "./layout";
import { isLineageEdge, lineageOf } from "./lineage";
import { type PhaseNodeData, type PhaseNodeType, sameNodeData } from "./phaseNodeData";

const { nodeWidth: WIDTH, nodeHeight: HEIGHT } = DEFAULT_LAYOUT_OPTIONS;

/** Handles known up front, so edges draw before (and without) any DOM measuring. */
const HANDLES: PhaseNodeType["handles"] = [
  { type: "target", position: Position.Left, x: 0, y: HEIGHT / 2, width: 1, height: 1 },
  { type: "source", position: Position.Right, x: WIDTH - 1, y: HEIGHT / 2, width: 1, height: 1 },
];

export interface FlowView {
  readonly state: PipelineState | null;
  readonly selected: string | null;
  readonly search: string;
}

interface EdgeData extends Record<string, unknown> {
  readonly key: string;
}

/**
 * React Flow's nodes and edges for a graph, its layout and the run's state. Positions come from
 * the layout alone; state changes only swap the `data` of the nodes whose look changed, and
 * every other node and edge keeps its object, so React Flow re-renders just those.
 */
export function useFlowElements(
  graph: PipelineGraph,
  layout: GraphLayout | null,
  view: FlowView,
): { nodes: PhaseNodeType[]; edges: Edge<EdgeData>[] } {
  const { state, selected, search } = view;
  const nodeCache = useRef(new Map<string, PhaseNodeType>());
  const edgeCache = useRef(new Map<string, Edge<EdgeData>>());

  const positions = useMemo(() => {
    // A new layout means new positions: start from fresh objects.
    nodeCache.current = new Map();
    edgeCache.current = new Map();
    return new Map(layout?.positions.map((position) => [position.name, position]));
  }, [layout]);

  const lineage = useMemo(
    () => (selected !== null && positions.has(selected) ? lineageOf(graph, selected) : null),
    [graph, selected, positions],
  );
  const blocked = useMemo(
    () => (state ? blockedBy(graph, state) : new Map<string, string>()),
    [graph, state],
  );

  const nodes = useMemo(() => {
    if (layout === null) return [];
    const needle = search.trim().toLowerCase();
    const next = new Map<string, PhaseNodeType>();
    const list = graph.phases.map((phase) => {
      const status: PhaseStatus | undefined = state?.phases.get(phase.name);
      const data: PhaseNodeData = {
        phase,
        status: status?.status ?? "pending",
        attempt: status?.attempt ?? 0,
        elapsed: status && status.endedAt !== null ? status.elapsed : null,
        blockedBy: blocked.get(phase.name) ?? null,
        firstFailure: state?.failedPhase === phase.name,
        selected: selected === phase.name,
        dimmed:
          lineage !== null &&
          selected !== phase.name &&
          !lineage.upstream.has(phase.name) &&
          !lineage.downstream.has(phase.name),
        matched: needle !== "" && phase.name.toLowerCase().includes(needle),
      };
      const previous = nodeCache.current.get(phase.name);
      const node: PhaseNodeType =
        previous && sameNodeData(previous.data, data)
          ? previous
          : {
              id: phase.name,
              type: "phase",
              position: positionOf(positions, phase.name),
              data,
              width: WIDTH,
              height: HEIGHT,
              measured: { width: WIDTH, height: HEIGHT },
              handles: HANDLES,
              draggable: false,
              connectable: false,
            };
      next.set(phase.name, node);
      return node;
    });
    nodeCache.current = next;
    return list;
  }, [graph, layout, positions, state, blocked, selected, lineage, search]);

  const edges = useMemo(() => {
    if (layout === null) return [];
    const next = new Map<string, Edge<EdgeData>>();
    const list: Edge<EdgeData>[] = [];
    for (const phase of graph.phases) {
      const targetStatus = state?.phases.get(phase.name)?.status ?? "pending";
      for (const dependency of phase.dependsOn) {
        const animated = targetStatus === "running";
        const className =
          lineage === null || selected === null
            ? ""
            : isLineageEdge(lineage, selected, dependency, phase.name)
              ? "milo-edge-lineage"
              : "milo-edge-dimmed";
        const id = `${dependency}→${phase.name}`;
        const key = `${animated}|${className}`;
        const previous = edgeCache.current.get(id);
        const edge: Edge<EdgeData> =
          previous && previous.data?.key === key
            ? previous
            : {
                id,
                source: dependency,
                target: phase.name,
                animated,
                className: `${className} ${animated ? "milo-edge-active" : ""}`.trim(),
                markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14 },
                focusable: false,
                data: { key },
              };
        next.set(id, edge);
        list.push(edge);
      }
    }
    edgeCache.current = next;
    return list;
  }, [graph, layout, state, lineage, selected]);

  return { nodes, edges };
}

function positionOf(positions: Map<string, { x: number; y: number }>, name: string) {
  const position = positions.get(name);
  return position ? { x: position.x, y: position.y } : { x: 0, y: 0 };
}
