import type { CriticalLink } from "./timelineCriticalPath";
import { ROW_HEIGHT } from "./timelineStyle";

/**
 * SVG path data for a link of the critical path: down (or up) from one step's end to the next
 * step's row, then along it to that step's start. `rowOf` gives each phase's row (a folded
 * phase's group row); null when either end has no row or both share one.
 */
export function criticalLinkPath(
  link: CriticalLink,
  rowOf: ReadonlyMap<string, number>,
  x: (time: number) => number,
  rowsTop = 0,
): string | null {
  const from = rowOf.get(link.from);
  const to = rowOf.get(link.to);
  if (from === undefined || to === undefined || from === to) return null;
  const round = (value: number) => Math.round(value * 10) / 10;
  const x1 = round(x(link.fromEnd));
  const x2 = round(Math.max(x(link.fromEnd), x(link.toStart)));
  const y1 = rowsTop + from * ROW_HEIGHT + ROW_HEIGHT / 2;
  const y2 = rowsTop + to * ROW_HEIGHT + ROW_HEIGHT / 2;
  return `M ${x1} ${y1} L ${x1} ${y2} L ${x2} ${y2}`;
}
