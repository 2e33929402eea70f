import type { TimeDomain } from "./timeline";

/** The narrowest span the chart zooms to, in ms. */
export const MIN_ZOOM_SPAN_MS = 20;

/** `view` moved (never resized) to lie within `full`; `full` itself when it is wider. */
export function clampDomain(view: TimeDomain, full: TimeDomain): TimeDomain {
  const span = view.end - view.start;
  if (span >= full.end - full.start) return full;
  const start = Math.min(Math.max(view.start, full.start), full.end - span);
  return { start, end: start + span };
}

/**
 * `view` scaled by `factor` (below 1 zooms in) around the time `anchor`, which stays where it is
 * on screen; never narrower than `minimumMs`, never beyond `full`.
 */
export function zoomDomain(
  view: TimeDomain,
  full: TimeDomain,
  anchor: number,
  factor: number,
  minimumMs = MIN_ZOOM_SPAN_MS,
): TimeDomain {
  const span = view.end - view.start;
  const next = Math.max(minimumMs, span * factor);
  const ratio = span > 0 ? (anchor - view.start) / span : 0.5;
  const start = anchor - ratio * next;
  return clampDomain({ start, end: start + next }, full);
}

/** `view` moved by `deltaMs` (later when positive), kept within `full`. */
export function panDomain(view: TimeDomain, full: TimeDomain, deltaMs: number): TimeDomain {
  return clampDomain({ start: view.start + deltaMs, end: view.end + deltaMs }, full);
}

/**
 * The view a brush from `from` to `to` (either way round) selects, within `full`; null for a
 * brush narrower than `minimumMs` (a click, not a drag).
 */
export function brushDomain(
  from: number,
  to: number,
  full: TimeDomain,
  minimumMs = MIN_ZOOM_SPAN_MS,
): TimeDomain | null {
  const start = Math.max(full.start, Math.min(from, to));
  const end = Math.min(full.end, Math.max(from, to));
  return end - start < minimumMs ? null : { start, end };
}

/** True when `view` shows less than all of `full`. */
export function isZoomed(view: TimeDomain, full: TimeDomain): boolean {
  return view.start > full.start || view.end < full.end;
}
