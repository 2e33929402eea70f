import { fitViewport } from "./fitViewport";
import type { GraphLayout } from "./layout";

export interface Viewport {
  readonly x: number;
  readonly y: number;
  readonly zoom: number;
}

/** Below this zoom names cannot be read: rather than shrink a graph that far, show its start. */
export const MIN_FIT_ZOOM = 0.4;
export const START_ZOOM = 0.75;
const MAX_FIT_ZOOM = 1.1;
const PADDING = 32;

/**
 * Where the graph opens in a `width` × `height` pane: the whole graph, centered, when it fits at
 * a readable zoom; otherwise its start (the first column, vertically centered) at a readable
 * zoom, from where one pans right or searches. Pure, so it is tested without a browser.
 */
export function initialViewport(
  layout: GraphLayout,
  size: { readonly width: number; readonly height: number },
  nodeHeight: number,
): Viewport {
  const whole = fitViewport({ x: 0, y: 0, width: layout.width, height: layout.height }, size, {
    minZoom: 0,
    maxZoom: MAX_FIT_ZOOM,
    padding: PADDING,
  });
  if (whole.zoom >= MIN_FIT_ZOOM) return whole;
  let top = Number.POSITIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const position of layout.positions) {
    if (position.rank !== 0) continue;
    top = Math.min(top, position.y);
    bottom = Math.max(bottom, position.y + nodeHeight);
  }
  const middle = Number.isFinite(top) ? (top + bottom) / 2 : layout.height / 2;
  return { x: PADDING, y: size.height / 2 - middle * START_ZOOM, zoom: START_ZOOM };
}
