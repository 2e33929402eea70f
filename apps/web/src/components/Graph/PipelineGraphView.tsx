import type { PipelineGraph, PipelineState } from "@milo/core";
import {
  Controls,
  type EdgeTypes,
  MiniMap,
  type NodeMouseHandler,
  type NodeTypes,
  Panel,
  ReactFlow,
  type ReactFlowInstance,
  ReactFlowProvider,
  useReactFlow,
  useStoreApi,
} from "@xyflow/react";
import { memo, useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTheme } from "../../hooks/useTheme";
import { IDLE_COLOR } from "../Status/statusStyle";
import { GraphSearch } from "./GraphSearch";
import { initialViewport } from "./initialViewport";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "./layout";
import { MiniMapPhase } from "./MiniMapPhase";
import { PhaseNode } from "./PhaseNode";
import { PhaseViewContext, PhaseViewStore } from "./PhaseViewStore";
import type { PhaseNodeType } from "./phaseNodeData";
import { StatusEdge, type StatusEdgeType } from "./StatusEdge";
import { StatusLegend } from "./StatusLegend";
import { useFlowElements } from "./useFlowElements";
import { useGraphLayout } from "./useGraphLayout";

// Defined once, outside any component: a new object per render would remount every node.
const nodeTypes: NodeTypes = { phase: PhaseNode };
const edgeTypes: EdgeTypes = { status: StatusEdge };

/** Past this many phases only what is on screen is rendered. */
const VISIBLE_ONLY_THRESHOLD = 150;

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
  const { graph, state, selected, onSelect, focus, onFocus } = props;
  const { layout, layoutMs, wallMs, error } = useGraphLayout(graph);
  const [drawnLayout, setDrawnLayout] = useState<GraphLayout | null>(null);
  const ready = layout !== null && drawnLayout === layout;
  const [viewStore] = useState(() => {
    const store = new PhaseViewStore();
    store.update(graph, state);
    return store;
  });
  // Before paint, so nodes, edges and the minimap change together. The canvas below does not
  // take the state as a prop: a run's updates reach only the phases that changed, via the store.
  useLayoutEffect(() => viewStore.update(graph, state), [viewStore, graph, state]);
  return (
    <div
      data-testid="pipeline-graph"
      data-layout-ms={layoutMs === null ? undefined : Math.round(layoutMs)}
      data-layout-wall-ms={wallMs === null ? undefined : Math.round(wallMs)}
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
        <PhaseViewContext.Provider value={viewStore}>
          <ReactFlowProvider>
            <GraphCanvas
              graph={graph}
              layout={layout}
              selected={selected}
              onSelect={onSelect}
              focus={focus}
              onFocus={onFocus}
              onDrawn={setDrawnLayout}
              showLegend={state !== null}
            />
          </ReactFlowProvider>
        </PhaseViewContext.Provider>
      )}
    </div>
  );
}

interface GraphCanvasProps {
  readonly graph: PipelineGraph;
  readonly layout: GraphLayout;
  readonly selected: string | null;
  readonly onSelect: (phase: string | null) => void;
  readonly focus: FocusRequest | null;
  readonly onFocus: (phase: string) => void;
  readonly onDrawn: (layout: GraphLayout) => void;
  /** Only a run has statuses to explain. */
  readonly showLegend: boolean;
}

// Memoized, and every prop handed to React Flow kept stable: a changed prop object makes React
// Flow update its store, which wakes every mounted node and edge.
const GraphCanvas = memo(function GraphCanvas({
  graph,
  layout,
  selected,
  onSelect,
  focus,
  onFocus,
  onDrawn,
  showLegend,
}: GraphCanvasProps) {
  const { resolved } = useTheme();
  const [search, setSearch] = useState("");
  const { nodes, edges } = useFlowElements(graph, layout, { selected, search });
  const flow = useReactFlow<PhaseNodeType, StatusEdgeType>();
  const big = graph.phases.length > VISIBLE_ONLY_THRESHOLD;

  const store = useStoreApi<PhaseNodeType, StatusEdgeType>();
  const centerOn = useCallback(
    (phase: string, duration: number) => {
      const position = layout.positions.find((entry) => entry.name === phase);
      if (!position) return false;
      const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
      void flow.setCenter(position.x + nodeWidth / 2, position.y + nodeHeight / 2, {
        zoom: Math.max(flow.getZoom(), 1),
        duration,
      });
      return true;
    },
    [layout, flow],
  );

  // A phase asked for before the canvas was ready (e.g. `?phase=` in the URL) wins over the
  // default view; later requests animate there.
  const pendingFocus = useRef(focus);
  pendingFocus.current = focus;
  const onInit = useCallback(
    (instance: ReactFlowInstance<PhaseNodeType, StatusEdgeType>) => {
      const { width, height } = store.getState();
      void instance.setViewport(
        initialViewport(layout, { width, height }, DEFAULT_LAYOUT_OPTIONS.nodeHeight),
      );
      if (pendingFocus.current) centerOn(pendingFocus.current.phase, 0);
      onDrawn(layout);
    },
    [store, layout, onDrawn, centerOn],
  );
  const onPick = useCallback(
    (phase: string) => {
      onSelect(phase);
      onFocus(phase);
    },
    [onSelect, onFocus],
  );

  useEffect(() => {
    if (focus !== null) centerOn(focus.phase, 450);
  }, [focus, centerOn]);

  const onNodeClick = useCallback<NodeMouseHandler<PhaseNodeType>>(
    (_event, node) => onSelect(node.id === selected ? null : node.id),
    [onSelect, selected],
  );
  const onPaneClick = useCallback(() => onSelect(null), [onSelect]);

  return (
    <ReactFlow<PhaseNodeType, StatusEdgeType>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      onInit={onInit}
      colorMode={resolved}
      minZoom={big ? 0.03 : 0.2}
      maxZoom={2}
      onlyRenderVisibleElements={big}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      defaultMarkerColor={IDLE_COLOR[resolved]}
    >
      <Panel position="top-left" className="!m-3">
        <GraphSearch graph={graph} query={search} onQuery={setSearch} onPick={onPick} />
      </Panel>
      {showLegend ? (
        <Panel position="top-right" className="!m-3">
          <StatusLegend />
        </Panel>
      ) : null}
      <Controls showInteractive={false} position="bottom-left" />
      <MiniMap<PhaseNodeType>
        pannable
        zoomable
        nodeComponent={MiniMapPhase}
        nodeStrokeWidth={0}
        nodeBorderRadius={6}
        maskColor={resolved === "dark" ? "rgba(2, 6, 23, 0.65)" : "rgba(241, 245, 249, 0.7)"}
        className="!rounded-lg !border !border-slate-200 overflow-hidden dark:!border-slate-700"
        ariaLabel="Overview of the pipeline, colored by phase status"
      />
    </ReactFlow>
  );
});
