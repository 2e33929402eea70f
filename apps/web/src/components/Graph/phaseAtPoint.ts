import type { NodePosition } from "./layout";

/**
 * The phase whose box holds `point` (in the layout's coordinates), or the nearest one within
 * `slop` of it, so a click on a shape only a few pixels tall still lands; null when none is.
 */
export function phaseAtPoint(
  positions: readonly NodePosition[],
  point: { readonly x: number; readonly y: number },
  size: { readonly width: number; readonly height: number },
  slop = 0,
): string | null {
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const position of positions) {
    const dx = Math.max(position.x - point.x, 0, point.x - (position.x + size.width));
    const dy = Math.max(position.y - point.y, 0, point.y - (position.y + size.height));
    const distance = Math.hypot(dx, dy);
    if (distance === 0) return position.name;
    if (distance <= slop && distance < bestDistance) {
      best = position.name;
      bestDistance = distance;
    }
  }
  return best;
}
