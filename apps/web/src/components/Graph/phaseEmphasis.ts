import type { GraphOverlay, PhaseMark } from "./GraphOverlay";
import { edgeKey } from "./GraphOverlay";
import { isLineageEdge, type Lineage } from "./lineage";

/** How an edge is drawn besides its status. */
export type EdgeEmphasis = "highlight" | "lineage" | "dimmed" | "plain";

/**
 * What stands out and what fades, from the selection's lineage and the page's overlay, for
 * every level of detail alike. An overlay that dims the rest (a status filter, the critical
 * path) wins over the lineage's dimming, so stepping through its phases keeps them all in sight.
 */
export interface PhaseEmphasis {
  isDimmed(name: string): boolean;
  isHighlighted(name: string): boolean;
  markOf(name: string): PhaseMark | undefined;
  edge(from: string, to: string): EdgeEmphasis;
}

export function phaseEmphasis(
  selected: string | null,
  lineage: Lineage | null,
  overlay: GraphOverlay | undefined,
): PhaseEmphasis {
  const highlight = overlay?.highlight;
  const overlayDims = overlay?.dimOthers === true && highlight !== undefined;
  const inLineage = (name: string) =>
    name === selected ||
    lineage === null ||
    lineage.upstream.has(name) ||
    lineage.downstream.has(name);
  return {
    isDimmed: (name) =>
      name !== selected && (overlayDims ? !highlight.has(name) : !inLineage(name)),
    isHighlighted: (name) => highlight?.has(name) ?? false,
    markOf: (name) => overlay?.marks?.get(name),
    edge: (from, to) => {
      if (overlay?.highlightEdges?.has(edgeKey(from, to))) return "highlight";
      if (lineage !== null && selected !== null) {
        if (isLineageEdge(lineage, selected, from, to)) return "lineage";
        if (!overlayDims) return "dimmed";
      }
      if (overlayDims && !(highlight.has(from) && highlight.has(to))) return "dimmed";
      return "plain";
    },
  };
}
