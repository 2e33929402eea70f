import type { PipelineGraph, PipelineState } from "@milo/core";
import {
  Controls,
  MiniMap,
  type NodeMouseHandler,
  type NodeTypes,
  Panel,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo, useState } from "react";
import { useTheme } from "../../hooks/useTheme";
import { statusColor } from "../Status/statusStyle";
import { GraphSearch } from "./GraphSearch";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "./layout";
import { PhaseNode } from "./PhaseNode";
import type { PhaseNodeType } from "./phaseNodeData";
import { StatusLegend } from "./StatusLegend";
import { useFlowElements } from "./useFlowElements";
import { useGraphLayout } from "./useGraphLayout";

// Defined once, outside any component: a new object per render would remount every node.
const nodeTypes: NodeTypes = { phase: PhaseNode };

/** Past this many phases only what is on screen is rendered. */
const VISIBLE_ONLY_THRESHOLD = 150;
/** A big graph opens on its first columns, readable, rather than as an unreadable whole. */
const INITIAL_VIEW_MAX_NODES = 120;

export interface FocusRequest {
  readonly phase: string;
  /** Changes on every request, so asking twice for the same phase re-centers twice. */
  readonly nonce: number;
}

export interface PipelineGraphViewProps {
  readonly graph: PipelineGraph;
  /** The run's state, or null to draw the bare pipeline. */
  readonly state: PipelineState | null;
  readonly selected: string | null;
  readonly onSelect: (phase: string | null) => void;
  readonly focus: FocusRequest | null;
  readonly onFocus: (phase: string) => void;
  readonly className?: string;
}

/** A pipeline's DAG, laid out left to right, colored by the run's state when there is one. */
export function PipelineGraphView(props: PipelineGraphViewProps) {
  const { layout, layoutMs, error } = useGraphLayout(props.graph);
  const [drawnLayout, setDrawnLayout] = useState<GraphLayout | null>(null);
  const ready = layout !== null && drawnLayout === layout;
  return (
    <div
      data-testid="pipeline-graph"
      data-layout-ms={layoutMs === null ? undefined : Math.round(layoutMs)}
      data-ready={ready ? "true" : undefined}
      data-phase-count={props.graph.phases.length}
      className={`relative overflow-hidden rounded-xl border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60 ${props.className ?? ""}`}
    >
      {error ? (
        <p role="alert" className="p-6 text-red-700 text-sm dark:text-red-300">
          {error}
        </p>
      ) : layout === null ? (
        <div className="flex h-full items-center justify-center gap-3 text-slate-500 text-sm">
          <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 dark:border-slate-700 dark:border-t-slate-300" />
          Laying out {props.graph.phases.length.toLocaleString()} phases…
        </div>
      ) : (
        <ReactFlowProvider>
          <GraphCanvas {...props} layout={layout} onDrawn={setDrawnLayout} />
        </ReactFlowProvider>
      )}
    </div>
  );
}

function GraphCanvas({
  graph,
  layout,
  state,
  selected,
  onSelect,
  focus,
  onFocus,
  onDrawn,
}: PipelineGraphViewProps & {
  readonly layout: GraphLayout;
  readonly onDrawn: (layout: GraphLayout) => void;
}) {
  const { resolved } = useTheme();
  const [search, setSearch] = useState("");
  const { nodes, edges } = useFlowElements(graph, layout, { state, selected, search });
  const flow = useReactFlow<PhaseNodeType>();
  const big = graph.phases.length > VISIBLE_ONLY_THRESHOLD;

  const initialNodes = useMemo(() => firstColumns(layout, INITIAL_VIEW_MAX_NODES), [layout]);

  useEffect(() => {
    if (focus === null) return;
    const position = layout.positions.find((entry) => entry.name === focus.phase);
    if (!position) return;
    const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
    void flow.setCenter(position.x + nodeWidth / 2, position.y + nodeHeight / 2, {
      zoom: Math.max(flow.getZoom(), 1),
      duration: 450,
    });
  }, [focus, layout, flow]);

  const onNodeClick = useCallback<NodeMouseHandler<PhaseNodeType>>(
    (_event, node) => onSelect(node.id === selected ? null : node.id),
    [onSelect, selected],
  );
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  const miniMapColor = useCallback(
    (node: PhaseNodeType) => statusColor(node.data.status, resolved),
    [resolved],
  );

  return (
    <div className="h-full w-full">
      <ReactFlow<PhaseNodeType>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        onInit={() => onDrawn(layout)}
        colorMode={resolved}
        fitView
        fitViewOptions={{
          padding: 0.12,
          maxZoom: 1.1,
          nodes: initialNodes?.map((id) => ({ id })),
        }}
        minZoom={big ? 0.03 : 0.2}
        maxZoom={2}
        onlyRenderVisibleElements={big}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        edgesFocusable={false}
        defaultMarkerColor={resolved === "dark" ? "#64748b" : "#94a3b8"}
        proOptions={{ hideAttribution: false }}
      >
        <Panel position="top-left" className="!m-3">
          <GraphSearch
            graph={graph}
            query={search}
            onQuery={setSearch}
            onPick={(phase) => {
              onSelect(phase);
              onFocus(phase);
            }}
          />
        </Panel>
        <Panel position="top-right" className="!m-3">
          <StatusLegend />
        </Panel>
        <Controls showInteractive={false} position="bottom-left" />
        <MiniMap<PhaseNodeType>
          pannable
          zoomable
          nodeColor={miniMapColor}
          nodeStrokeWidth={0}
          nodeBorderRadius={6}
          maskColor={resolved === "dark" ? "rgba(2, 6, 23, 0.65)" : "rgba(241, 245, 249, 0.7)"}
          className="!rounded-lg !border !border-slate-200 overflow-hidden dark:!border-slate-700"
          ariaLabel="Overview of the pipeline, colored by phase status"
        />
      </ReactFlow>
    </div>
  );
}

/** The ids of the first columns, up to about `maxNodes` phases (at least one column); null when that is everything. */
function firstColumns(layout: GraphLayout, maxNodes: number): string[] | null {
  if (layout.positions.length <= maxNodes) return null;
  const byRank = new Map<number, string[]>();
  for (const position of layout.positions) {
    const column = byRank.get(position.rank) ?? [];
    column.push(position.name);
    byRank.set(position.rank, column);
  }
  const picked: string[] = [];
  for (let rank = 0; rank < layout.rankCount; rank++) {
    const column = byRank.get(rank) ?? [];
    if (picked.length > 0 && picked.length + column.length > maxNodes) break;
    picked.push(...column);
  }
  return picked;
}
