import type { Viewport } from "./initialViewport";
import type { NodePosition } from "./layout";

export interface Bounds {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface FitLimits {
  readonly minZoom: number;
  readonly maxZoom: number;
  /** Screen pixels kept free around the bounds. */
  readonly padding: number;
}

/** The box around the named phases' nodes; null when none of them is laid out. */
export function phaseBounds(
  positions: readonly NodePosition[],
  names: ReadonlySet<string> | null,
  size: { readonly width: number; readonly height: number },
): Bounds | null {
  let left = Number.POSITIVE_INFINITY;
  let top = Number.POSITIVE_INFINITY;
  let right = Number.NEGATIVE_INFINITY;
  let bottom = Number.NEGATIVE_INFINITY;
  for (const position of positions) {
    if (names !== null && !names.has(position.name)) continue;
    left = Math.min(left, position.x);
    top = Math.min(top, position.y);
    right = Math.max(right, position.x + size.width);
    bottom = Math.max(bottom, position.y + size.height);
  }
  if (!Number.isFinite(left)) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * The viewport that shows `bounds` whole in a `pane`, centered, at a zoom within the limits. At
 * the lower limit a box too big for the pane is cut around its center.
 */
export function fitViewport(
  bounds: Bounds,
  pane: { readonly width: number; readonly height: number },
  limits: FitLimits,
): Viewport {
  const fit = Math.min(
    (pane.width - 2 * limits.padding) / Math.max(1, bounds.width),
    (pane.height - 2 * limits.padding) / Math.max(1, bounds.height),
  );
  const zoom = Math.min(limits.maxZoom, Math.max(limits.minZoom, fit));
  return {
    x: pane.width / 2 - (bounds.x + bounds.width / 2) * zoom,
    y: pane.height / 2 - (bounds.y + bounds.height / 2) * zoom,
    zoom,
  };
}

/** Whether the pane at `viewport` shows, left to right, some of the named phases' columns. */
export function columnsInView(
  positions: readonly NodePosition[],
  names: ReadonlySet<string>,
  size: { readonly width: number; readonly height: number },
  viewport: Viewport,
  pane: { readonly width: number; readonly height: number },
): boolean {
  const left = -viewport.x / viewport.zoom;
  const right = (pane.width - viewport.x) / viewport.zoom;
  return positions.some(
    (position) =>
      names.has(position.name) && position.x >= left && position.x + size.width <= right,
  );
}

/**
 * The view of a set of phases that may be too spread out to read at once (the running front of
 * a wide graph): all of them fitted when they fit at `limits.minZoom`; otherwise, at that zoom,
 * the one nearest `near` (a point of the flow: by default the middle of the set) centered.
 */
export function frontViewport(
  positions: readonly NodePosition[],
  names: ReadonlySet<string>,
  size: { readonly width: number; readonly height: number },
  pane: { readonly width: number; readonly height: number },
  limits: FitLimits,
  near: { readonly x: number; readonly y: number } | null = null,
): Viewport | null {
  const bounds = phaseBounds(positions, names, size);
  if (bounds === null) return null;
  const whole = fitViewport(bounds, pane, { ...limits, minZoom: 0 });
  if (whole.zoom >= limits.minZoom) return fitViewport(bounds, pane, limits);
  const target = near ?? { x: bounds.x + bounds.width / 2, y: bounds.y + bounds.height / 2 };
  let nearest: NodePosition | null = null;
  let nearestDistance = Number.POSITIVE_INFINITY;
  for (const position of positions) {
    if (!names.has(position.name)) continue;
    const distance = Math.hypot(
      position.x + size.width / 2 - target.x,
      position.y + size.height / 2 - target.y,
    );
    if (distance < nearestDistance) {
      nearest = position;
      nearestDistance = distance;
    }
  }
  return fitViewport({ x: nearest!.x, y: nearest!.y, ...size }, pane, {
    ...limits,
    maxZoom: limits.minZoom,
  });
}
