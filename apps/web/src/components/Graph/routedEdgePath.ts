import type { RoutePoint } from "./layout";

/**
 * An SVG path through `points`, left to right: straight where two points are level (across a
 * column), otherwise an S-curve with level tangents that stays between the two points' x, so it
 * never reaches into the columns on either side.
 */
export function routedEdgePath(points: readonly RoutePoint[]): string {
  const [first, ...rest] = points;
  if (first === undefined) return "";
  let path = `M${first.x},${first.y}`;
  let previous = first;
  for (const point of rest) {
    if (point.y === previous.y) {
      path += ` L${point.x},${point.y}`;
    } else {
      const middle = (previous.x + point.x) / 2;
      path += ` C${middle},${previous.y} ${middle},${point.y} ${point.x},${point.y}`;
    }
    previous = point;
  }
  return path;
}
