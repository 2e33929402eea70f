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
  const fit = Math.min(
    MAX_FIT_ZOOM,
    (size.width - 2 * PADDING) / Math.max(1, layout.width),
    (size.height - 2 * PADDING) / Math.max(1, layout.height),
  );
  if (fit >= MIN_FIT_ZOOM) {
    return {
      x: (size.width - layout.width * fit) / 2,
      y: (size.height - layout.height * fit) / 2,
      zoom: fit,
    };
  }
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
