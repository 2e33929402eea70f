import { type ReactFlowState, useStoreApi } from "@xyflow/react";
import { memo, useContext, useEffect, useRef } from "react";
import type { Theme } from "../Status/statusStyle";
import { drawShapes, type ShapeLayer, type ShapeScene } from "./drawShapes";
import { PhaseViewContext } from "./PhaseViewStore";
import type { PhaseEmphasis } from "./phaseEmphasis";

export interface ShapesLayerProps {
  readonly scene: ShapeScene;
  readonly emphasis: PhaseEmphasis;
  readonly selected: string | null;
  readonly matched: (name: string) => boolean;
  readonly theme: Theme;
}

const viewOf = (state: ReactFlowState) => state.transform;

/**
 * The whole graph on one canvas, for zooms too low to read a node: it replaces thousands of
 * DOM nodes and edges. Drawn in React Flow's viewport transform, again only when the viewport,
 * a phase's status or a prop changes, at most once a frame. Pointer events pass through it to
 * React Flow's pane, which pans, zooms, and tells the graph what was clicked.
 */
export const ShapesLayer = memo(function ShapesLayer(props: ShapesLayerProps) {
  const edgeCanvas = useRef<HTMLCanvasElement>(null);
  const nodeCanvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const views = useContext(PhaseViewContext);
  const latest = useRef(props);
  latest.current = props;
  const scheduled = useRef<((edgesToo: boolean) => void) | null>(null);

  useEffect(() => {
    let frame: number | null = null;
    let edgesDirty = true;
    const drawOn = (element: HTMLCanvasElement | null, layer: ShapeLayer) => {
      const context = element?.getContext("2d");
      if (!element || !context) return;
      const { width, height, transform } = store.getState();
      const pixelRatio = window.devicePixelRatio || 1;
      const pixelWidth = Math.round(width * pixelRatio);
      const pixelHeight = Math.round(height * pixelRatio);
      if (element.width !== pixelWidth || element.height !== pixelHeight) {
        element.width = pixelWidth;
        element.height = pixelHeight;
      }
      const { scene, emphasis, selected, matched, theme } = latest.current;
      drawShapes(
        context,
        scene,
        { viewOf: (name) => views.get(name), emphasis, selected, matched, theme },
        { x: transform[0], y: transform[1], zoom: transform[2], width, height, pixelRatio },
        [layer],
      );
      element.dataset.drawn = String(Number(element.dataset.drawn ?? 0) + 1);
    };
    const draw = () => {
      frame = null;
      if (edgesDirty) drawOn(edgeCanvas.current, "edges");
      edgesDirty = false;
      drawOn(nodeCanvas.current, "nodes");
    };
    const schedule = (edgesToo: boolean) => {
      edgesDirty ||= edgesToo;
      frame ??= requestAnimationFrame(draw);
    };
    scheduled.current = schedule;
    schedule(true);
    let lastTransform = viewOf(store.getState());
    let lastSize = `${store.getState().width}x${store.getState().height}`;
    const unsubscribeFlow = store.subscribe((state) => {
      const size = `${state.width}x${state.height}`;
      if (state.transform === lastTransform && size === lastSize) return;
      lastTransform = state.transform;
      lastSize = size;
      schedule(true);
    });
    // A status change repaints the nodes alone.
    const unsubscribeViews = views.subscribeAll(() => schedule(false));
    return () => {
      unsubscribeFlow();
      unsubscribeViews();
      scheduled.current = null;
      if (frame !== null) cancelAnimationFrame(frame);
    };
  }, [store, views]);

  // A new look (selection, search, overlay, theme): draw again on the next frame.
  // biome-ignore lint/correctness/useExhaustiveDependencies: each prop is a reason to draw
  useEffect(() => {
    scheduled.current?.(true);
  }, [props.scene, props.emphasis, props.selected, props.matched, props.theme]);

  const count = props.scene.positions.length.toLocaleString("en-US");
  return (
    <>
      <canvas ref={edgeCanvas} className="pointer-events-none absolute inset-0 z-[2] size-full" />
      <canvas
        ref={nodeCanvas}
        data-testid="graph-shapes"
        role="img"
        aria-label={`${count} phases drawn as shapes, colored by status; zoom in or use the search to reach one`}
        className="pointer-events-none absolute inset-0 z-[2] size-full"
      >
        {count} phases drawn as shapes: zoom in to see their names and statuses, or use the search
        to open one.
      </canvas>
    </>
  );
});
