import type { PipelineGraph } from "@milo/core";
import { MarkerType, Position } from "@xyflow/react";
import { useCallback, useMemo, useRef } from "react";
import { routeKey } from "./edgePolylines";
import type { GraphOverlay } from "./GraphOverlay";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "./layout";
import { lineageOf } from "./lineage";
import { type PhaseEmphasis, phaseEmphasis } from "./phaseEmphasis";
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
  readonly overlay?: GraphOverlay;
}

export interface FlowElements {
  readonly nodes: PhaseNodeType[];
  readonly edges: StatusEdgeType[];
  /** What stands out and what fades, for the low-detail drawing to show the same. */
  readonly emphasis: PhaseEmphasis;
  /** Whether a phase matches the search. */
  readonly matched: (name: string) => boolean;
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
): FlowElements {
  const { selected, search, overlay } = view;
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

  const emphasis = useMemo(
    () => phaseEmphasis(lineage === null ? null : selected, lineage, overlay),
    [selected, lineage, overlay],
  );

  const matchedNames = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return new Set(
      graph.phases.filter((phase) => phaseMatches(phase, needle)).map((phase) => phase.name),
    );
  }, [graph, search]);
  const matched = useCallback((name: string) => matchedNames.has(name), [matchedNames]);

  const nodes = useMemo(() => {
    if (layout === null) return [];
    const next = new Map<string, PhaseNodeType>();
    const list = graph.phases.map((phase) => {
      const data: PhaseNodeData = {
        phase,
        selected: selected === phase.name,
        dimmed: emphasis.isDimmed(phase.name),
        matched: matchedNames.has(phase.name),
        highlighted: emphasis.isHighlighted(phase.name),
        mark: emphasis.markOf(phase.name),
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
  }, [graph, layout, positions, selected, emphasis, matchedNames]);

  // Edges depend on the graph and the emphasis only: the status they show (accented while the
  // phase they lead into runs) comes from the PhaseViewStore, so a run never rebuilds them.
  const edges = useMemo(() => {
    if (layout === null) return [];
    // Edges that skip columns are drawn along their route, around the nodes in between.
    const routes = new Map(layout.routes.map((route) => [routeKey(route), route.points]));
    const list: StatusEdgeType[] = [];
    for (const phase of graph.phases) {
      for (const dependency of phase.dependsOn) {
        const look = emphasis.edge(dependency, phase.name);
        const id = routeKey({ source: dependency, target: phase.name });
        const points = routes.get(id);
        list.push({
          id,
          type: "status",
          source: dependency,
          target: phase.name,
          className: EDGE_CLASS[look],
          data: { highlight: look === "highlight", ...(points ? { points } : {}) },
          markerEnd: MARKER,
          focusable: false,
        });
      }
    }
    return list;
  }, [graph, layout, emphasis]);

  return { nodes, edges, emphasis, matched };
}

/** Lineage and dimming are styled in index.css; a highlight is drawn by StatusEdge itself. */
const EDGE_CLASS = {
  highlight: undefined,
  lineage: "milo-edge-lineage",
  dimmed: "milo-edge-dimmed",
  plain: undefined,
} as const;

function positionOf(positions: Map<string, { x: number; y: number }>, name: string) {
  const position = positions.get(name);
  return position ? { x: position.x, y: position.y } : { x: 0, y: 0 };
}
