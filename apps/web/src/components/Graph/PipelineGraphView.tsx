import type { PipelineGraph, PipelineState } from "@milo/core";
import {
  Controls,
  type EdgeTypes,
  MiniMap,
  type NodeMouseHandler,
  type NodeTypes,
  ReactFlow,
  type ReactFlowInstance,
  ReactFlowProvider,
  type ReactFlowState,
  useReactFlow,
  useStore,
  useStoreApi,
} from "@xyflow/react";
import {
  type KeyboardEvent,
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { useTheme } from "../../hooks/useTheme";
import { IDLE_COLOR } from "../Status/statusStyle";
import { GraphSearch } from "./GraphSearch";
import { initialViewport, START_ZOOM } from "./initialViewport";
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

/** Narrower than this, the minimap would cover the nodes it maps: the pane goes without it. */
const MINIMAP_MIN_PANE_WIDTH = 720;
const MINIMAP_MIN_PANE_HEIGHT = 360;

/** What a screen reader says on a node: what Enter, Space and Escape do here. */
const ARIA_LABELS = {
  "node.a11yDescription.default":
    "Press Enter or Space to open the phase's details, Escape to close them.",
  "node.a11yDescription.keyboardDisabled":
    "Press Enter or Space to open the phase's details, Escape to close them.",
};

const paneSize = (state: ReactFlowState) => `${state.width}x${state.height}`;

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
  /** The phase the URL asks for (`?phase=`), said to be unknown when the graph has no such phase. */
  readonly requested?: string | null;
  readonly onSelect: (phase: string | null) => void;
  readonly focus: FocusRequest | null;
  readonly onFocus: (phase: string) => void;
  readonly className?: string;
}

/** A pipeline's DAG, laid out left to right, colored by the run's state when there is one. */
export function PipelineGraphView(props: PipelineGraphViewProps) {
  const { graph, state, selected, requested = null, onSelect, focus, onFocus } = props;
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
  const [search, setSearch] = useState("");
  const onPick = useCallback(
    (phase: string) => {
      onSelect(phase);
      onFocus(phase);
      // The search has done its job: its highlights would only get in the way now.
      setSearch("");
    },
    [onSelect, onFocus],
  );
  return (
    <div
      data-testid="pipeline-graph"
      data-layout-ms={layoutMs === null ? undefined : Math.round(layoutMs)}
      data-layout-wall-ms={wallMs === null ? undefined : Math.round(wallMs)}
      data-ready={ready ? "true" : undefined}
      data-phase-count={props.graph.phases.length}
      className={`flex flex-col overflow-hidden rounded-xl border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60 ${props.className ?? ""}`}
    >
      {/* Search and legend sit above the canvas, not on it: they never cover a node, and the
          search comes before the nodes in the tab order. */}
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-slate-200 border-b bg-white px-3 py-2 dark:border-slate-800 dark:bg-slate-900">
        <GraphSearch graph={graph} query={search} onQuery={setSearch} onPick={onPick} />
        {state !== null ? <StatusLegend /> : null}
      </div>
      {requested !== null && !graph.phases.some((phase) => phase.name === requested) ? (
        // A shared link can name a phase that is not (or no longer) in the pipeline: say so.
        <p
          role="status"
          data-testid="unknown-phase"
          className="flex flex-wrap items-center gap-2 border-amber-200 border-b bg-amber-50 px-3 py-1.5 text-amber-900 text-sm dark:border-amber-900/60 dark:bg-amber-950/40 dark:text-amber-100"
        >
          No phase named “{requested}” in {graph.name}: the link names a phase this pipeline does
          not have.
          <button
            type="button"
            onClick={() => onSelect(null)}
            className="rounded-md border border-current px-2 py-0.5 text-xs"
          >
            Dismiss
          </button>
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="p-6 text-red-700 text-sm dark:text-red-300">
          {error}
        </p>
      ) : layout === null ? (
        <div className="flex h-full items-center justify-center gap-3 text-slate-500 text-sm dark:text-slate-400">
          <span className="size-4 animate-spin rounded-full border-2 border-slate-300 border-t-slate-600 dark:border-slate-700 dark:border-t-slate-300" />
          Laying out {props.graph.phases.length.toLocaleString()} phases…
        </div>
      ) : (
        <div className="relative min-h-0 flex-1">
          <PhaseViewContext.Provider value={viewStore}>
            <ReactFlowProvider>
              <GraphCanvas
                graph={graph}
                layout={layout}
                selected={selected}
                search={search}
                onSelect={onSelect}
                focus={focus}
                onDrawn={setDrawnLayout}
              />
            </ReactFlowProvider>
          </PhaseViewContext.Provider>
        </div>
      )}
    </div>
  );
}

interface GraphCanvasProps {
  readonly graph: PipelineGraph;
  readonly layout: GraphLayout;
  readonly selected: string | null;
  readonly search: string;
  readonly onSelect: (phase: string | null) => void;
  readonly focus: FocusRequest | null;
  readonly onDrawn: (layout: GraphLayout) => void;
}

// Memoized, and every prop handed to React Flow kept stable: a changed prop object makes React
// Flow update its store, which wakes every mounted node and edge.
const GraphCanvas = memo(function GraphCanvas({
  graph,
  layout,
  selected,
  search,
  onSelect,
  focus,
  onDrawn,
}: GraphCanvasProps) {
  const { resolved } = useTheme();
  const { nodes, edges } = useFlowElements(graph, layout, { selected, search });
  const flow = useReactFlow<PhaseNodeType, StatusEdgeType>();
  const big = graph.phases.length > VISIBLE_ONLY_THRESHOLD;

  const store = useStoreApi<PhaseNodeType, StatusEdgeType>();
  const centerOn = useCallback(
    (phase: string, duration: number) => {
      const position = layout.positions.find((entry) => entry.name === phase);
      if (!position) return false;
      const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
      // Zoom in only as far as names are readable; a graph already shown larger stays as it is.
      void flow.setCenter(position.x + nodeWidth / 2, position.y + nodeHeight / 2, {
        zoom: Math.max(flow.getZoom(), START_ZOOM),
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
  // When the last request to center a phase was made, so a resize right after it (the panel
  // opening in the same step) centers again in the new pane instead of the old one.
  const focusedAt = useRef(0);
  useEffect(() => {
    if (focus === null) return;
    focusedAt.current = performance.now();
    centerOn(focus.phase, 450);
  }, [focus, centerOn]);

  // Opening the panel narrows the pane: keep the selected phase in sight (moving only if it
  // left the view, at the zoom the user chose).
  const size = useStore(paneSize);
  const focusRef = useRef(focus);
  focusRef.current = focus;
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs again when the pane resizes
  useEffect(() => {
    if (selected === null) return;
    if (focusRef.current?.phase === selected && performance.now() - focusedAt.current < 600) {
      centerOn(selected, 300);
      return;
    }
    const { width, height, transform } = store.getState();
    const [x, y, zoom] = transform;
    const position = layout.positions.find((entry) => entry.name === selected);
    if (!position || width === 0) return;
    const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
    const left = position.x * zoom + x;
    const top = position.y * zoom + y;
    const inView =
      left >= 0 &&
      top >= 0 &&
      left + nodeWidth * zoom <= width &&
      top + nodeHeight * zoom <= height;
    if (!inView) {
      void flow.setCenter(position.x + nodeWidth / 2, position.y + nodeHeight / 2, {
        zoom,
        duration: 200,
      });
    }
  }, [selected, size, store, layout, flow, centerOn]);

  // Closing the panel from inside it (Escape, its close button) gives focus back to the node.
  const lastSelected = useRef(selected);
  useEffect(() => {
    const previous = lastSelected.current;
    lastSelected.current = selected;
    if (selected !== null || previous === null) return;
    const active = document.activeElement;
    if (active !== null && active !== document.body) return;
    document
      .querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(previous)}"]`)
      ?.focus({ preventScroll: true });
  }, [selected]);

  // Nodes take focus from React Flow; Enter or Space on one opens (or closes) its panel.
  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLDivElement>) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const target = event.target as HTMLElement;
      if (!target.classList.contains("react-flow__node")) return;
      const id = target.dataset.id;
      if (id === undefined) return;
      event.preventDefault();
      onSelect(id === selected ? null : id);
    },
    [onSelect, selected],
  );
  const [paneWidth, paneHeight] = size.split("x").map(Number) as [number, number];
  const showMiniMap = paneWidth >= MINIMAP_MIN_PANE_WIDTH && paneHeight >= MINIMAP_MIN_PANE_HEIGHT;

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
      onKeyDown={onKeyDown}
      onInit={onInit}
      ariaLabelConfig={ARIA_LABELS}
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
      <Controls showInteractive={false} position="bottom-left" />
      {showMiniMap ? (
        <MiniMap<PhaseNodeType>
          pannable
          zoomable
          nodeComponent={MiniMapPhase}
          nodeStrokeWidth={0}
          nodeBorderRadius={6}
          maskColor={resolved === "dark" ? "rgba(2, 6, 23, 0.65)" : "rgba(241, 245, 249, 0.7)"}
          className="!rounded-lg !border !border-slate-200 overflow-hidden dark:!border-slate-700"
          style={{ width: 160, height: 100 }}
          ariaLabel="Overview of the pipeline, colored by phase status"
        />
      ) : null}
    </ReactFlow>
  );
});
