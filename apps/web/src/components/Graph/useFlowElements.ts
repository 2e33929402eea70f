import type { PipelineGraph } from "@milo/core";
import { MarkerType, Position } from "@xyflow/react";
import { useMemo, useRef } from "react";
import { routeKey } from "./edgePolylines";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "./layout";
import { isLineageEdge, lineageOf } from "./lineage";
import { phaseMatches } from "./phaseMatches";
import {
  type PhaseNodeData,
  type PhaseNodeType,
  phaseLabelId,
  sameNodeData,
} from "./phaseNodeData";
import type { StatusEdgeType } from "./StatusEdge";

const { nodeWidth: WIDTH, nodeHeight: HEIGHT } = DEFAULT_LAYOUT_OPTIONS;

/** Handles known up front, so edges draw before (and without) any DOM measuring. */
const HANDLES: PhaseNodeType["handles"] = [
  { type: "target", position: Position.Left, x: 0, y: HEIGHT / 2, width: 1, height: 1 },
  { type: "source", position: Position.Right, x: WIDTH - 1, y: HEIGHT / 2, width: 1, height: 1 },
];

export interface FlowView {
  readonly selected: string | null;
  readonly search: string;
}

const MARKER = { type: MarkerType.ArrowClosed, width: 14, height: 14 };

/**
 * React Flow's nodes and edges for a graph, its layout, the selection and the search. Positions
 * come from the layout alone. The run's state is not an input at all (nodes and edges read it
 * from the PhaseViewStore), and a selection or search change gives new objects only to the
 * nodes whose look changed; every other node keeps its object, so React Flow redraws just those.
 */
export function useFlowElements(
  graph: PipelineGraph,
  layout: GraphLayout | null,
  view: FlowView,
): { nodes: PhaseNodeType[]; edges: StatusEdgeType[] } {
  const { selected, search } = view;
  const nodeCache = useRef(new Map<string, PhaseNodeType>());

  const positions = useMemo(() => {
    // A new layout means new positions: start from fresh objects.
    nodeCache.current = new Map();
    return new Map(layout?.positions.map((position) => [position.name, position]));
  }, [layout]);

  const lineage = useMemo(
    () => (selected !== null && positions.has(selected) ? lineageOf(graph, selected) : null),
    [graph, selected, positions],
  );

  const nodes = useMemo(() => {
    if (layout === null) return [];
    const needle = search.trim().toLowerCase();
    const next = new Map<string, PhaseNodeType>();
    const list = graph.phases.map((phase) => {
      const data: PhaseNodeData = {
        phase,
        selected: selected === phase.name,
        dimmed:
          lineage !== null &&
          selected !== phase.name &&
          !lineage.upstream.has(phase.name) &&
          !lineage.downstream.has(phase.name),
        matched: phaseMatches(phase, needle),
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
              domAttributes: { "aria-labelledby": phaseLabelId(phase.name) },
            };
      next.set(phase.name, node);
      return node;
    });
    nodeCache.current = next;
    return list;
  }, [graph, layout, positions, selected, lineage, search]);

  // Edges depend on the graph and the selection only: the status they show (moving while the
  // phase they lead into runs) comes from the PhaseViewStore, so a run never rebuilds them.
  const edges = useMemo(() => {
    if (layout === null) return [];
    // Edges that skip columns are drawn along their route, around the nodes in between.
    const routes = new Map(layout.routes.map((route) => [routeKey(route), route.points]));
    const list: StatusEdgeType[] = [];
    for (const phase of graph.phases) {
      for (const dependency of phase.dependsOn) {
        const className =
          lineage === null || selected === null
            ? undefined
            : isLineageEdge(lineage, selected, dependency, phase.name)
              ? "milo-edge-lineage"
              : "milo-edge-dimmed";
        const id = routeKey({ source: dependency, target: phase.name });
        const points = routes.get(id);
        list.push({
          id,
          type: "status",
          source: dependency,
          target: phase.name,
          className,
          markerEnd: MARKER,
          focusable: false,
          ...(points ? { data: { points } } : {}),
        });
      }
    }
    return list;
  }, [graph, layout, lineage, selected]);

  return { nodes, edges };
}

function positionOf(positions: Map<string, { x: number; y: number }>, name: string) {
  const position = positions.get(name);
  return position ? { x: position.x, y: position.y } : { x: 0, y: 0 };
}
