import type { PhaseGraph, PhaseStatusName } from "@milo/core";
import type { Node } from "@xyflow/react";

/** Everything a phase node draws; a node gets a new object only when one of these changes. */
export interface PhaseNodeData extends Record<string, unknown> {
  readonly phase: PhaseGraph;
  readonly status: PhaseStatusName;
  readonly attempt: number;
  /** How long the phase took, once it has ended; null before. */
  readonly elapsed: number | null;
  /** The failed or cancelled phase that keeps this pending phase from ever running. */
  readonly blockedBy: string | null;
  /** The run's first failure: the one to look at first. */
  readonly firstFailure: boolean;
  readonly selected: boolean;
  /** Outside the selected phase's lineage: drawn faintly. */
  readonly dimmed: boolean;
  /** Matches the current search. */
  readonly matched: boolean;
}

export type PhaseNodeType = Node<PhaseNodeData, "phase">;

export function sameNodeData(a: PhaseNodeData, b: PhaseNodeData): boolean {
  return (
    a.phase === b.phase &&
    a.status === b.status &&
    a.attempt === b.attempt &&
    a.elapsed === b.elapsed &&
    a.blockedBy === b.blockedBy &&
    a.firstFailure === b.firstFailure &&
    a.selected === b.selected &&
    a.dimmed === b.dimmed &&
    a.matched === b.matched
  );
}
