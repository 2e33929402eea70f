import type { PhaseStatusName } from "@milo/core";

/** What a folded group shows of its phases' run. */
export interface GroupSummary {
  readonly total: number;
  /** How many of its phases are in each status (statuses with none left out). */
  readonly counts: Readonly<Partial<Record<PhaseStatusName, number>>>;
  /** The weighted share of its phases completed or skipped, in [0, 1], as the run's progress. */
  readonly progress: number;
}

/** Sums a group's phases; `statusOf` answers undefined for a phase the run has not got. */
export function summarizeGroup(
  phases: readonly { readonly name: string; readonly weight: number }[],
  statusOf: (name: string) => PhaseStatusName | undefined,
): GroupSummary {
  const counts: Partial<Record<PhaseStatusName, number>> = {};
  let doneWeight = 0;
  let totalWeight = 0;
  let doneCount = 0;
  for (const phase of phases) {
    const status = statusOf(phase.name) ?? "pending";
    counts[status] = (counts[status] ?? 0) + 1;
    totalWeight += phase.weight;
    if (status === "completed" || status === "skipped") {
      doneWeight += phase.weight;
      doneCount++;
    }
  }
  // Phases of weight 0 alone: count them instead, so the bar still moves.
  const progress =
    totalWeight > 0 ? doneWeight / totalWeight : phases.length > 0 ? doneCount / phases.length : 0;
  return { total: phases.length, counts, progress };
}
