import type { PhaseGraph } from "@milo/core";
import type { Node } from "@xyflow/react";
import type { PhaseMark } from "./GraphOverlay";

/**
 * What a phase node gets from React Flow: the phase and how the selection and search treat it.
 * Its run status comes from the PhaseViewStore instead, so status changes never touch the nodes.
 */
export interface PhaseNodeData extends Record<string, unknown> {
  readonly phase: PhaseGraph;
  readonly selected: boolean;
  /** Outside the selected phase's lineage: drawn faintly. */
  readonly dimmed: boolean;
  /** Matches the current search. */
  readonly matched: boolean;
  /** Emphasised by the page's overlay (critical path, status filter). */
  readonly highlighted: boolean;
  /** The overlay's mark on it, if any. */
  readonly mark: PhaseMark | undefined;
}

export type PhaseNodeType = Node<PhaseNodeData, "phase">;

/** The id of the element that names a phase's node for assistive tech ("build, completed"):
 *  React Flow's focusable wrapper points at it, so the name follows the status live. */
export function phaseLabelId(phase: string): string {
  return `milo-phase-label-${encodeURIComponent(phase)}`;
}

export function sameNodeData(a: PhaseNodeData, b: PhaseNodeData): boolean {
  return (
    a.phase === b.phase &&
    a.selected === b.selected &&
    a.dimmed === b.dimmed &&
    a.matched === b.matched &&
    a.highlighted === b.highlighted &&
    a.mark === b.mark
  );
}
