import { isFinished, type PipelineGraph, type PipelineState } from "@milo/core";
import {
  ControlButton,
  Controls,
  type EdgeTypes,
  MiniMap,
  type NodeMouseHandler,
  type NodeTypes,
  type OnMoveStart,
  ReactFlow,
  type ReactFlowInstance,
  ReactFlowProvider,
  type ReactFlowState,
  useReactFlow,
  useStore,
  useStoreApi,
  type ViewportHelperFunctionOptions,
} from "@xyflow/react";
import {
  type KeyboardEvent,
  memo,
  type MouseEvent as ReactMouseEvent,
  type RefObject,
  useCallback,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from "react";
import { useTheme } from "../../hooks/useTheme";
import { IDLE_COLOR } from "../Status/statusStyle";
import type { ShapeScene } from "./drawShapes";
import { edgePolylines } from "./edgePolylines";
import { FoldControls } from "./FoldControls";
import { PhaseOrFoldedGroupNode } from "./FoldedGroupNode";
import {
  columnsInView,
  type FitLimits,
  fitViewport,
  frontViewport,
  phaseBounds,
} from "./fitViewport";
import type { GraphOverlay } from "./GraphOverlay";
import { GraphSearch } from "./GraphSearch";
import { MIN_FIT_ZOOM, START_ZOOM, type Viewport } from "./initialViewport";
import { DEFAULT_LAYOUT_OPTIONS, type GraphLayout } from "./layout";
import { lineageOf } from "./lineage";
import { MiniMapPhase } from "./MiniMapPhase";
import { openingViewport } from "./openingViewport";
import { PhaseViewContext, PhaseViewStore } from "./PhaseViewStore";
import { phaseAtPoint } from "./phaseAtPoint";
import type { PhaseNodeType } from "./phaseNodeData";
import { ShapesLayer } from "./ShapesLayer";
import { ShapesMiniMap } from "./ShapesMiniMap";
import { StatusEdge, type StatusEdgeType } from "./StatusEdge";
import { StatusLegend } from "./StatusLegend";
import { useFlowElements } from "./useFlowElements";
import { FoldingContext, useGraphFolding } from "./useGraphFolding";
import { useGraphLayout } from "./useGraphLayout";

// Defined once, outside any component: a new object per render would remount every node.
// A phase, or a folded group of phases drawn in its place.
const nodeTypes: NodeTypes = { phase: PhaseOrFoldedGroupNode };
const edgeTypes: EdgeTypes = { status: StatusEdge };

/**
 * Past this many phases only what is on screen is rendered, and below LOW_DETAIL_ZOOM the graph
 * is drawn as shapes on one canvas instead of DOM nodes. A smaller graph always stays nodes, so
 * every phase can be reached with the keyboard at any zoom.
 */
const VISIBLE_ONLY_THRESHOLD = 150;
/** Below this zoom names cannot be read (the zoom the graph never opens below). */
export const LOW_DETAIL_ZOOM = MIN_FIT_ZOOM;
const BIG_MIN_ZOOM = 0.03;
/** How often following the running phases may move the view. */
const FOLLOW_EVERY_MS = 800;
/** How far left of the middle a followed front is put, as a share of the pane's width. */
const FRONT_LEAD = 0.15;
/** Fitting the running phases stays readable: their middle when they are too many. */
const RUNNING_FIT: FitLimits = { minZoom: MIN_FIT_ZOOM, maxZoom: 1, padding: 32 };
const EMPTY_NODES: PhaseNodeType[] = [];
const EMPTY_EDGES: StatusEdgeType[] = [];

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

/** A request to fit phases into the view: the running ones (which also resumes following them). */
export interface FitRequest {
  readonly phases: readonly string[] | "running";
  /** Changes on every request, so asking twice fits twice. */
  readonly nonce: number;
}

/** What the graph view does to its viewport when asked from outside the canvas. */
interface GraphControls {
  /** Fits the phases; returns false when none is laid out. */
  fitPhases(phases: Iterable<string>, limits: FitLimits, duration: number): boolean;
  /** Moves the view to the running phases if none of them is in it. */
  keepInView(running: readonly string[]): void;
  /** Shows the running phases (as many as can be read at once). */
  showFront(running: readonly string[]): void;
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
  /** What the page draws over statuses: critical path, run diff, status filter. */
  readonly overlay?: GraphOverlay;
  /** The last request to fit phases into view. */
  readonly fit?: FitRequest | null;
  readonly className?: string;
}

/** A pipeline's DAG, laid out left to right, colored by the run's state when there is one. */
export function PipelineGraphView(props: PipelineGraphViewProps) {
  const { graph, state, selected, requested = null, onSelect, focus, onFocus, overlay } = props;
  const { fit = null } = props;
  // The canvas draws the graph with its folded groups as single nodes.
  const folding = useGraphFolding(graph);
  const { layout, layoutMs, wallMs, error } = useGraphLayout(folding.drawn);
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
  const controls = useRef<GraphControls | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  // Following the running phases: on for a live run until the user pans or zooms.
  const live = state !== null && !isFinished(state.status);
  const [follow, setFollow] = useState(true);
  const running = state?.running;
  useEffect(() => {
    if (follow && live && running) controls.current?.keepInView(running);
  }, [follow, live, running]);
  const onUserMove = useCallback(() => setFollow(false), []);
  // A phase selected or brought into view is what the user looks at now: stop pulling the view
  // away to the running phases.
  useEffect(() => {
    if (selected !== null || focus !== null) setFollow(false);
  }, [selected, focus]);

  // A request is acted on once, when made.
  useEffect(() => {
    if (fit === null) return;
    if (fit.phases === "running") {
      setFollow(true);
      controls.current?.showFront(stateRef.current?.running ?? []);
    } else {
      setFollow(false);
      controls.current?.fitPhases(
        fit.phases,
        { minZoom: BIG_MIN_ZOOM, maxZoom: 1, padding: 32 },
        300,
      );
    }
  }, [fit]);

  const selectedKnown = selected !== null && graph.phases.some((phase) => phase.name === selected);
  const fitLineage = useCallback(() => {
    if (selected === null) return;
    const lineage = lineageOf(graph, selected);
    controls.current?.fitPhases(
      [selected, ...lineage.upstream, ...lineage.downstream],
      { minZoom: BIG_MIN_ZOOM, maxZoom: 1, padding: 32 },
      300,
    );
  }, [graph, selected]);
  // A phase brought into view from outside the graph (timeline, panel, link) unfolds its group.
  const foldingRef = useRef(folding);
  foldingRef.current = folding;
  useEffect(() => {
    if (focus !== null) foldingRef.current.reveal(focus.phase);
  }, [focus]);
  // Clicking a folded group (or Enter on it) unfolds it; a phase picked inside one unfolds it too.
  const selectDrawn = useCallback(
    (name: string | null) => {
      const unfolded = name === null ? null : folding.reveal(name);
      if (unfolded !== null) onFocus(unfolded);
      else onSelect(name);
    },
    [folding, onSelect, onFocus],
  );
  const onPick = useCallback(
    (phase: string) => {
      folding.reveal(phase);
      onSelect(phase);
      onFocus(phase);
      // The search has done its job: its highlights would only get in the way now.
      setSearch("");
    },
    [folding, onSelect, onFocus],
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
        <div className="flex flex-wrap items-center gap-2">
          {selectedKnown ? (
            <button
              type="button"
              data-testid="fit-lineage"
              onClick={fitLineage}
              title="Fit the selected phase and everything upstream and downstream of it"
              className={TOOL_BUTTON}
            >
              Fit lineage
            </button>
          ) : null}
          {live ? (
            <button
              type="button"
              data-testid="follow-running"
              aria-pressed={follow}
              onClick={() => setFollow((on) => !on)}
              title="Keep the running phases in view; panning or zooming turns it off"
              className={`${TOOL_BUTTON} ${follow ? "border-sky-600 bg-sky-50 text-sky-900 dark:border-sky-400 dark:bg-sky-950/60 dark:text-sky-100" : ""}`}
            >
              {follow ? "Following running" : "Follow running"}
            </button>
          ) : null}
          <FoldControls folding={folding} />
          {state !== null ? <StatusLegend /> : null}
        </div>
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
            <FoldingContext.Provider value={folding}>
              {/* A new set of folded groups is a new drawing: open it afresh. */}
              <ReactFlowProvider key={folding.key}>
                <GraphCanvas
                  graph={folding.drawn}
                  layout={layout}
                  selected={selected}
                  search={search}
                  overlay={overlay}
                  onSelect={selectDrawn}
                  focus={focus}
                  onDrawn={setDrawnLayout}
                  stateRef={stateRef}
                  controls={controls}
                  onUserMove={onUserMove}
                />
              </ReactFlowProvider>
            </FoldingContext.Provider>
          </PhaseViewContext.Provider>
        </div>
      )}
    </div>
  );
}

const TOOL_BUTTON =
  "rounded-md border border-slate-300 px-2 py-0.5 text-slate-700 text-xs hover:bg-slate-100 dark:border-slate-600 dark:text-slate-200 dark:hover:bg-slate-800";

interface GraphCanvasProps {
  readonly graph: PipelineGraph;
  readonly layout: GraphLayout;
  readonly selected: string | null;
  readonly search: string;
  readonly overlay: GraphOverlay | undefined;
  readonly onSelect: (phase: string | null) => void;
  readonly focus: FocusRequest | null;
  readonly onDrawn: (layout: GraphLayout) => void;
  /** The run's latest state, read when the canvas opens (not a prop: it changes every frame). */
  readonly stateRef: RefObject<PipelineState | null>;
  readonly controls: RefObject<GraphControls | null>;
  /** The user panned or zoomed. */
  readonly onUserMove: () => void;
}

const NODE_SIZE = {
  width: DEFAULT_LAYOUT_OPTIONS.nodeWidth,
  height: DEFAULT_LAYOUT_OPTIONS.nodeHeight,
};

// Memoized, and every prop handed to React Flow kept stable: a changed prop object makes React
// Flow update its store, which wakes every mounted node and edge.
const GraphCanvas = memo(function GraphCanvas({
  graph,
  layout,
  selected,
  search,
  overlay,
  onSelect,
  focus,
  onDrawn,
  stateRef,
  controls,
  onUserMove,
}: GraphCanvasProps) {
  const { resolved } = useTheme();
  const { nodes, edges, emphasis, matched } = useFlowElements(graph, layout, {
    selected,
    search,
    overlay,
  });
  const flow = useReactFlow<PhaseNodeType, StatusEdgeType>();
  const big = graph.phases.length > VISIBLE_ONLY_THRESHOLD;
  const store = useStoreApi<PhaseNodeType, StatusEdgeType>();
  const zoomedOut = useStore(isZoomedOut);
  // Set just before a jump to a low zoom, so the DOM nodes are gone before the view gets there:
  // at the new zoom every node would be "visible", and React Flow would mount them all at once.
  const [goingLow, setGoingLow] = useState(false);
  const lowDetail = big && (zoomedOut || goingLow);
  const pendingViewport = useRef<{ viewport: Viewport; options: ViewportHelperFunctionOptions }>(
    null,
  );
  const applyViewport = useCallback(
    (viewport: Viewport, options: ViewportHelperFunctionOptions = {}) => {
      if (
        big &&
        viewport.zoom < LOW_DETAIL_ZOOM &&
        store.getState().transform[2] >= LOW_DETAIL_ZOOM
      ) {
        pendingViewport.current = { viewport, options };
        setGoingLow(true);
        return;
      }
      void flow.setViewport(viewport, options);
    },
    [big, store, flow],
  );
  // Runs after React Flow has taken the empty node list (its effects run before this one).
  useEffect(() => {
    const pending = pendingViewport.current;
    if (!goingLow || pending === null) return;
    pendingViewport.current = null;
    void flow.setViewport(pending.viewport, pending.options);
  }, [goingLow, flow]);
  useEffect(() => {
    if (goingLow && zoomedOut) setGoingLow(false);
  }, [goingLow, zoomedOut]);
  const scene = useMemo(() => shapeScene(graph, layout), [graph, layout]);

  const centerOn = useCallback(
    (phase: string, duration: number) => {
      const position = layout.positions.find((entry) => entry.name === phase);
      if (!position) return false;
      const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
      // Zoom in only as far as names are readable; a graph already shown larger stays as it is.
      void flow.setCenter(position.x + nodeWidth / 2, position.y + nodeHeight / 2, {
        zoom: Math.max(flow.getZoom(), START_ZOOM),
        duration,
        interpolate: "linear",
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
    (_instance: ReactFlowInstance<PhaseNodeType, StatusEdgeType>) => {
      const { width, height } = store.getState();
      if (pendingFocus.current) centerOn(pendingFocus.current.phase, 0);
      else {
        applyViewport(
          openingViewport(layout, stateRef.current, {
            pane: { width, height },
            node: NODE_SIZE,
            minZoom: big ? BIG_MIN_ZOOM : MIN_ZOOM,
          }),
        );
      }
      onDrawn(layout);
    },
    [store, layout, onDrawn, centerOn, stateRef, big, applyViewport],
  );

  const fitPhases = useCallback(
    (phases: Iterable<string>, limits: FitLimits, duration: number) => {
      const bounds = phaseBounds(layout.positions, new Set(phases), NODE_SIZE);
      if (bounds === null) return false;
      const { width, height } = store.getState();
      // Linear, so the zoom never dips below the readable level (and into shapes) on the way.
      applyViewport(fitViewport(bounds, { width, height }, limits), {
        duration,
        interpolate: "linear",
      });
      return true;
    },
    [layout, store, applyViewport],
  );
  const lastFollow = useRef(0);
  useLayoutEffect(() => {
    const showFront = (running: readonly string[], near: { x: number; y: number } | null) => {
      const { width, height } = store.getState();
      const following = near !== null;
      const pane = { width, height };
      const next = frontViewport(
        layout.positions,
        new Set(running),
        NODE_SIZE,
        pane,
        RUNNING_FIT,
        near,
      );
      if (next === null) return;
      if (!following) {
        void flow.setViewport(next, { duration: 300, interpolate: "linear" });
        return;
      }
      // Following jumps at once, with the front left of the middle so it stays in view longer as
      // it moves right: a slide would mount and unmount nodes on every frame of it.
      // (Only when one phase was centered: a front fitted whole stays as fitted.)
      const lead = next.zoom <= RUNNING_FIT.minZoom ? width * FRONT_LEAD : 0;
      void flow.setViewport({ ...next, x: next.x - lead });
    };
    controls.current = {
      fitPhases,
      showFront: (running) => showFront(running, null),
      keepInView(running) {
        if (running.length === 0) return;
        const now = performance.now();
        if (now - lastFollow.current < FOLLOW_EVERY_MS) return;
        const { width, height, transform } = store.getState();
        if (width === 0) return;
        const [x, y, zoom] = transform;
        const names = new Set(running);
        const pane = { width, height };
        // A column of the front in view is enough: a view that moves all the time cannot be
        // read (and sliding it mounts and unmounts nodes every frame).
        if (columnsInView(layout.positions, names, NODE_SIZE, { x, y, zoom }, pane)) return;
        lastFollow.current = now;
        showFront(running, { x: (width / 2 - x) / zoom, y: (height / 2 - y) / zoom });
      },
    };
    return () => {
      controls.current = null;
    };
  }, [controls, fitPhases, store, layout, flow]);

  const fitAll = useCallback(() => {
    fitPhases(
      graph.phases.map((phase) => phase.name),
      { minZoom: big ? BIG_MIN_ZOOM : MIN_ZOOM, maxZoom: 1.1, padding: 32 },
      0,
    );
  }, [fitPhases, graph, big]);

  // Only a move the user made (a d3 event behind it) stops following the running phases.
  const onMoveStart = useCallback<OnMoveStart>(
    (event) => {
      if (event !== null) onUserMove();
    },
    [onUserMove],
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
        interpolate: "linear",
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
  // At low detail the pane is what is clicked: the layout says which shape was under the pointer.
  const shapeAt = useCallback(
    (event: ReactMouseEvent) => {
      const point = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      return phaseAtPoint(layout.positions, point, NODE_SIZE, 6 / flow.getZoom());
    },
    [flow, layout],
  );
  const onPaneClick = useCallback(
    (event: ReactMouseEvent) => {
      const hit = lowDetail ? shapeAt(event) : null;
      onSelect(hit === null || hit === selected ? null : hit);
    },
    [onSelect, lowDetail, shapeAt, selected],
  );
  const views = useContext(PhaseViewContext);
  const onPaneMouseMove = useCallback(
    (event: ReactMouseEvent) => {
      const pane = event.currentTarget as HTMLElement;
      const hit = lowDetail ? shapeAt(event) : null;
      const mark = hit === null ? undefined : emphasis.markOf(hit);
      const title =
        hit === null
          ? ""
          : [hit, views.get(hit).label, mark?.title ?? mark?.badge ?? ""]
              .filter(Boolean)
              .join("\n");
      if (pane.title !== title) pane.title = title;
      pane.style.cursor = hit === null ? "" : "pointer";
    },
    [lowDetail, shapeAt, emphasis, views],
  );

  return (
    <ReactFlow<PhaseNodeType, StatusEdgeType>
      data-detail={lowDetail ? "low" : "full"}
      nodes={lowDetail ? EMPTY_NODES : nodes}
      edges={lowDetail ? EMPTY_EDGES : edges}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      onNodeClick={onNodeClick}
      onPaneClick={onPaneClick}
      onPaneMouseMove={onPaneMouseMove}
      onMoveStart={onMoveStart}
      onKeyDown={onKeyDown}
      onInit={onInit}
      ariaLabelConfig={ARIA_LABELS}
      colorMode={resolved}
      minZoom={big ? BIG_MIN_ZOOM : MIN_ZOOM}
      maxZoom={2}
      onlyRenderVisibleElements={big}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      defaultMarkerColor={IDLE_COLOR[resolved]}
    >
      {lowDetail ? (
        <ShapesLayer
          scene={scene}
          emphasis={emphasis}
          selected={selected}
          matched={matched}
          theme={resolved}
        />
      ) : null}
      <Controls showInteractive={false} showFitView={false} position="bottom-left">
        <ControlButton
          onClick={fitAll}
          className="react-flow__controls-fitview"
          data-testid="fit-view"
          title="Fit view"
          aria-label="Fit view"
        >
          <svg viewBox="0 0 32 30" aria-hidden="true">
            <path d="M3.692 4.63c0-.53.4-.938.939-.938h5.215V0H4.708C2.13 0 0 2.054 0 4.63v5.216h3.692V4.631zM27.354 0h-5.2v3.692h5.17c.53 0 .984.4.984.939v5.215H32V4.631A4.624 4.624 0 0027.354 0zm.954 24.83c0 .532-.4.94-.939.94h-5.215v3.768h5.215c2.577 0 4.631-2.13 4.631-4.707v-5.139h-3.692v5.139zm-23.677.94c-.531 0-.939-.4-.939-.94v-5.138H0v5.139c0 2.577 2.13 4.707 4.708 4.707h5.138V25.77H4.631z" />
          </svg>
        </ControlButton>
      </Controls>
      {showMiniMap && big ? <ShapesMiniMap scene={scene} theme={resolved} /> : null}
      {showMiniMap && !big ? (
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

const MIN_ZOOM = 0.2;
const isZoomedOut = (state: ReactFlowState) => state.transform[2] < LOW_DETAIL_ZOOM;

/**
 * The graph's nodes and edges as the low-detail canvas draws them: along the same routes, its
 * boxes and the ends of its lines at the node size the full-detail nodes have.
 */
function shapeScene(graph: PipelineGraph, layout: GraphLayout): ShapeScene {
  const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT_OPTIONS;
  const size = { nodeWidth, nodeHeight };
  return { positions: layout.positions, edges: edgePolylines(graph, layout, size), ...size };
}
