import type { PipelineState } from "@milo/core";
import { fitViewport, frontViewport, phaseBounds } from "./fitViewport";
import { initialViewport, MIN_FIT_ZOOM, START_ZOOM, type Viewport } from "./initialViewport";
import type { GraphLayout } from "./layout";

/** The part of a run's state the opening view reads (a `PipelineState` fits). */
export type OpeningState = Pick<PipelineState, "status" | "failedPhase" | "running" | "phases">;

export interface OpeningOptions {
  readonly pane: { readonly width: number; readonly height: number };
  readonly node: { readonly width: number; readonly height: number };
  /** The lowest zoom the graph allows: the whole graph may be shown that small. */
  readonly minZoom: number;
}

const PADDING = 32;

/**
 * Where a run's graph opens: on the first failure if there is one (centered, readable); else on
 * the running phases (all of them if they fit at a readable zoom, else the middle one); else, for
 * a run that has not started, on its start; else (a finished run) on the whole graph. Without a
 * run, the pipeline's own opening view. Pure, so it is tested without a browser.
 */
export function openingViewport(
  layout: GraphLayout,
  state: OpeningState | null,
  options: OpeningOptions,
): Viewport {
  const { pane, node } = options;
  if (state === null) return initialViewport(layout, pane, node.height);
  const failure =
    state.failedPhase ?? state.phases.find((phase) => phase.status === "failed")?.name ?? null;
  const failed = failure === null ? undefined : layout.positions.find((p) => p.name === failure);
  if (failed) {
    return fitViewport({ x: failed.x, y: failed.y, ...node }, pane, {
      minZoom: START_ZOOM,
      maxZoom: START_ZOOM,
      padding: PADDING,
    });
  }
  const running = frontViewport(layout.positions, new Set(state.running), node, pane, {
    minZoom: MIN_FIT_ZOOM,
    maxZoom: 1,
    padding: PADDING,
  });
  if (running !== null) return running;
  const ended = state.status !== "pending" && state.status !== "running";
  const whole = phaseBounds(layout.positions, null, node);
  if (!ended || whole === null) return initialViewport(layout, pane, node.height);
  return fitViewport(whole, pane, {
    minZoom: options.minZoom,
    maxZoom: 1.1,
    padding: PADDING,
  });
}
