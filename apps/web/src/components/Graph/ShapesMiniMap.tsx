import { Panel, useReactFlow, useStoreApi } from "@xyflow/react";
import { type MouseEvent, memo, useContext, useEffect, useMemo, useRef } from "react";
import type { Theme } from "../Status/statusStyle";
import { drawShapes, type ShapeScene } from "./drawShapes";
import { fitViewport, phaseBounds } from "./fitViewport";
import { PhaseViewContext } from "./PhaseViewStore";
import { phaseEmphasis } from "./phaseEmphasis";

const WIDTH = 160;
const HEIGHT = 100;
/** A run changes statuses every frame; the overview redraws a few times a second at most. */
const STATUS_REDRAW_MS = 250;
const VIEW_COLOR: Readonly<Record<Theme, string>> = { light: "#0f172a", dark: "#f8fafc" };

/**
 * The overview of a big graph: every phase as a dot of its status color on one small canvas,
 * with the part in view framed; a click there centers the view on that point. React Flow's own
 * minimap draws one SVG element per phase and repaints them all when any status changes.
 */
export const ShapesMiniMap = memo(function ShapesMiniMap({
  scene,
  theme,
}: {
  readonly scene: ShapeScene;
  readonly theme: Theme;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const store = useStoreApi();
  const flow = useReactFlow();
  const views = useContext(PhaseViewContext);
  const dots = useMemo<ShapeScene>(() => ({ ...scene, edges: [] }), [scene]);
  const frame = useMemo(() => {
    const bounds = phaseBounds(scene.positions, null, {
      width: scene.nodeWidth,
      height: scene.nodeHeight,
    }) ?? { x: 0, y: 0, width: 1, height: 1 };
    return fitViewport(
      bounds,
      { width: WIDTH, height: HEIGHT },
      {
        minZoom: 0,
        maxZoom: 1,
        padding: 4,
      },
    );
  }, [scene]);

  useEffect(() => {
    let animation: number | null = null;
    let lastStatusDraw = 0;
    let statusTimer: ReturnType<typeof setTimeout> | null = null;
    const draw = () => {
      animation = null;
      const element = canvas.current;
      const context = element?.getContext("2d");
      if (!element || !context) return;
      const pixelRatio = window.devicePixelRatio || 1;
      if (element.width !== WIDTH * pixelRatio) {
        element.width = WIDTH * pixelRatio;
        element.height = HEIGHT * pixelRatio;
      }
      drawShapes(
        context,
        dots,
        {
          viewOf: (name) => views.get(name),
          emphasis: phaseEmphasis(null, null, undefined),
          selected: null,
          matched: () => false,
          theme,
        },
        { ...frame, width: WIDTH, height: HEIGHT, pixelRatio },
        ["nodes"],
      );
      // The part of the graph in view.
      const { width, height, transform } = store.getState();
      const [x, y, zoom] = transform;
      context.globalAlpha = 1;
      context.strokeStyle = VIEW_COLOR[theme];
      context.lineWidth = 1.5 / frame.zoom;
      context.beginPath();
      context.rect(-x / zoom, -y / zoom, width / zoom, height / zoom);
      context.stroke();
    };
    const schedule = () => {
      animation ??= requestAnimationFrame(draw);
    };
    const scheduleForStatus = () => {
      if (statusTimer !== null) return;
      const wait = Math.max(0, lastStatusDraw + STATUS_REDRAW_MS - performance.now());
      statusTimer = setTimeout(() => {
        statusTimer = null;
        lastStatusDraw = performance.now();
        schedule();
      }, wait);
    };
    schedule();
    let lastTransform = store.getState().transform;
    const unsubscribeFlow = store.subscribe((state) => {
      if (state.transform === lastTransform) return;
      lastTransform = state.transform;
      schedule();
    });
    const unsubscribeViews = views.subscribeAll(scheduleForStatus);
    return () => {
      unsubscribeFlow();
      unsubscribeViews();
      if (animation !== null) cancelAnimationFrame(animation);
      if (statusTimer !== null) clearTimeout(statusTimer);
    };
  }, [dots, frame, store, views, theme]);

  const onClick = (event: MouseEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const flowX = (event.clientX - box.left - frame.x) / frame.zoom;
    const flowY = (event.clientY - box.top - frame.y) / frame.zoom;
    void flow.setCenter(flowX, flowY, {
      zoom: flow.getZoom(),
      duration: 200,
      interpolate: "linear",
    });
  };

  return (
    <Panel position="bottom-right" className="milo-minimap">
      <canvas
        ref={canvas}
        data-testid="graph-overview"
        onClick={onClick}
        aria-label="Overview of the pipeline, colored by phase status; click to move the view there"
        role="img"
        className="block cursor-pointer rounded-lg border border-slate-200 bg-white dark:border-slate-700 dark:bg-slate-900"
        style={{ width: WIDTH, height: HEIGHT }}
      />
    </Panel>
  );
});
