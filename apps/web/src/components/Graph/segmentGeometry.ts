import type { RoutePoint } from "./layout";

/** An axis-aligned rectangle: a node's box. */
export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * Whether the segment a→b passes through the inside of `box` (touching its border does not
 * count), by clipping the segment to the box (Liang–Barsky).
 */
export function segmentCrossesBox(a: RoutePoint, b: RoutePoint, box: Box): boolean {
  const margin = 0.5;
  const left = box.x + margin;
  const right = box.x + box.width - margin;
  const top = box.y + margin;
  const bottom = box.y + box.height - margin;
  let enter = 0;
  let leave = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const clip = (p: number, q: number): boolean => {
    if (p === 0) return q > 0;
    const t = q / p;
    if (p < 0) enter = Math.max(enter, t);
    else leave = Math.min(leave, t);
    return enter < leave;
  };
  return (
    clip(-dx, a.x - left) && clip(dx, right - a.x) && clip(-dy, a.y - top) && clip(dy, bottom - a.y)
  );
}

/** Whether segments a→b and c→d cross at a point inside both (not at an end, not collinear). */
export function segmentsCross(a: RoutePoint, b: RoutePoint, c: RoutePoint, d: RoutePoint): boolean {
  const side = (p: RoutePoint, q: RoutePoint, r: RoutePoint) =>
    Math.sign((q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x));
  const abc = side(a, b, c);
  const abd = side(a, b, d);
  const cda = side(c, d, a);
  const cdb = side(c, d, b);
  return abc * abd < 0 && cda * cdb < 0;
}

/** The length of a path through `points`. */
export function polylineLength(points: readonly RoutePoint[]): number {
  let length = 0;
  for (let index = 1; index < points.length; index++) {
    length += Math.hypot(
      points[index]!.x - points[index - 1]!.x,
      points[index]!.y - points[index - 1]!.y,
    );
  }
  return length;
}
